from django.urls import path

from acip.documents import views

app_name = "documents"

urlpatterns = [
    path("new/<slug:kind>/<str:key>/", views.attachment_create_view, name="create"),
    path("<uuid:uuid>/", views.attachment_download, name="download"),
    path("<uuid:uuid>/v<int:number>/", views.attachment_download, name="version_download"),
    path("<uuid:uuid>/new-version/", views.version_create_view, name="version_create"),
]
