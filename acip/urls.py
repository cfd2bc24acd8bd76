from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from acip import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    # The language switch of the navigation bar: open before logging in too, so that the login page can change it.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("acip.dashboards.urls")),
    path("meetings/", include("meetings.urls")),
    path("partners/", include("partners.urls")),
]
