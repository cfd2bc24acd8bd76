from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("<slug:slug>/", views.partner_detail, name="detail"),
    path("<slug:slug>/focal-point/", views.focal_point_update, name="focal_point_update"),
    path("<slug:slug>/status/new/", views.status_create, name="status_create"),
    path("<slug:slug>/plans/new/", views.plan_create, name="plan_create"),
    path("<slug:slug>/plans/<int:pk>/edit/", views.plan_update, name="plan_update"),
    path("<slug:slug>/plans/<int:plan_pk>/outcomes/new/", views.outcome_create, name="outcome_create"),
    path("<slug:slug>/outcomes/<int:pk>/edit/", views.outcome_update, name="outcome_update"),
    path("<slug:slug>/outcomes/<int:outcome_pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("<slug:slug>/indicators/<int:pk>/edit/", views.indicator_update, name="indicator_update"),
    path("<slug:slug>/indicators/<int:indicator_pk>/values/new/", views.value_create, name="value_create"),
    path("<slug:slug>/values/<int:pk>/edit/", views.value_update, name="value_update"),
    path("<slug:slug>/assessments/new/", views.assessment_create, name="assessment_create"),
    path("<slug:slug>/assessments/<int:pk>/edit/", views.assessment_update, name="assessment_update"),
    path("<slug:slug>/activities/new/", views.activity_create, name="activity_create"),
    path("<slug:slug>/activities/<int:pk>/edit/", views.activity_update, name="activity_update"),
]
