from django.contrib import admin
from django.urls import include, path

from acip import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("", include("acip.dashboards.urls")),
    path("meetings/", include("meetings.urls")),
    path("partners/", include("partners.urls")),
]
