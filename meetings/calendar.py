"""A meeting as an iCalendar file (RFC 5545): one all-day event, written by hand so that no library is needed.

The rules that matter: lines end with CRLF and are folded at 75 octets (§3.1), TEXT values escape backslash,
semicolon, comma and newline (§3.3.11), an all-day event uses DATE values and its DTEND is the day *after* the last
day (§3.6.1), and UID is stable (RFC 7986 §5.3 recommends a UUID), so a calendar updates the event rather than adding
a copy when the file is downloaded again.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext

from meetings.models import Meeting

PRODID = "-//WCO A-CIP Programme//ACIP Tracker//EN"
LINE_LIMIT = 75  # octets, not characters


def escape_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into parts of at most 75 octets, continuation lines starting with one space.

    A multi-byte UTF-8 character is never cut in two.
    """
    parts, current, size = [], [], 0
    limit = LINE_LIMIT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = LINE_LIMIT - 1  # the leading space of a continuation line counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting: Meeting, *, url: str = "", now: datetime.datetime | None = None) -> str:
    """The .ics text of one meeting; `url` is the absolute address of its page."""
    location = meeting.place or (gettext("Online") if meeting.is_online else "")
    description = meeting.theme.strip()
    if url:
        description = f"{description}\n\n{url}" if description else url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{meeting.uuid}",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"DTSTART;VALUE=DATE:{_date(meeting.starts_on)}",
        f"DTEND;VALUE=DATE:{_date(meeting.ends_on + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(meeting.title)}",
    ]
    if meeting.updated_at:
        lines.append(f"LAST-MODIFIED:{_utc(meeting.updated_at)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
