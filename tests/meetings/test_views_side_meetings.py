"""Side meetings, their notes and the status agreed at them: what each page shows to whom (with the agenda of
commitments still open), and what each form saves or refuses. The access ladder of these pages is in test_views.py."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Note, SideMeeting
from partners.models import StatusChange
from tests.meetings.conftest import DAY
from tests.meetings.factories import CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import ContactFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db


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


def test_a_new_side_meeting_starts_with_the_delegations_attendees_ticked(staff_client, world, partner):
    ContactFactory(partner=partner, name="Not attending")
    url = reverse("meetings:side_meeting_create", args=[world.meeting.uuid]) + "?partner=ghana"
    form = staff_client.get(url).context["form"]
    assert list(form["partner_participants"].value()) == [world.coordinator.pk]
    edit = staff_client.get(reverse("meetings:side_meeting_update", args=[world.side_meeting.uuid]))
    assert list(edit.context["form"]["partner_participants"].value()) == []  # an edit keeps what was saved


def test_the_side_meeting_form_shows_the_carried_over_agenda_and_the_current_status(staff_client, world, partner):
    StatusChangeFactory(partner=partner, stage="planning", health="at_risk")
    closed = CommitmentFactory(
        side_meeting=world.side_meeting, title="Already done", status="done", closed_at=timezone.now()
    )
    url = reverse("meetings:side_meeting_create", args=[world.meeting.uuid]) + "?partner=ghana"
    response = staff_client.get(url)
    html = response.content.decode()
    agenda = html[html.index('data-testid="carried-agenda"') :].split("</section>")[0]
    assert "Draft the code" in agenda and "Send the guide" in agenda and closed.title not in agenda
    status = html[html.index('data-testid="current-status"') :].split("</section>")[0]
    assert "Planning" in status and "At risk" in status
    # the side meeting's own form shows what was open before it: the commitments raised at it are not carried over
    edit = staff_client.get(reverse("meetings:side_meeting_update", args=[world.side_meeting.uuid]))
    assert edit.context["known"].agenda == []


def test_a_commitment_on_the_agenda_is_closed_from_the_side_meeting_form(staff_client, world):
    url = reverse("meetings:side_meeting_create", args=[world.meeting.uuid]) + "?partner=ghana"
    close = reverse("meetings:commitment_close", args=[world.commitment.uuid])
    assert f'action="{close}"' in staff_client.get(url).content.decode()

    response = staff_client.post(close, {"status": "done", "comment": "Drafted", "next": url})

    assert response.status_code == 302 and response["Location"] == url
    world.commitment.refresh_from_db()
    assert world.commitment.status == "done"
    agenda = staff_client.get(url).context["known"].agenda
    assert [c.title for c in agenda] == ["Send the guide"]


def test_closing_a_commitment_never_goes_back_to_another_site(staff_client, world):
    close = reverse("meetings:commitment_close", args=[world.commitment.uuid])
    response = staff_client.post(close, {"status": "done", "comment": "Drafted", "next": "https://evil.example/"})
    assert response["Location"] == world.commitment.get_absolute_url()


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
        # The world's side meeting is still to come: a status takes effect today at the latest.
        "effective_on": timezone.localdate().isoformat(),
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


def test_status_agreed_at_a_side_meeting_cannot_be_dated_in_the_future(staff_client, world):
    # The same rule as the country page's: one StatusChangeForm (partners.forms) for both.
    url = reverse("meetings:side_meeting_status", args=[world.side_meeting.uuid])
    ahead = (timezone.localdate() + 400 * DAY).isoformat()
    data = {"effective_on": ahead, "stage": "planning", "health": "at_risk", "reason": "Agreed", "tier": "staff"}

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["effective_on"] == ["The effective date cannot be in the future."]
    assert not StatusChange.objects.exists()


def test_the_status_form_of_a_side_meeting_still_to_come_opens_on_today(staff_client, world):
    response = staff_client.get(reverse("meetings:side_meeting_status", args=[world.side_meeting.uuid]))
    assert response.context["form"].initial["effective_on"] == timezone.localdate()


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


# Correcting and withdrawing notes (issue 20)


def note_urls(note):
    return reverse("meetings:note_update", args=[note.pk]), reverse("meetings:note_withdraw", args=[note.pk])


def test_staff_correct_and_re_tier_a_note_and_the_history_keeps_what_it_said(staff_client, world, staff):
    note = NoteFactory(side_meeting=world.side_meeting, text="Teh draft", tier="staff")
    edit, _ = note_urls(note)
    form = staff_client.get(edit).context["form"]
    response = staff_client.post(
        edit, {"text": "The draft", "tier": "partner", "opened_version": form["opened_version"].value()}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.text, note.tier) == ("The draft", "partner")
    history = staff_client.get(edit).context["history"]
    assert any(change.old == "Teh draft" for entry in history for change in entry.changes)


def test_an_edit_against_a_newer_version_is_refused(staff_client, world):
    note = NoteFactory(side_meeting=world.side_meeting, text="First", tier="staff")
    edit, _ = note_urls(note)
    opened = staff_client.get(edit).context["form"]["opened_version"].value()
    staff_client.post(edit, {"text": "Second", "tier": "staff", "opened_version": opened})
    response = staff_client.post(edit, {"text": "Third", "tier": "staff", "opened_version": opened})
    assert response.status_code == 200
    note.refresh_from_db()
    assert note.text == "Second"


def test_a_withdrawn_note_needs_a_reason_and_stays_for_staff_alone(staff_client, delegate_client, world):
    note = NoteFactory(side_meeting=world.side_meeting, text="Said in error", tier="partner")
    edit, withdraw = note_urls(note)
    assert "Said in error" in delegate_client.get(world.side_meeting.get_absolute_url()).text

    refused = staff_client.post(withdraw, {"reason": "  "})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    note.refresh_from_db()
    assert not note.is_withdrawn

    assert staff_client.post(withdraw, {"reason": "Wrong delegation"}).status_code == 302
    note.refresh_from_db()
    assert note.is_withdrawn and note.withdrawal_reason == "Wrong delegation"
    page = staff_client.get(world.side_meeting.get_absolute_url()).text
    assert "Said in error" in page and "Withdrawn" in page and "Wrong delegation" in page
    assert "Said in error" not in delegate_client.get(world.side_meeting.get_absolute_url()).text
    assert delegate_client.get(edit).status_code == 404
    # withdrawn is final: not edited, not withdrawn again, and the note is still there
    assert staff_client.post(edit, {"text": "Changed", "tier": "staff"}).status_code == 302
    note.refresh_from_db()
    assert note.text == "Said in error"
    assert Note.objects.filter(pk=note.pk).exists()


def test_a_delegate_who_reads_a_note_may_not_correct_it(delegate_client, world):
    note = NoteFactory(side_meeting=world.side_meeting, text="Shared", tier="partner")
    edit, withdraw = note_urls(note)
    assert delegate_client.get(edit).status_code == 403
    assert delegate_client.post(withdraw, {"reason": "No"}).status_code == 403
