from django.urls import path

from acip.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.preferences, name="preferences"),
]
