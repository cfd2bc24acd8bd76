"""The calendar feed: the settings page where a user makes, replaces and revokes their feed's secret address, and
the address itself, which a calendar app reads without logging in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acip.api.feeds import feed_ics, get_feed_for_key
from acip.api.models import CalendarFeed
from acip.api.services import feed_create, token_revoke, token_touch


@require_http_methods(["GET", "HEAD", "POST"])
def feed_settings(request):
    new_url = ""
    if request.method == "POST":
        # The address is on this answer alone and stored nowhere (no redirect to a page that could show it again).
        _feed, key = feed_create(user=request.user)
        new_url = request.build_absolute_uri(reverse("calendar_feed", args=[key]))
    return render(
        request,
        "api/calendarfeed_settings.html",
        {
            "feed": CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first(),
            "new_url": new_url,
            "new_webcal_url": new_url.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1),
        },
    )


@require_POST
def feed_revoke_view(request):
    feed = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    if feed is not None and token_revoke(token=feed):
        messages.success(request, _("Your calendar feed is revoked: its address no longer answers."))
    else:
        messages.info(request, _("You have no calendar feed in use."))
    return redirect("calendar_feed_settings:settings")


@login_not_required
@require_safe
def feed_view(request, key):
    feed = get_feed_for_key(key)
    now = timezone.now()
    token_touch(token=feed, now=now)
    body = feed_ics(feed.user, absolute_url=request.build_absolute_uri, host=request.get_host(), now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="acip-programme.ics"'
    # What the user may see, at an address that logs nobody in: kept by no cache on the way, indexed by no robot.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
