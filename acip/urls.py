from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, register_converter
from django.views.i18n import set_language

from acip import views
from acip.api import feed_views
from acip.dashboards import exports as dashboard_exports
from acip.forms import LoginForm
from acip.lib.exports import ExportFormatConverter, export_patterns
from meetings import exports as meeting_exports
from partners import exports as partner_exports

register_converter(ExportFormatConverter, "export_format")

# /exports/<list>.<csv|xlsx>?<the list's filters>, named after the list: exports:partners, exports:side_meetings...
EXPORTS = partner_exports.EXPORTS | meeting_exports.EXPORTS | dashboard_exports.EXPORTS
handler500 = "acip.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("my-work/", views.my_work_page, name="my_work"),
    # Django's account views (django.contrib.auth.urls, spelled out): login, reset and reset confirmation use ours.
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    # The language switch of the navigation bar: open before logging in too, so that the login page can change it.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("acip.dashboards.urls")),
    path("documents/", include("acip.documents.urls")),
    path("editions/", include("acip.editions.urls")),
    path("pdfs/", include("acip.pdfs.urls")),
    path("exports/", include((export_patterns(EXPORTS), "exports"))),
    path("iati/", include("acip.iati.urls")),
    path("imports/", include("acip.imports.urls")),
    path("meetings/", include("meetings.urls")),
    path("partners/", include("partners.urls")),
    path("search/", include("acip.search.urls")),
    path("participation/", include("acip.participation.urls")),
    path("settings/reminders/", include("acip.reminders.urls")),
    # The read-only API, and the settings page where a user makes and revokes their tokens for it.
    path("api/v1/", include("acip.api.urls")),
    path("settings/api-tokens/", include("acip.api.token_urls")),
    # A user's calendar feed: its settings page, and the secret address that a calendar app reads without logging in.
    path("settings/calendar-feed/", include("acip.api.feed_urls")),
    path("calendar-feed/<str:key>.ics", feed_views.feed_view, name="calendar_feed"),
]
