from django.urls import path

from acip.editions import views

app_name = "editions"

urlpatterns = [
    path("", views.edition_list, name="list"),
    path("new/", views.edition_create, name="create"),
    path("<int:pk>/", views.edition_detail, name="detail"),
    path("<int:pk>.pdf", views.edition_pdf, name="pdf"),
    path("<int:pk>/partners/<int:partner_id>/", views.edition_entry, name="entry"),
]
