from django.urls import path

from acip.search import views

app_name = "search"
urlpatterns = [
    path("", views.search, name="results"),
]
