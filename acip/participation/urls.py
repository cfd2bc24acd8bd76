from django.urls import path

from acip.participation import views

app_name = "participation"

urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("queue/decide/", views.decide, name="decide"),
    path("my-details/", views.own_contact, name="contact"),
    path("<slug:slug>/confirm/", views.confirm, name="confirm"),
    path("<slug:slug>/sent/", views.sent, name="sent"),
    path("<slug:slug>/propose/<slug:kind>/<int:pk>/", views.propose, name="propose"),
    path("<slug:slug>/indicators/<int:indicator_pk>/report/", views.report_create, name="report_create"),
    path("<slug:slug>/reports/<int:pk>/", views.report_update, name="report_update"),
]
