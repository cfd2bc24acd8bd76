"""The meetings list, a meeting's page, the meeting form, its calendar file and its briefing pack: what each
shows to whom, and what the form saves or refuses. The access ladder of these pages is in test_views.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from acip.models import Region
from meetings import briefing, views
from meetings.filters import MeetingFilter
from meetings.models import Attendance, Commitment, Meeting
from partners.models import IndicatorValue
from tests.acip.factories import ProgrammeFactory, factor
from tests.meetings.conftest import DAY, TODAY
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    NoteFactory,
    SideMeetingFactory,
)
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    ContactFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

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


def test_the_year_filter_offers_the_years_after_the_api_schema_has_made_the_class_field(staff_client, partner):
    assert MeetingFilter.base_filters["year"].field  # made, and kept, as drf-spectacular does for the schema
    AttendanceFactory(
        meeting=MeetingFactory(title="Wanted", starts_on=datetime.date(2023, 3, 1), ends_on=datetime.date(2023, 3, 2)),
        partner=partner,
    )
    AttendanceFactory(meeting__title="Other year", partner=partner)

    response = staff_client.get(reverse("meetings:list"), {"year": "2023"})

    assert [meeting.title for meeting in response.context["page_obj"]] == ["Wanted"]


def test_meeting_list_separates_upcoming_from_past(staff_client):
    MeetingFactory(title="Soon", starts_on=TODAY + 10 * DAY, ends_on=TODAY + 11 * DAY)
    MeetingFactory(title="Later", starts_on=TODAY + 40 * DAY, ends_on=TODAY + 41 * DAY)
    MeetingFactory(title="Over", starts_on=TODAY - 40 * DAY, ends_on=TODAY - 39 * DAY)

    upcoming = staff_client.get(reverse("meetings:list"), {"when": "upcoming"}).context["page_obj"]
    past = staff_client.get(reverse("meetings:list"), {"when": "past"}).context["page_obj"]

    assert [meeting.title for meeting in upcoming] == ["Soon", "Later"]
    assert [meeting.title for meeting in past] == ["Over"]


def test_a_running_meeting_is_under_way_on_the_list_and_its_page(staff_client):
    running = MeetingFactory(title="Running", starts_on=TODAY - DAY, ends_on=TODAY + 3 * DAY)
    MeetingFactory(title="Soon", starts_on=TODAY + 10 * DAY, ends_on=TODAY + 11 * DAY)
    html = staff_client.get(reverse("meetings:list")).content.decode()
    assert html.count('data-testid="under-way"') == 1
    assert "Upcoming" in html.split("Soon")[1].split("</tr>")[0]
    page = staff_client.get(running.get_absolute_url()).content.decode()
    assert "Under way" in page and ">Upcoming<" not in page


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


JULY = {"planned_start_on": datetime.date(2025, 7, 14), "planned_end_on": datetime.date(2025, 7, 15)}


def activities_on(response) -> dict[datetime.date, list[str]]:
    weeks = response.context["month"].weeks
    return {day.date: [a.title for a in day.activities] for week in weeks for day in week if day.activities}


def test_calendar_shows_activities_beside_meetings_on_their_days_each_linking_to_its_row(staff_client, partner):
    MeetingFactory(title="Session", starts_on=datetime.date(2025, 7, 14), ends_on=datetime.date(2025, 7, 14))
    mission = ActivityFactory(partner=partner, title="Scoping mission", kind="mission", **JULY)
    ActivityFactory(
        partner=partner,
        title="Training held later than planned",
        kind="training",
        planned_start_on=datetime.date(2025, 6, 2),
        actual_start_on=datetime.date(2025, 7, 30),
        status="completed",
    )
    ActivityFactory(partner=partner, title="Cancelled workshop", status="cancelled", **JULY)

    response = calendar(staff_client, month="2025-07")

    assert activities_on(response) == {
        datetime.date(2025, 7, 14): ["Scoping mission"],
        datetime.date(2025, 7, 15): ["Scoping mission"],
        datetime.date(2025, 7, 30): ["Training held later than planned"],
    }
    assert held_on(response) == {datetime.date(2025, 7, 14): ["Session"]}
    assert f'href="/partners/ghana/#activity-{mission.pk}"' in response.text
    assert "In-country mission · Ghana" in response.text
    assert "Cancelled workshop" not in response.text


def test_an_activity_links_to_its_row_on_the_status_page(staff_client, partner):
    activity = ActivityFactory(partner=partner, **JULY)
    assert f'id="activity-{activity.pk}"' in staff_client.get(reverse("partners:detail", args=["ghana"])).text


def test_calendar_shows_a_delegate_only_activities_of_their_administration_shared_with_it(
    delegate_client, partner, other_partner
):
    ActivityFactory(partner=partner, tier="partner", title="Shared with us", **JULY)
    ActivityFactory(partner=partner, tier="staff", title="Staff only", **JULY)
    ActivityFactory(partner=other_partner, tier="partner", title="Nepal's workshop", **JULY)

    response = calendar(delegate_client, month="2025-07")

    assert [a.title for a in response.context["month"].activities] == ["Shared with us"]
    assert "Staff only" not in response.text and "Nepal's workshop" not in response.text


def test_calendar_shows_a_donor_only_activities_shared_with_donors(donor_client, partner):
    ActivityFactory(partner=partner, tier="donors", title="Shared with donors", **JULY)
    ActivityFactory(partner=partner, tier="partner", title="Shared with the partner", **JULY)

    response = calendar(donor_client, month="2025-07")

    assert [a.title for a in response.context["month"].activities] == ["Shared with donors"]


def test_calendar_filters_activities_by_administration_and_leaves_them_out_for_a_kind_of_meeting(
    staff_client, partner, other_partner
):
    ActivityFactory(partner=partner, title="Ghana's", **JULY)
    ActivityFactory(partner=other_partner, title="Nepal's", **JULY)

    by_partner = calendar(staff_client, month="2025-07", partner="nepal")
    by_kind = calendar(staff_client, month="2025-07", kind="committee")

    assert [a.title for a in by_partner.context["month"].activities] == ["Nepal's"]
    assert by_kind.context["month"].activities == []


def test_a_month_with_activities_alone_is_not_said_to_be_empty(staff_client, partner):
    ActivityFactory(partner=partner, title="Alone", **JULY)

    response = calendar(staff_client, month="2025-07")

    assert "No meeting this month." not in response.text
    assert "Alone" in response.text


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


def test_one_delegation_pack_lists_what_changed_since_its_last_side_meeting(staff_client, world, partner):
    last = SideMeetingFactory(partner=partner, held_on=TODAY - 60 * DAY, meeting__title="Coordinators 2026")
    SideMeetingFactory(partner=partner, held_on=TODAY - 200 * DAY)
    StatusChangeFactory(partner=partner, effective_on=TODAY - 90 * DAY, reason="Old reason before")
    StatusChangeFactory(partner=partner, effective_on=TODAY - 10 * DAY, stage="monitoring", reason="Moved on")
    before = CommitmentFactory(side_meeting=last, title="Raised at the last side meeting")
    # Noon of the side meeting's own day: "now minus 60 days" crosses a change of summer time on some days of the year.
    noon = datetime.datetime.combine(TODAY - 60 * DAY, datetime.time(12), tzinfo=timezone.get_current_timezone())
    Commitment.objects.filter(pk=before.pk).update(created_at=noon)
    CommitmentFactory(side_meeting=last, title="Closed lately", status="done", closed_at=timezone.now())
    outcome = OutcomeFactory(plan__partner=partner, title="Declarations are checked on risk")
    outcome.factors.set([factor(3)])
    indicator = IndicatorFactory(outcome=outcome, name="Share of declarations", baseline=40)
    IndicatorValueFactory(indicator=indicator, period=2024, target=55, actual=48)
    old_value = IndicatorValueFactory(indicator=indicator, period=2023, target=None, actual=41)
    IndicatorValue.objects.filter(pk=old_value.pk).update(created_at=timezone.now() - 100 * DAY)
    AssessmentFactory(partner=partner, title="CIPS round 3", started_on=TODAY - 5 * DAY)
    AssessmentFactory(partner=partner, title="CIPS round 2", started_on=TODAY - 400 * DAY)

    response = staff_client.get(reverse("meetings:briefing", args=[world.meeting.uuid]), {"partner": "ghana"})

    changes = response.context["delegations"][0].changes
    assert changes.side_meeting == last
    assert [status.reason for status in changes.statuses.rows] == ["Moved on"]
    assert {commitment.title for commitment in changes.opened.rows} == {
        "Draft the code",
        "Send the guide",
        "Closed lately",
    }
    assert [commitment.title for commitment in changes.closed.rows] == ["Closed lately"]
    assert [value.period for value in changes.values.rows] == [2024]
    assert [assessment.title for assessment in changes.assessments.rows] == ["CIPS round 3"]
    section = response.text.split('class="briefing-changes"')[1].split("</section>")[0]
    assert "Moved on" in section and "Old reason before" not in section
    assert "Raised at the last side meeting" not in section
    assert "CIPS round 3" in section and "CIPS round 2" not in section
    # The plan: the outcome under its factor, the indicator's baseline, latest target and latest actual.
    plan = response.text.split('class="briefing-plan"')[1].split("</section>")[0]
    assert "Factor 3" in plan and "Declarations are checked on risk" in plan
    row = plan.split("Share of declarations")[1].split("</tr>")[0]
    assert ">40<" in row and "55 <span" in row and "48 <span" in row and "(2024)" in row


def test_one_delegation_pack_without_an_earlier_side_meeting_says_so(staff_client, world):
    response = staff_client.get(reverse("meetings:briefing", args=[world.meeting.uuid]), {"partner": "ghana"})
    assert response.context["delegations"][0].changes is None
    assert "No earlier side meeting to compare with." in response.text
    assert "No country plan is available yet." in response.text


def test_a_heavy_delegation_pack_stays_under_200_kb(staff_client, world, partner):
    long_text = "A long account of what was said at the meeting. " * 40
    contacts = ContactFactory.create_batch(30, partner=partner, job_title="Deputy Director of Integrity")
    earlier = []
    for number in range(20):
        side_meeting = SideMeetingFactory(
            partner=partner, held_on=TODAY - (300 - number) * DAY, key_outcomes=long_text
        )
        side_meeting.partner_participants.set(contacts)
        NoteFactory.create_batch(5, side_meeting=side_meeting, text=long_text)
        earlier.append(side_meeting)
    for number in range(60):
        StatusChangeFactory(partner=partner, effective_on=TODAY - number * DAY, reason=long_text)
    for side_meeting in earlier:
        CommitmentFactory.create_batch(10, side_meeting=side_meeting, title="A next step " * 20)
        CommitmentFactory.create_batch(
            5, side_meeting=side_meeting, title="A step done", status="done", closed_at=timezone.now()
        )
    outcome = OutcomeFactory(plan__partner=partner)
    for indicator in IndicatorFactory.create_batch(15, outcome=outcome):
        IndicatorValueFactory.create_batch(8, indicator=indicator)
    url = reverse("meetings:briefing", args=[world.meeting.uuid])

    response = staff_client.get(url, {"partner": "ghana"})

    assert response.status_code == 200
    assert len(response.content) < 200 * 1024, len(response.content)
    delegation = response.context["delegations"][0]
    assert len(delegation.open_commitments) == briefing.OPEN_COMMITMENTS_SHOWN
    assert "open commitments." in response.text  # "The 20 due soonest of 202 open commitments."
    assert delegation.changes.statuses.more and delegation.changes.opened.more
    # The session's pack with this delegation in it stays small too.
    assert len(staff_client.get(url).content) < 200 * 1024


def test_session_pack_comes_a_page_of_delegations_at_a_time(staff_client, world):
    for number in range(briefing.DELEGATIONS_PER_PAGE):
        AttendanceFactory(meeting=world.meeting, partner=PartnerFactory(country_name=f"Land {number:02}"))
    url = reverse("meetings:briefing", args=[world.meeting.uuid])

    first = staff_client.get(url)
    last = staff_client.get(url, {"page": 2})

    assert len(first.context["delegations"]) == briefing.DELEGATIONS_PER_PAGE
    assert [delegation.partner.country_name for delegation in last.context["delegations"]] == ["Land 07"]
    assert "Page 1 of 2" in first.text and "page=2" in first.text
    # A page out of range or junk: the nearest valid page.
    assert staff_client.get(url, {"page": 99}).context["page_obj"].number == 2
    assert staff_client.get(url, {"page": "x'; drop"}).context["page_obj"].number == 1


def test_session_pack_for_one_region(staff_client, world, other_partner):
    other_partner.region = Region.objects.get(code="AP")
    other_partner.save()
    AttendanceFactory(meeting=world.meeting, partner=other_partner)
    url = reverse("meetings:briefing", args=[world.meeting.uuid])

    response = staff_client.get(url, {"region": "AP"})

    assert [delegation.partner.slug for delegation in response.context["delegations"]] == ["nepal"]
    regions = {link.region.code: link.delegations for link in response.context["regions"]}
    assert regions == {"AP": 1, "WCA": 1}
    assert f'href="{url}?region=WCA"' in response.text
    assert f'aria-current="page" href="{url}?region=AP"' in response.text


@pytest.mark.parametrize("region", ["EUR", "atlantis", "<script>"])
def test_session_pack_for_a_region_without_delegations_says_so_and_shows_all(staff_client, world, region):
    response = staff_client.get(reverse("meetings:briefing", args=[world.meeting.uuid]), {"region": region})
    assert response.status_code == 200
    assert "No delegation of this meeting comes from that region: every region is shown." in response.text
    assert [delegation.partner.slug for delegation in response.context["delegations"]] == ["ghana"]


def test_a_page_of_busy_delegations_stays_under_250_kb(staff_client, world):
    long_text = "A long account of what was said at the meeting. " * 40
    for _ in range(briefing.DELEGATIONS_PER_PAGE):
        partner = PartnerFactory()
        contacts = ContactFactory.create_batch(12, partner=partner, job_title="Deputy Director of Integrity")
        AttendanceFactory(meeting=world.meeting, partner=partner).contacts.set(contacts[:4])
        StatusChangeFactory(partner=partner, reason=long_text)
        side_meetings = SideMeetingFactory.create_batch(
            3, partner=partner, held_on=TODAY - 100 * DAY, key_outcomes=long_text
        )
        CommitmentFactory.create_batch(40, side_meeting=side_meetings[0], title="A next step " * 20)

    response = staff_client.get(reverse("meetings:briefing", args=[world.meeting.uuid]))

    assert len(response.context["delegations"]) == briefing.DELEGATIONS_PER_PAGE
    assert len(response.content) < 250 * 1024, len(response.content)


# A session with hundreds of delegations (issue 21): both lists are paged, each with its own page number.


def _big_session(n):
    meeting = MeetingFactory(title="40th Capacity Building Committee")
    partners = [PartnerFactory(country_name=f"Country {i:03}") for i in range(n)]
    for partner in partners:
        AttendanceFactory(meeting=meeting, partner=partner)
        SideMeetingFactory(meeting=meeting, partner=partner, held_on=meeting.starts_on)
    return meeting, partners


def test_meeting_page_pages_its_attendance_and_side_meetings_each_on_its_own(staff_client):
    size = views.MEETING_SECTION_PAGE_SIZE
    meeting, partners = _big_session(size + 3)

    first = staff_client.get(meeting.get_absolute_url())
    assert [a.partner for a in first.context["attendances"]] == partners[:size]
    assert [s.partner for s in first.context["side_meetings"]] == partners[:size]
    assert f"1–{size} of {size + 3}" in first.text
    assert "?attending=2#attendance-heading" in first.text
    assert "?side_meetings=2#side-meetings-heading" in first.text

    # Turning the side meetings' page keeps the attendance's place, and the other way round.
    second = staff_client.get(meeting.get_absolute_url() + "?attending=2&side_meetings=2")
    assert [a.partner for a in second.context["attendances"]] == partners[size:]
    assert [s.partner for s in second.context["side_meetings"]] == partners[size:]
    assert f"{size + 1}–{size + 3} of {size + 3}" in second.text
    assert "?attending=1&amp;side_meetings=2#attendance-heading" in second.text
    assert "?attending=2&amp;side_meetings=1#side-meetings-heading" in second.text

    # A page number past the end or not a number shows the last or the first page, never an error.
    assert staff_client.get(meeting.get_absolute_url() + "?side_meetings=99").context["side_meetings"].number == 2
    assert staff_client.get(meeting.get_absolute_url() + "?attending=x").context["attendances"].number == 1


def test_a_delegate_pages_only_their_own_delegation(delegate_client, partner):
    meeting, _others = _big_session(views.MEETING_SECTION_PAGE_SIZE + 3)
    AttendanceFactory(meeting=meeting, partner=partner)
    SideMeetingFactory(meeting=meeting, partner=partner, held_on=meeting.starts_on)

    response = delegate_client.get(meeting.get_absolute_url())
    assert [a.partner for a in response.context["attendances"]] == [partner]
    assert [s.partner for s in response.context["side_meetings"]] == [partner]
    assert response.context["side_meetings"].paginator.count == 1
    assert "Country 0" not in response.text
    assert "?side_meetings=2" not in response.text
