from django.urls import path

from acip.iati import views

app_name = "iati"

urlpatterns = [
    path("activities.xml", views.activities, name="activities"),
]
