import pytest
from django.urls import reverse

from meetings.models import Commitment, Note
from tests.admin_forms import admin_form_data
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    NoteFactory,
    SideMeetingFactory,
)

pytestmark = pytest.mark.django_db


def inline_models(response) -> list:
    return [inline.formset.model for inline in response.context["inline_admin_formsets"]]


def test_meeting_page_shows_attendance_and_side_meetings(admin_client):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, partner__country_name="Ghana")
    SideMeetingFactory(meeting=meeting, partner__country_name="Malawi")

    response = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    assert [model.__name__ for model in inline_models(response)] == ["Attendance", "SideMeeting"]
    assert "Ghana" in response.text
    assert "Malawi" in response.text


def test_side_meeting_page_shows_its_notes_and_commitments(admin_client):
    side_meeting = SideMeetingFactory()
    NoteFactory(side_meeting=side_meeting, text="The Commissioner asked for a follow-up mission.")
    CommitmentFactory(side_meeting=side_meeting, title="Send the draft code of conduct")

    response = admin_client.get(reverse("admin:meetings_sidemeeting_change", args=[side_meeting.pk]))

    assert inline_models(response) == [Note, Commitment]
    assert "The Commissioner asked for a follow-up mission." in response.text
    assert "Send the draft code of conduct" in response.text


def test_a_new_note_is_written_by_the_administrator_unless_changed(admin_client, admin_user):
    side_meeting = SideMeetingFactory()

    response = admin_client.get(reverse("admin:meetings_sidemeeting_change", args=[side_meeting.pk]))

    notes = response.context["inline_admin_formsets"][0].formset
    assert notes.empty_form["author"].value() == admin_user.pk


def test_a_commitment_added_at_a_side_meeting_belongs_to_its_administration(admin_client):
    side_meeting = SideMeetingFactory()
    url = reverse("admin:meetings_sidemeeting_change", args=[side_meeting.pk])
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "commitments-TOTAL_FORMS": 1,
            "commitments-0-title": "Nominate an integrity focal point",
            "commitments-0-tier": "partner",
            "commitments-0-owner": "administration",
            "commitments-0-due_on": "2019-06-30",
            "commitments-0-status": "open",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    commitment = side_meeting.commitments.get()
    assert (commitment.partner, commitment.title, commitment.closed_at) == (
        side_meeting.partner,
        "Nominate an integrity focal point",
        None,
    )


def test_a_commitment_closed_at_its_side_meeting_records_when_and_by_whom(admin_client, admin_user):
    commitment = CommitmentFactory()
    url = reverse("admin:meetings_sidemeeting_change", args=[commitment.side_meeting.pk])
    data = admin_form_data(admin_client.get(url))
    data["commitments-0-status"] = "done"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    commitment.refresh_from_db()
    assert commitment.status == "done"
    assert commitment.closed_at is not None
    assert commitment.closed_by == admin_user


def test_closing_and_reopening_a_commitment_keeps_its_closing_fields_in_step(admin_client, admin_user):
    commitment = CommitmentFactory()
    url = reverse("admin:meetings_commitment_change", args=[commitment.pk])

    data = admin_form_data(admin_client.get(url))
    data["status"] = "dropped"
    assert admin_client.post(url, data).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.closed_by) == ("dropped", admin_user)
    assert commitment.closed_at is not None

    data = admin_form_data(admin_client.get(url))
    data["status"] = "open"
    assert admin_client.post(url, data).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.closed_at, commitment.closed_by) == ("open", None, None)


def test_closing_a_commitment_is_kept_in_its_history(admin_client, admin_user):
    commitment = CommitmentFactory()
    url = reverse("admin:meetings_commitment_change", args=[commitment.pk])
    data = admin_form_data(admin_client.get(url))
    data["status"] = "done"

    admin_client.post(url, data)

    latest = commitment.history.latest()
    assert (latest.status, latest.history_user) == ("done", admin_user)
