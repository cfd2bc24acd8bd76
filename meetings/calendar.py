"""Meetings and activities as iCalendar (RFC 5545), written with the `icalendar` library: one meeting's file, and a
user's calendar feed (acip.api.feeds) with every meeting and activity they may see, each an all-day event.

The library does the format: CRLF line ends, folding at 75 octets without cutting a character (§3.1), the escapes
of TEXT values (§3.3.11), DATE and UTC DATE-TIME values. What stays ours: an all-day event uses DATE values and its
DTEND is the day *after* the last day (§3.6.1), and UID is stable (a meeting's UUID, RFC 7986 §5.3; an activity's
number at the site's host), so a calendar updates the event rather than adding a copy when it reads the file again.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

from meetings.models import Meeting
from partners.models import Activity

PRODID = "-//WCO A-CIP Programme//ACIP Tracker//EN"


def _text(value: str) -> str:
    """One kind of line break in free text: a lone CR would otherwise reach the file unescaped."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _event(*, uid: str, row, summary: str, location: str, description: str, url: str, now) -> Event:
    """An all-day event over `row`'s `starts_on` to `ends_on`."""
    if url:
        description = f"{description}\n\n{url}" if description else url
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(datetime.UTC))
    event.add("dtstart", row.starts_on)
    event.add("dtend", row.ends_on + datetime.timedelta(days=1))
    event.add("summary", _text(summary))
    if row.updated_at:
        event.add("last-modified", row.updated_at.astimezone(datetime.UTC))
    if location:
        event.add("location", _text(location))
    if description:
        event.add("description", _text(description))
    if url:
        event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def meeting_event(meeting: Meeting, *, url: str = "", now: datetime.datetime) -> Event:
    location = meeting.place or (gettext("Online") if meeting.is_online else "")
    return _event(
        uid=str(meeting.uuid),
        row=meeting,
        summary=meeting.title,
        location=location,
        description=meeting.theme.strip(),
        url=url,
        now=now,
    )


def activity_event(activity: Activity, *, host: str, url: str = "", now: datetime.datetime) -> Event:
    """An activity with `starts_on` and `ends_on` (`ActivityQuerySet.on_calendar()`) and its partner loaded."""
    about = f"{activity.get_kind_display()} · {activity.get_status_display()}"
    description = activity.description.strip()
    return _event(
        uid=f"activity-{activity.pk}@{host}",
        row=activity,
        summary=activity.title,
        location=activity.partner.country_name,
        description=f"{about}\n\n{description}" if description else about,
        url=url,
        now=now,
    )


def calendar_ics(events: Iterable[Event], *, name: str = "") -> str:
    """The .ics text of a calendar of `events`; `name` is what a calendar app calls it when subscribed."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", name)  # RFC 7986 §5.1
        calendar.add("x-wr-calname", name)  # what Apple's and Google's calendars read
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def meeting_ics(meeting: Meeting, *, url: str = "", now: datetime.datetime | None = None) -> str:
    """The .ics text of one meeting; `url` is the absolute address of its page."""
    return calendar_ics([meeting_event(meeting, url=url, now=now or timezone.now())])
