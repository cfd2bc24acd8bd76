from django.urls import path

from acip.api import feed_views

app_name = "calendar_feed_settings"

urlpatterns = [
    path("", feed_views.feed_settings, name="settings"),
    path("revoke/", feed_views.feed_revoke_view, name="revoke"),
]
