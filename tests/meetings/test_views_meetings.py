"""The meetings list, a meeting's page, the meeting form, its calendar file and its briefing pack: what each
shows to whom, and what the form saves or refuses. The access ladder of these pages is in test_views.py."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Attendance, Meeting
from tests.acip.factories import ProgrammeFactory
from tests.meetings.conftest import DAY, TODAY
from tests.meetings.factories import AttendanceFactory, MeetingFactory, SideMeetingFactory
from tests.partners.factories import ContactFactory, PartnerFactory

pytestmark = pytest.mark.django_db


# Meetings list


def test_meeting_list_shows_staff_every_meeting(staff_client, world):
    MeetingFactory(title="Coordinators' meeting 2024", kind="coordinators", committee="", session_number=None)
    response = staff_client.get(reverse("meetings:list"))
    assert "22nd Integrity Sub-Committee" in response.text
    assert "Coordinators&#x27; meeting 2024" in response.text


def test_meeting_list_shows_a_delegate_only_meetings_of_their_administration(delegate_client, world, other_partner):
    AttendanceFactory(meeting__title="Meeting Nepal attended", partner=other_partner)
    response = delegate_client.get(reverse("meetings:list"))
    assert "22nd Integrity Sub-Committee" in response.text
    assert "Meeting Nepal attended" not in response.text


def test_meeting_list_filters_by_kind_year_programme_and_administration(staff_client, partner, other_partner):
    phase_two = ProgrammeFactory(name="A-CIP phase two", short_name="A-CIP 2", slug="a-cip-2")
    march_2023 = {"starts_on": datetime.date(2023, 3, 1), "ends_on": datetime.date(2023, 3, 2)}
    AttendanceFactory(meeting=MeetingFactory(title="Wanted", **march_2023), partner=partner)
    AttendanceFactory(meeting__title="Other year", partner=partner)
    AttendanceFactory(meeting=MeetingFactory(title="Other partner", **march_2023), partner=other_partner)
    AttendanceFactory(
        meeting=MeetingFactory(title="Workshop", kind="workshop", committee="", **march_2023), partner=partner
    )
    MeetingFactory(title="Other programme", programme=phase_two, **march_2023)

    response = staff_client.get(
        reverse("meetings:list"), {"kind": "committee", "year": "2023", "partner": "ghana", "programme": ""}
    )

    assert [meeting.title for meeting in response.context["page_obj"]] == ["Wanted"]
    response = staff_client.get(reverse("meetings:list"), {"programme": phase_two.pk})
    assert [meeting.title for meeting in response.context["page_obj"]] == ["Other programme"]


def test_meeting_list_separates_upcoming_from_past(staff_client):
    MeetingFactory(title="Soon", starts_on=TODAY + 10 * DAY, ends_on=TODAY + 11 * DAY)
    MeetingFactory(title="Later", starts_on=TODAY + 40 * DAY, ends_on=TODAY + 41 * DAY)
    MeetingFactory(title="Over", starts_on=TODAY - 40 * DAY, ends_on=TODAY - 39 * DAY)

    upcoming = staff_client.get(reverse("meetings:list"), {"when": "upcoming"}).context["page_obj"]
    past = staff_client.get(reverse("meetings:list"), {"when": "past"}).context["page_obj"]

    assert [meeting.title for meeting in upcoming] == ["Soon", "Later"]
    assert [meeting.title for meeting in past] == ["Over"]


def test_meeting_list_is_paginated(staff_client):
    MeetingFactory.create_batch(27)
    first = staff_client.get(reverse("meetings:list"))
    second = staff_client.get(reverse("meetings:list"), {"page": 2})
    assert len(first.context["page_obj"]) == 25
    assert len(second.context["page_obj"]) == 2
    assert "Page 1 of 2" in first.text


@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"partner": "nowhere"}, {"programme": "x"}, {"page": "999"}, {"kind": "party"}]
)
def test_meeting_list_survives_bad_filter_values(staff_client, world, query):
    assert staff_client.get(reverse("meetings:list"), query).status_code == 200


# Meetings calendar


def calendar(client, **query):
    return client.get(reverse("meetings:calendar"), query)


def held_on(response) -> dict[datetime.date, list[str]]:
    weeks = response.context["month"].weeks
    return {day.date: [m.title for m in day.meetings] for week in weeks for day in week if day.meetings}


def test_calendar_shows_each_meeting_on_its_days_in_the_month_asked_for(staff_client):
    MeetingFactory(title="Session", starts_on=datetime.date(2025, 6, 30), ends_on=datetime.date(2025, 7, 2))
    MeetingFactory(
        title="Workshop",
        kind="workshop",
        committee="",
        starts_on=datetime.date(2025, 7, 15),
        ends_on=datetime.date(2025, 7, 15),
    )

    response = calendar(staff_client, month="2025-07")

    assert response.status_code == 200
    assert held_on(response) == {
        datetime.date(2025, 6, 30): ["Session"],
        datetime.date(2025, 7, 1): ["Session"],
        datetime.date(2025, 7, 2): ["Session"],
        datetime.date(2025, 7, 15): ["Workshop"],
    }
    assert [m.title for m in response.context["month"].meetings] == ["Session", "Workshop"]
    assert "July 2025" in response.text


def test_calendar_opens_on_this_month(staff_client):
    MeetingFactory(title="Today's meeting", starts_on=TODAY, ends_on=TODAY)

    response = calendar(staff_client)

    assert response.context["month"].first == TODAY.replace(day=1)
    assert held_on(response)[TODAY] == ["Today's meeting"]
    assert 'aria-current="date"' in response.text


def test_calendar_shows_a_delegate_only_meetings_of_their_administration(delegate_client, world, other_partner):
    AttendanceFactory(
        meeting=MeetingFactory(
            title="Meeting Nepal attended", starts_on=world.meeting.starts_on, ends_on=world.meeting.starts_on
        ),
        partner=other_partner,
    )

    response = calendar(delegate_client, month=f"{world.meeting.starts_on:%Y-%m}")

    assert "22nd Integrity Sub-Committee" in response.text
    assert "Meeting Nepal attended" not in response.text


def test_calendar_filters_by_kind_and_administration_and_its_month_links_keep_the_filters(
    staff_client, partner, other_partner
):
    june = {"starts_on": datetime.date(2025, 6, 10), "ends_on": datetime.date(2025, 6, 10)}
    AttendanceFactory(meeting=MeetingFactory(title="Wanted", **june), partner=partner)
    AttendanceFactory(meeting=MeetingFactory(title="Other partner", **june), partner=other_partner)
    AttendanceFactory(meeting=MeetingFactory(title="Workshop", kind="workshop", committee="", **june), partner=partner)

    response = calendar(staff_client, month="2025-06", kind="committee", partner="ghana")

    assert [m.title for m in response.context["month"].meetings] == ["Wanted"]
    assert "?month=2025-05&amp;kind=committee&amp;partner=ghana" in response.text
    assert "?month=2025-07&amp;kind=committee&amp;partner=ghana" in response.text


def test_an_empty_month_links_to_the_meetings_before_and_after_it(staff_client):
    MeetingFactory(title="Spring session", starts_on=datetime.date(2025, 3, 18), ends_on=datetime.date(2025, 3, 19))
    MeetingFactory(title="Winter session", starts_on=datetime.date(2027, 2, 16), ends_on=datetime.date(2027, 2, 17))

    response = calendar(staff_client, month="2026-01")

    assert response.context["month"].meetings == []
    assert "No meeting this month." in response.text
    assert '<a href="?month=2025-03">Spring session, 18 Mar 2025 – 19 Mar 2025</a>' in response.text
    assert '<a href="?month=2027-02">Winter session, 16 Feb 2027 – 17 Feb 2027</a>' in response.text


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("junk", "Enter a year and a month, for example 2026-11."),
        ("2026-13", "Enter a year and a month, for example 2026-11."),
        ("9999-12", "Pick a month between January 1950 and December 2100."),
        ("0001-01", "Pick a month between January 1950 and December 2100."),
    ],
)
def test_calendar_says_what_is_wrong_with_a_month_next_to_the_field_and_shows_this_month(staff_client, month, message):
    response = calendar(staff_client, month=month)

    assert response.status_code == 200
    assert response.context["month_form"].errors["month"] == [message]
    assert response.context["month"].first == TODAY.replace(day=1)


@pytest.mark.parametrize(
    "query", [{"partner": "nowhere"}, {"programme": "x"}, {"kind": "party"}, {"month": "2100-12"}]
)
def test_calendar_survives_bad_filter_values(staff_client, world, query):
    assert calendar(staff_client, **query).status_code == 200


# Meeting page


def test_meeting_page_shows_dates_place_attendance_and_side_meetings(staff_client, world):
    world.meeting.theme = "Harnessing data for integrity"
    world.meeting.save()

    response = staff_client.get(world.meeting.get_absolute_url())

    assert "Harnessing data for integrity" in response.text
    assert "Brussels" in response.text
    assert "Ama Coordinator" in response.text
    assert world.side_meeting.get_absolute_url() in response.text
    assert response.context["history"] is not None


def test_meeting_page_shows_a_delegate_only_their_own_delegation(delegate_client, world, other_partner):
    AttendanceFactory(meeting=world.meeting, partner=other_partner)
    SideMeetingFactory(meeting=world.meeting, partner=other_partner)

    response = delegate_client.get(world.meeting.get_absolute_url())

    assert [attendance.partner for attendance in response.context["attendances"]] == [world.side_meeting.partner]
    assert len(response.context["side_meetings"]) == 1
    assert "Nepal" not in response.text
    assert response.context["history"] is None
    assert reverse("meetings:update", args=[world.meeting.uuid]) not in response.text


# Meeting form


def meeting_data(**overrides):
    data = {
        "programme": ProgrammeFactory().pk,
        "kind": "committee",
        "committee": "isc",
        "session_number": "23",
        "title": "23rd Integrity Sub-Committee",
        "starts_on": "2030-03-04",
        "ends_on": "2030-03-06",
        "place": "Brussels",
        "theme": "",
    }
    data.update(overrides)
    return data


def test_staff_create_a_meeting_with_its_attendance(staff_client, partner, other_partner):
    ghana_coordinator = ContactFactory(partner=partner)
    response = staff_client.post(
        reverse("meetings:create"),
        meeting_data(partners=[partner.pk, other_partner.pk], contacts=[ghana_coordinator.pk]),
    )

    meeting = Meeting.objects.get(title="23rd Integrity Sub-Committee")
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert set(meeting.partners.all()) == {partner, other_partner}
    assert list(Attendance.objects.get(meeting=meeting, partner=partner).contacts.all()) == [ghana_coordinator]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": "2030-03-01"}, "ends_on"),
        ({"kind": "workshop"}, "committee"),
        ({"kind": "workshop", "committee": "", "session_number": "4"}, "session_number"),
        ({"committee": ""}, "committee"),
        ({"starts_on": "4 March"}, "starts_on"),
        ({"session_number": "99999999"}, "session_number"),
        ({"title": "x" * 301}, "title"),
    ],
)
def test_meeting_form_rejects_bad_input_next_to_the_field(staff_client, overrides, field):
    response = staff_client.post(reverse("meetings:create"), meeting_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("field", ["partners", "contacts"])
def test_meeting_form_refuses_an_id_beyond_the_integer_range(staff_client, field):
    response = staff_client.post(reverse("meetings:create"), meeting_data(**{field: [str(2**70)]}))
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_meeting_form_refuses_a_delegate_whose_administration_is_not_ticked(staff_client, partner, other_partner):
    stray = ContactFactory(partner=other_partner, name="Stray Delegate")
    response = staff_client.post(reverse("meetings:create"), meeting_data(partners=[partner.pk], contacts=[stray.pk]))
    assert "contacts" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_staff_update_a_meeting_and_replace_its_attendance(staff_client, world, other_partner):
    AttendanceFactory(meeting=world.meeting, partner=PartnerFactory(country_name="Malawi"))
    data = meeting_data(
        programme=world.meeting.programme_id,
        title="Renamed session",
        partners=[world.side_meeting.partner_id, other_partner.pk],
        contacts=[],
    )

    response = staff_client.post(reverse("meetings:update", args=[world.meeting.uuid]), data)

    world.meeting.refresh_from_db()
    assert response.status_code == 302
    assert world.meeting.title == "Renamed session"
    assert {p.country_name for p in world.meeting.partners.all()} == {"Ghana", "Nepal"}
    assert not Attendance.objects.get(meeting=world.meeting, partner__country_name="Ghana").contacts.exists()


def test_meeting_update_keeps_an_administration_that_had_a_side_meeting(staff_client, world, other_partner):
    data = meeting_data(programme=world.meeting.programme_id, partners=[other_partner.pk])

    response = staff_client.post(reverse("meetings:update", args=[world.meeting.uuid]), data)

    assert response.status_code == 200
    assert "partners" in response.context["form"].errors
    assert world.meeting.partners.filter(pk=world.side_meeting.partner_id).exists()


def test_meeting_form_lists_the_current_attendance(staff_client, world):
    form = staff_client.get(reverse("meetings:update", args=[world.meeting.uuid])).context["form"]
    assert form.initial["partners"] == [world.side_meeting.partner_id]
    assert form.initial["contacts"] == [world.coordinator.pk]


def test_meeting_form_proposes_the_latest_programme(staff_client):
    ProgrammeFactory()
    latest = ProgrammeFactory(
        slug="a-cip-2", short_name="A-CIP 2", name="Phase two", starts_on=datetime.date(2026, 1, 1)
    )
    assert staff_client.get(reverse("meetings:create")).context["form"]["programme"].value() == latest.pk


# Calendar


def test_meeting_downloads_as_an_ics_event(delegate_client, world):
    response = delegate_client.get(reverse("meetings:ics", args=[world.meeting.uuid]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="22nd-integrity-sub-committee.ics"'
    assert f"UID:{world.meeting.uuid}\r\n" in response.text
    assert f"URL:http://testserver{world.meeting.get_absolute_url()}\r\n" in response.text


# Briefing pack


def test_briefing_has_one_section_per_attending_delegation(staff_client, world, other_partner):
    AttendanceFactory(meeting=world.meeting, partner=other_partner)
    response = staff_client.get(reverse("meetings:briefing", args=[world.meeting.uuid]))
    assert [delegation.partner.slug for delegation in response.context["delegations"]] == ["ghana", "nepal"]
    assert response.text.count("briefing-delegation") == 2
    assert response.text.count("page-break") == 1


def test_briefing_for_one_delegation(staff_client, world, other_partner):
    AttendanceFactory(meeting=world.meeting, partner=other_partner)
    url = reverse("meetings:briefing", args=[world.meeting.uuid])
    response = staff_client.get(url, {"partner": "nepal"})
    assert [delegation.partner.slug for delegation in response.context["delegations"]] == ["nepal"]
    assert staff_client.get(url, {"partner": "atlantis"}).status_code == 404
