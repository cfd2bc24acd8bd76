from django.urls import path

from acip.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("<slug:kind>/", views.import_upload, name="upload"),
    path("<slug:kind>/preview/", views.import_preview, name="preview"),
    path("<slug:kind>/template.xlsx", views.import_template, name="template"),
]
