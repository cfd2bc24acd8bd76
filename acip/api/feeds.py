"""A user's calendar feed: the meetings and activities that they may see, as one iCalendar file that a calendar app
subscribes to and reads again every few hours. The app cannot log in: the secret key in the address stands for the
user, and everything is read through the access layer as that user."""

import datetime

from django.http import Http404
from django.utils.translation import gettext

from acip.api.models import CalendarFeed, key_hash
from meetings.calendar import activity_event, calendar_ics, meeting_event
from meetings.models import Meeting
from partners.models import Activity

#: How far back a feed goes: a year of the past, all of the future, so that it stays small whatever the history.
FEED_DAYS_BACK = 365


def get_feed_for_key(key: str) -> CalendarFeed:
    """The feed in use that `key` opens, with its user; 404 for an unknown or revoked key and for a user who may no
    longer log in, the same answer for all three, so that keys cannot be probed."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(key_hash=key_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    return feed


def feed_rows(user, *, today: datetime.date):
    """The meetings and the activities (`on_calendar()`) of the feed, as `user` may see them: those that end a
    year ago or later, soonest first."""
    since = today - datetime.timedelta(days=FEED_DAYS_BACK)
    meetings = Meeting.objects.visible_to(user).filter(ends_on__gte=since).order_by("starts_on", "pk")
    activities = (
        Activity.objects.visible_to(user)
        .on_calendar()
        .filter(ends_on__gte=since)
        .select_related("partner")
        .order_by("starts_on", "pk")
    )
    return meetings, activities


def feed_ics(user, *, absolute_url, host: str, now: datetime.datetime) -> str:
    """The feed's .ics text; `absolute_url(path)` makes a page's address absolute, `host` names the site in the
    activities' UIDs."""
    meetings, activities = feed_rows(user, today=now.date())
    events = [meeting_event(m, url=absolute_url(m.get_absolute_url()), now=now) for m in meetings]
    events += [activity_event(a, host=host, url=absolute_url(a.get_absolute_url()), now=now) for a in activities]
    return calendar_ics(events, name=gettext("A-CIP Programme (ACIP Tracker)"))
