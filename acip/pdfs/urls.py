from django.urls import path

from acip.pdfs import views

app_name = "pdfs"

urlpatterns = [
    path("<uuid:uuid>/", views.pdf_progress, name="progress"),
    path("<uuid:uuid>/download/", views.pdf_download, name="download"),
]
