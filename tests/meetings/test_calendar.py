import datetime
import itertools

import pytest
from django.urls import reverse

from meetings.calendar import meeting_ics
from tests.meetings.factories import AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2019, 3, 1, 9, 30, tzinfo=datetime.UTC)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_text_is_escaped_as_rfc_5545_says():
    meeting = MeetingFactory(title="a\\b; c, d\ne\r\nf")
    assert "SUMMARY:a\\\\b\\; c\\, d\\ne\\nf" in unfold(meeting_ics(meeting, now=NOW))


def test_short_lines_are_not_folded():
    assert "SUMMARY:Short" in meeting_ics(MeetingFactory(title="Short"), now=NOW).split("\r\n")


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    title = "Côte d’Ivoire " * 10
    text = meeting_ics(MeetingFactory(title=title), now=NOW)
    parts = text.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    summary = next(i for i, part in enumerate(parts) if part.startswith("SUMMARY:"))
    continued = list(itertools.takewhile(lambda part: part.startswith(" "), parts[summary + 1 :]))
    assert len(continued) >= 2
    assert "".join([parts[summary], *(part[1:] for part in continued)]) == "SUMMARY:" + title


def test_meeting_is_one_all_day_event_with_an_exclusive_end():
    meeting = MeetingFactory(starts_on=datetime.date(2019, 4, 8), ends_on=datetime.date(2019, 4, 12))
    lines = unfold(meeting_ics(meeting, now=NOW))
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2:] == ["END:VCALENDAR", ""]
    assert "DTSTART;VALUE=DATE:20190408" in lines
    assert "DTEND;VALUE=DATE:20190413" in lines
    assert f"UID:{meeting.uuid}" in lines
    assert "DTSTAMP:20190301T093000Z" in lines
    assert lines.count("BEGIN:VEVENT") == 1


def test_one_day_meeting_ends_the_next_day():
    meeting = MeetingFactory(starts_on=datetime.date(2025, 3, 12), ends_on=datetime.date(2025, 3, 12))
    assert "DTEND;VALUE=DATE:20250313" in unfold(meeting_ics(meeting, now=NOW))


def test_every_line_ends_with_crlf():
    text = meeting_ics(MeetingFactory(theme="Line one\nline two"), now=NOW)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_text_fields_are_escaped():
    meeting = MeetingFactory(title="CBC; ISC, joint", place="Brussels, Belgium", theme="Data\nand integrity")
    lines = unfold(meeting_ics(meeting, url="https://example.org/m/1/", now=NOW))
    assert "SUMMARY:CBC\\; ISC\\, joint" in lines
    assert "LOCATION:Brussels\\, Belgium" in lines
    assert "DESCRIPTION:Data\\nand integrity\\n\\nhttps://example.org/m/1/" in lines
    assert "URL:https://example.org/m/1/" in lines


def test_an_online_meeting_without_a_place_is_located_online():
    meeting = MeetingFactory(place="", is_online=True)
    assert "LOCATION:Online" in unfold(meeting_ics(meeting, now=NOW))


def test_the_uid_is_stable_across_downloads():
    meeting = MeetingFactory()
    first = [line for line in unfold(meeting_ics(meeting)) if line.startswith("UID:")]
    second = [line for line in unfold(meeting_ics(meeting)) if line.startswith("UID:")]
    assert first == second == [f"UID:{meeting.uuid}"]


def test_ics_view_answers_text_calendar_for_anyone_who_sees_the_meeting(delegate_client, partner):
    meeting = AttendanceFactory(partner=partner, meeting__title="Coordinators' meeting, 2025").meeting
    response = delegate_client.get(reverse("meetings:ics", args=[meeting.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="coordinators-meeting-2025.ics"'
    assert "SUMMARY:Coordinators' meeting\\, 2025" in unfold(response.text)


def test_ics_view_hides_a_meeting_from_those_who_may_not_see_it(outsider_client, partner):
    meeting = AttendanceFactory(partner=partner).meeting
    assert outsider_client.get(reverse("meetings:ics", args=[meeting.uuid])).status_code == 404
