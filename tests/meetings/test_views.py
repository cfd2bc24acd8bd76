import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance, Commitment, Meeting, Note, SideMeeting
from partners.models import StatusChange
from tests.acip.factories import ProgrammeFactory
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    NoteFactory,
    SideMeetingFactory,
)
from tests.partners.factories import ContactFactory, PartnerFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(partner, staff):
    """An upcoming meeting that `partner` attends, a side meeting there, and two open commitments raised at it:
    one for the administration, one for the programme team, both shared with the partner."""
    meeting = MeetingFactory(
        title="22nd Integrity Sub-Committee", starts_on=TODAY + 30 * DAY, ends_on=TODAY + 32 * DAY
    )
    coordinator = ContactFactory(partner=partner, name="Ama Coordinator")
    AttendanceFactory(meeting=meeting, partner=partner).contacts.add(coordinator)
    side_meeting = SideMeetingFactory(meeting=meeting, partner=partner, held_on=TODAY + 31 * DAY)
    due_on = TODAY + 90 * DAY
    ours = CommitmentFactory(
        side_meeting=side_meeting, owner="administration", tier="partner", title="Draft the code", due_on=due_on
    )
    theirs = CommitmentFactory(
        side_meeting=side_meeting, owner="programme", tier="partner", title="Send the guide", due_on=due_on
    )
    return SimpleNamespace(
        meeting=meeting,
        side_meeting=side_meeting,
        coordinator=coordinator,
        commitment=ours,
        programme_commitment=theirs,
    )


def url_for(name: str, world) -> str:
    meeting, side_meeting, commitment = world.meeting.uuid, world.side_meeting.uuid, world.commitment.uuid
    return {
        "list": reverse("meetings:list"),
        "create": reverse("meetings:create"),
        "detail": reverse("meetings:detail", args=[meeting]),
        "update": reverse("meetings:update", args=[meeting]),
        "briefing": reverse("meetings:briefing", args=[meeting]),
        "ics": reverse("meetings:ics", args=[meeting]),
        "side_meeting_create": reverse("meetings:side_meeting_create", args=[meeting]),
        "side_meeting": reverse("meetings:side_meeting", args=[side_meeting]),
        "side_meeting_update": reverse("meetings:side_meeting_update", args=[side_meeting]),
        "note_create": reverse("meetings:note_create", args=[side_meeting]),
        "side_meeting_status": reverse("meetings:side_meeting_status", args=[side_meeting]),
        "commitment_create": reverse("meetings:commitment_create", args=[side_meeting]),
        "commitments": reverse("meetings:commitments"),
        "commitment": reverse("meetings:commitment", args=[commitment]),
        "commitment_update": reverse("meetings:commitment_update", args=[commitment]),
        "commitment_close": reverse("meetings:commitment_close", args=[commitment]),
    }[name]


ALL_VIEWS = [
    "list",
    "create",
    "detail",
    "update",
    "briefing",
    "ics",
    "side_meeting_create",
    "side_meeting",
    "side_meeting_update",
    "note_create",
    "side_meeting_status",
    "commitment_create",
    "commitments",
    "commitment",
    "commitment_update",
    "commitment_close",
]
# Pages about one meeting, side meeting or commitment of `partner`: hidden from other administrations.
OBJECT_VIEWS = [name for name in ALL_VIEWS if name not in ("list", "create", "commitments")]
# Pages that change something, and pages for staff alone, that `partner`'s own delegate may see but not use.
STAFF_ONLY_VIEWS = [
    "create",
    "update",
    "briefing",
    "side_meeting_create",
    "side_meeting_update",
    "note_create",
    "side_meeting_status",
    "commitment_create",
    "commitments",
    "commitment_update",
]
READ_VIEWS = ["list", "detail", "ics", "side_meeting", "commitment"]
FORM_VIEWS = [
    "create",
    "update",
    "side_meeting_create",
    "side_meeting_update",
    "note_create",
    "side_meeting_status",
    "commitment_create",
    "commitment_update",
]


# The ladder, for every view


@pytest.mark.parametrize("name", ALL_VIEWS)
def test_anonymous_is_sent_to_login(client, world, name):
    response = client.get(url_for(name, world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("name", "method"),
    [(name, "get") for name in OBJECT_VIEWS if name != "commitment_close"]
    + [(name, "post") for name in OBJECT_VIEWS if name in FORM_VIEWS + ["commitment_close"]],
)
def test_delegate_of_another_administration_gets_404(outsider_client, world, name, method):
    assert getattr(outsider_client, method)(url_for(name, world)).status_code == 404


@pytest.mark.parametrize("name", STAFF_ONLY_VIEWS)
def test_own_delegate_gets_403_on_staff_pages(delegate_client, world, name):
    assert delegate_client.get(url_for(name, world)).status_code == 403


@pytest.mark.parametrize("name", FORM_VIEWS)
def test_own_delegate_gets_403_on_every_write(delegate_client, world, name):
    counts = [Meeting.objects.count(), SideMeeting.objects.count(), Note.objects.count(), Commitment.objects.count()]
    response = delegate_client.post(url_for(name, world), {"title": "Mine now", "text": "A note"})
    assert response.status_code == 403
    assert counts == [
        Meeting.objects.count(),
        SideMeeting.objects.count(),
        Note.objects.count(),
        Commitment.objects.count(),
    ]


@pytest.mark.parametrize("name", STAFF_ONLY_VIEWS + ["commitment_close"])
def test_donor_viewer_may_not_use_staff_pages(donor_client, world, name):
    """The donor's funding covers the administration, so the donor sees its meetings but changes nothing."""
    Commitment.objects.update(tier="donors")
    if name in ("briefing", "commitments"):
        response = donor_client.get(url_for(name, world))
    else:
        response = donor_client.post(url_for(name, world), {"status": "done", "comment": "Done."})
    assert response.status_code == 403


@pytest.mark.parametrize("name", READ_VIEWS)
def test_own_delegate_reads_the_pages_of_their_administration(delegate_client, world, name):
    assert delegate_client.get(url_for(name, world)).status_code == 200


@pytest.mark.parametrize("name", READ_VIEWS + ["briefing", "commitments"] + FORM_VIEWS)
def test_staff_get_every_page(staff_client, world, name):
    assert staff_client.get(url_for(name, world)).status_code == 200


@pytest.mark.parametrize(
    ("name", "method"),
    [(name, "post") for name in READ_VIEWS + ["briefing", "commitments"]]
    + [(name, "delete") for name in FORM_VIEWS]
    + [("commitment_close", "get")],
)
def test_wrong_method_is_refused(staff_client, world, name, method):
    assert getattr(staff_client, method)(url_for(name, world)).status_code == 405


@pytest.mark.parametrize("name", ["detail", "side_meeting", "commitment", "ics", "briefing"])
def test_unknown_ids_answer_404(staff_client, name):
    url = reverse(f"meetings:{name}", args=["0b7cf2a6-8c5e-4c43-a0d5-6f0f7b7dd3b1"])
    assert staff_client.get(url).status_code == 404


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


# Calendar


def test_meeting_downloads_as_an_ics_event(delegate_client, world):
    response = delegate_client.get(reverse("meetings:ics", args=[world.meeting.uuid]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="22nd-integrity-sub-committee.ics"'
    assert f"UID:{world.meeting.uuid}\r\n" in response.text
    assert f"URL:http://testserver{world.meeting.get_absolute_url()}\r\n" in response.text


# Side meetings


def test_side_meeting_page_shows_a_delegate_shared_text_and_hides_the_rest(delegate_client, world, staff):
    side_meeting = world.side_meeting
    side_meeting.purpose = "Review the integrity strategy"
    side_meeting.key_outcomes = "STAFF-ONLY-NOTE in the outcomes"
    side_meeting.atmosphere = "tense"
    side_meeting.save()
    NoteFactory(side_meeting=side_meeting, text="STAFF-ONLY-NOTE", tier="staff")
    NoteFactory(side_meeting=side_meeting, text="Shared with you", tier="partner")

    staff_only = delegate_client.get(side_meeting.get_absolute_url())
    side_meeting.tier = "partner"
    side_meeting.save()
    shared = delegate_client.get(side_meeting.get_absolute_url())

    assert "STAFF-ONLY-NOTE" not in staff_only.text
    assert "Review the integrity strategy" not in staff_only.text
    assert "Not shared" in staff_only.text
    assert "Shared with you" in staff_only.text
    assert "Review the integrity strategy" in shared.text
    assert "Tense" not in shared.text
    assert "STAFF-ONLY-NOTE</p>" not in shared.text


def test_side_meeting_page_shows_staff_everything(staff_client, world):
    world.side_meeting.atmosphere = "cordial"
    world.side_meeting.save()
    NoteFactory(side_meeting=world.side_meeting, text="STAFF-ONLY-NOTE")

    response = staff_client.get(world.side_meeting.get_absolute_url())

    assert "STAFF-ONLY-NOTE" in response.text
    assert "Cordial" in response.text
    assert response.context["note_form"] is not None
    assert response.context["history"]


def test_side_meeting_agenda_lists_open_commitments_raised_earlier(staff_client, world, partner, other_partner):
    earlier = SideMeetingFactory(partner=partner, held_on=world.side_meeting.held_on - 200 * DAY)
    later = SideMeetingFactory(partner=partner, held_on=world.side_meeting.held_on + 200 * DAY)
    CommitmentFactory(side_meeting=earlier, title="Still open from April")
    CommitmentFactory(
        side_meeting=earlier, title="Done already", status="done", closed_at=timezone.now(), closed_by=None
    )
    CommitmentFactory(side_meeting=later, title="Raised afterwards")
    CommitmentFactory(side_meeting=SideMeetingFactory(partner=other_partner, held_on=earlier.held_on), title="Nepal's")

    response = staff_client.get(world.side_meeting.get_absolute_url())

    assert [c.title for c in response.context["agenda"]] == ["Still open from April"]
    assert {c.title for c in response.context["commitments"]} == {"Draft the code", "Send the guide"}


def test_side_meeting_shows_the_status_agreed_there(delegate_client, world, partner):
    change = StatusChangeFactory(partner=partner, stage="monitoring", reason="Plan delivered", tier="partner")
    world.side_meeting.status_change = change
    world.side_meeting.save()

    response = delegate_client.get(world.side_meeting.get_absolute_url())

    assert "Monitoring" in response.text
    assert "Plan delivered" in response.text


def test_side_meeting_create_asks_which_delegation_first(staff_client, world):
    response = staff_client.get(reverse("meetings:side_meeting_create", args=[world.meeting.uuid]))
    assert response.templates[0].name == "meetings/sidemeeting_pick.html"
    assert list(response.context["form"].fields["partner"].queryset) == [world.side_meeting.partner]


def test_side_meeting_posted_without_a_delegation_asks_for_one(staff_client, world):
    response = staff_client.post(reverse("meetings:side_meeting_create", args=[world.meeting.uuid]), {"tier": "staff"})
    assert response.templates[0].name == "meetings/sidemeeting_pick.html"
    assert "partner" in response.context["form"].errors
    assert SideMeeting.objects.count() == 1


def test_staff_record_a_side_meeting_with_an_attending_delegation(staff_client, world, partner):
    url = reverse("meetings:side_meeting_create", args=[world.meeting.uuid]) + "?partner=ghana"
    data = {
        "held_on": world.meeting.starts_on.isoformat(),
        "partner_participants": [world.coordinator.pk],
        "purpose": "Agree the plan",
        "key_outcomes": "Plan agreed",
        "atmosphere": "constructive",
        "tier": "partner",
        "wco_participants": "Programme manager",
    }

    response = staff_client.post(url, data)

    side_meeting = SideMeeting.objects.get(purpose="Agree the plan")
    assert response["Location"] == side_meeting.get_absolute_url()
    assert side_meeting.partner == partner
    assert list(side_meeting.partner_participants.all()) == [world.coordinator]


def test_side_meeting_form_proposes_the_first_day_of_the_meeting(staff_client, world):
    url = reverse("meetings:side_meeting_create", args=[world.meeting.uuid]) + "?partner=ghana"
    form = staff_client.get(url).context["form"]
    assert form["held_on"].value() == world.meeting.starts_on


def test_meeting_form_proposes_the_latest_programme(staff_client):
    ProgrammeFactory()
    latest = ProgrammeFactory(
        slug="a-cip-2", short_name="A-CIP 2", name="Phase two", starts_on=datetime.date(2026, 1, 1)
    )
    assert staff_client.get(reverse("meetings:create")).context["form"]["programme"].value() == latest.pk


def test_side_meeting_cannot_be_recorded_with_an_administration_not_attending(staff_client, world, other_partner):
    url = reverse("meetings:side_meeting_create", args=[world.meeting.uuid]) + "?partner=nepal"
    response = staff_client.post(url, {"held_on": world.meeting.starts_on.isoformat(), "tier": "staff"})
    assert response.status_code == 200
    assert not SideMeeting.objects.filter(partner=other_partner).exists()


def test_side_meeting_must_be_held_during_its_meeting(staff_client, world):
    url = reverse("meetings:side_meeting_create", args=[world.meeting.uuid]) + "?partner=ghana"
    response = staff_client.post(url, {"held_on": "2001-01-01", "tier": "staff"})
    assert "held_on" in response.context["form"].errors
    assert SideMeeting.objects.count() == 1


def test_side_meeting_participants_come_from_its_administration(staff_client, world, other_partner):
    url = reverse("meetings:side_meeting_update", args=[world.side_meeting.uuid])
    stranger = ContactFactory(partner=other_partner)
    data = {"held_on": world.side_meeting.held_on.isoformat(), "tier": "staff", "partner_participants": [stranger.pk]}
    response = staff_client.post(url, data)
    assert "partner_participants" in response.context["form"].errors


def test_staff_update_a_side_meeting(staff_client, world):
    url = reverse("meetings:side_meeting_update", args=[world.side_meeting.uuid])
    data = {"held_on": world.side_meeting.held_on.isoformat(), "tier": "staff", "key_outcomes": "Roadmap agreed"}
    response = staff_client.post(url, data)
    world.side_meeting.refresh_from_db()
    assert response.status_code == 302
    assert world.side_meeting.key_outcomes == "Roadmap agreed"


# Notes


def test_note_form_defaults_to_staff_only(staff_client, world):
    response = staff_client.get(world.side_meeting.get_absolute_url())
    assert response.context["note_form"]["tier"].value() == "staff"


def test_staff_add_a_note_with_its_tier(staff_client, world, staff):
    url = reverse("meetings:note_create", args=[world.side_meeting.uuid])
    response = staff_client.post(url, {"text": "Minister keen", "tier": "partner"})
    note = Note.objects.get()
    assert response["Location"] == world.side_meeting.get_absolute_url() + "#notes"
    assert (note.text, note.tier, note.author, note.side_meeting) == (
        "Minister keen",
        "partner",
        staff,
        world.side_meeting,
    )


def test_a_blank_note_is_refused(staff_client, world):
    response = staff_client.post(reverse("meetings:note_create", args=[world.side_meeting.uuid]), {"text": "  "})
    assert "text" in response.context["form"].errors
    assert not Note.objects.exists()


# Status agreed at a side meeting


def test_staff_record_the_status_agreed_at_a_side_meeting(staff_client, world, staff, partner):
    url = reverse("meetings:side_meeting_status", args=[world.side_meeting.uuid])
    data = {
        "effective_on": world.side_meeting.held_on.isoformat(),
        "stage": "planning",
        "health": "at_risk",
        "reason": "Leadership changed",
        "tier": "partner",
    }

    response = staff_client.post(url, data)

    change = StatusChange.objects.get(partner=partner)
    world.side_meeting.refresh_from_db()
    assert response["Location"] == world.side_meeting.get_absolute_url()
    assert world.side_meeting.status_change == change
    assert (change.stage, change.recorded_by) == ("planning", staff)
    assert change.history.get().history_change_reason == "Leadership changed"


def test_status_agreed_needs_a_reason(staff_client, world):
    url = reverse("meetings:side_meeting_status", args=[world.side_meeting.uuid])
    data = {"effective_on": "2030-01-01", "stage": "planning", "health": "at_risk", "reason": " ", "tier": "staff"}
    response = staff_client.post(url, data)
    assert "reason" in response.context["form"].errors
    assert not StatusChange.objects.exists()


def test_a_second_status_for_the_same_side_meeting_is_refused(staff_client, world, partner):
    world.side_meeting.status_change = StatusChangeFactory(partner=partner)
    world.side_meeting.save()
    url = reverse("meetings:side_meeting_status", args=[world.side_meeting.uuid])
    data = {"effective_on": "2030-01-01", "stage": "planning", "health": "at_risk", "reason": "Again", "tier": "staff"}
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert StatusChange.objects.count() == 1


# Commitments


def commitment_data(**overrides):
    data = {"title": "Adopt the code of conduct", "owner": "administration", "due_on": "2030-06-30", "tier": "partner"}
    data.update(overrides)
    return data


def test_staff_record_a_commitment_at_a_side_meeting(staff_client, world, partner):
    url = reverse("meetings:commitment_create", args=[world.side_meeting.uuid])
    response = staff_client.post(url, commitment_data(owner_contact=world.coordinator.pk))
    commitment = Commitment.objects.get(title="Adopt the code of conduct")
    assert response["Location"] == world.side_meeting.get_absolute_url()
    assert (commitment.partner, commitment.side_meeting, commitment.status) == (partner, world.side_meeting, "open")
    assert commitment.owner_contact == world.coordinator


def test_commitment_form_shares_with_the_partner_by_default(staff_client, world):
    form = staff_client.get(reverse("meetings:commitment_create", args=[world.side_meeting.uuid])).context["form"]
    assert form["tier"].value() == "partner"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"owner": "programme", "owner_contact": "CONTACT"}, "owner_contact"),
        ({"owner_user": "STAFF"}, "owner_user"),
        ({"due_on": "tomorrow"}, "due_on"),
        ({"owner": "everyone"}, "owner"),
        ({"owner_contact": "OTHER"}, "owner_contact"),
    ],
)
def test_commitment_form_rejects_bad_input(staff_client, world, staff, other_partner, overrides, field):
    values = {"CONTACT": world.coordinator.pk, "STAFF": staff.pk, "OTHER": ContactFactory(partner=other_partner).pk}
    data = commitment_data(**{key: values.get(value, value) for key, value in overrides.items()})
    response = staff_client.post(reverse("meetings:commitment_create", args=[world.side_meeting.uuid]), data)
    assert field in response.context["form"].errors
    assert not Commitment.objects.filter(title="Adopt the code of conduct").exists()


def test_staff_update_a_commitment(staff_client, world):
    url = reverse("meetings:commitment_update", args=[world.commitment.uuid])
    response = staff_client.post(url, commitment_data(title="Adopt it by June"))
    world.commitment.refresh_from_db()
    assert response["Location"] == world.commitment.get_absolute_url()
    assert world.commitment.title == "Adopt it by June"


def test_commitments_list_opens_on_open_commitments(staff_client, world):
    CommitmentFactory(title="Closed one", status="done", closed_at=timezone.now())
    response = staff_client.get(reverse("meetings:commitments"))
    titles = {commitment.title for commitment in response.context["page_obj"]}
    assert titles == {"Draft the code", "Send the guide"}
    assert response.context["query_without_page"] == "status=open"


def test_commitments_list_filters_by_owner_administration_status_and_due_date(staff_client, world, other_partner):
    CommitmentFactory(side_meeting__partner=other_partner, title="Nepal's step", due_on=TODAY + 10 * DAY)
    CommitmentFactory(partner=world.side_meeting.partner, side_meeting=None, title="Late", due_on=TODAY + 400 * DAY)
    url = reverse("meetings:commitments")

    def titles(**query):
        return {commitment.title for commitment in staff_client.get(url, query).context["page_obj"]}

    assert titles(owner="programme") == {"Send the guide"}
    assert titles(partner="nepal") == {"Nepal's step"}
    assert titles(status="done") == set()
    assert titles(due_after=(TODAY + 200 * DAY).isoformat()) == {"Late"}
    assert titles(due_before=(TODAY + 30 * DAY).isoformat()) == {"Nepal's step"}


def test_overdue_commitments_stand_out_in_words(staff_client, world):
    CommitmentFactory(title="Long overdue", due_on=TODAY - 3 * DAY)
    CommitmentFactory(title="Closed late", due_on=TODAY - 3 * DAY, status="done", closed_at=timezone.now())

    response = staff_client.get(reverse("meetings:commitments"), {"overdue": "on"})

    assert [commitment.title for commitment in response.context["page_obj"]] == ["Long overdue"]
    assert "Overdue</span>" in response.text


def test_commitments_list_is_paginated(staff_client):
    CommitmentFactory.create_batch(26)
    response = staff_client.get(reverse("meetings:commitments"), {"page": 2})
    assert len(response.context["page_obj"]) == 1
    assert "status=open&amp;page=1" in response.text


def test_commitment_page_shows_history_to_staff_only(staff_client, delegate_client, world):
    assert staff_client.get(world.commitment.get_absolute_url()).context["history"]
    assert delegate_client.get(world.commitment.get_absolute_url()).context["history"] is None


def test_delegate_does_not_see_a_staff_only_commitment(delegate_client, world):
    hidden = CommitmentFactory(side_meeting=world.side_meeting, tier="staff", owner="administration")
    assert delegate_client.get(hidden.get_absolute_url()).status_code == 404


def test_commitment_page_hides_an_outcome_the_delegate_may_not_read(delegate_client, world):
    from tests.partners.factories import OutcomeFactory

    world.commitment.outcome = OutcomeFactory(plan__partner=world.side_meeting.partner, title="Secret outcome")
    world.commitment.save()
    assert "Secret outcome" not in delegate_client.get(world.commitment.get_absolute_url()).text


# Closing commitments


def test_delegate_closes_their_administrations_commitment_and_staff_see_it(delegate_client, staff_client, world):
    url = reverse("meetings:commitment_close", args=[world.commitment.uuid])

    response = delegate_client.post(url, {"status": "done", "comment": "Code adopted in March"})

    world.commitment.refresh_from_db()
    assert response["Location"] == world.commitment.get_absolute_url()
    assert world.commitment.status == "done"
    assert world.commitment.closing_comment == "Code adopted in March"
    history = staff_client.get(world.commitment.get_absolute_url()).context["history"]
    assert history[0].who.get_full_name() == "Dede Delegate"
    assert history[0].reason == "Code adopted in March"


def test_delegate_sees_the_close_form_only_on_their_administrations_commitments(delegate_client, world):
    assert delegate_client.get(world.commitment.get_absolute_url()).context["close_form"] is not None
    assert delegate_client.get(world.programme_commitment.get_absolute_url()).context["close_form"] is None


def test_delegate_may_not_close_a_programme_commitment(delegate_client, world):
    url = reverse("meetings:commitment_close", args=[world.programme_commitment.uuid])
    response = delegate_client.post(url, {"status": "done", "comment": "Done"})
    world.programme_commitment.refresh_from_db()
    assert response.status_code == 403
    assert world.programme_commitment.status == "open"


def test_delegate_may_not_drop_a_commitment(delegate_client, world):
    url = reverse("meetings:commitment_close", args=[world.commitment.uuid])
    response = delegate_client.post(url, {"status": "dropped", "comment": "Not now"})
    world.commitment.refresh_from_db()
    assert "status" in response.context["close_form"].errors
    assert world.commitment.status == "open"


def test_closing_needs_a_comment(delegate_client, world):
    url = reverse("meetings:commitment_close", args=[world.commitment.uuid])
    response = delegate_client.post(url, {"status": "done", "comment": "   "})
    world.commitment.refresh_from_db()
    assert "comment" in response.context["close_form"].errors
    assert world.commitment.status == "open"


def test_staff_drop_any_commitment(staff_client, world, staff):
    url = reverse("meetings:commitment_close", args=[world.programme_commitment.uuid])
    staff_client.post(url, {"status": "dropped", "comment": "Overtaken by events"})
    world.programme_commitment.refresh_from_db()
    assert (world.programme_commitment.status, world.programme_commitment.closed_by) == ("dropped", staff)
    assert world.programme_commitment.closed_at is not None


def test_closing_a_closed_commitment_changes_nothing(staff_client, world):
    url = reverse("meetings:commitment_close", args=[world.commitment.uuid])
    staff_client.post(url, {"status": "done", "comment": "First"})
    response = staff_client.post(url, {"status": "dropped", "comment": "Second"})
    world.commitment.refresh_from_db()
    assert response.status_code == 302
    assert (world.commitment.status, world.commitment.closing_comment) == ("done", "First")


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


# Nothing staff-only reaches a delegate


def test_a_delegate_never_sees_a_staff_only_note_on_any_meetings_page(delegate_client, world, partner):
    secret = "STAFF-ONLY-NOTE"
    side_meeting = world.side_meeting
    NoteFactory(side_meeting=side_meeting, text=secret)
    side_meeting.purpose = side_meeting.key_outcomes = side_meeting.wco_participants = secret
    side_meeting.save()
    side_meeting.status_change = StatusChangeFactory(partner=partner, reason=secret)
    side_meeting.save()
    CommitmentFactory(side_meeting=side_meeting, title=secret, tier="staff")
    world.commitment.description = "Shared"
    world.commitment.save()
    later = SideMeetingFactory(partner=partner, meeting=world.meeting, held_on=side_meeting.held_on + DAY)

    for url in [
        reverse("meetings:list"),
        world.meeting.get_absolute_url(),
        reverse("meetings:ics", args=[world.meeting.uuid]),
        side_meeting.get_absolute_url(),
        later.get_absolute_url(),
        world.commitment.get_absolute_url(),
    ]:
        response = delegate_client.get(url)
        assert response.status_code == 200, url
        assert secret not in response.text, url
