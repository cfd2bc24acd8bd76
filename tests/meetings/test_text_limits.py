"""The meetings' forms refuse a text one character over its limit with a message at the field, and write nothing;
a text at the limit, line breaks and all, is accepted."""

import pytest
from django.urls import reverse

from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory, SideMeetingFactory
from tests.page_forms import all_rows, bound_data, page_forms, text_of

pytestmark = pytest.mark.django_db


def meeting_page(partner):
    url = reverse("meetings:update", args=[MeetingFactory(session_number=20).uuid])
    return url, url, {}


def side_meeting(partner):
    meeting = MeetingFactory(session_number=20)
    AttendanceFactory(meeting=meeting, partner=partner)
    return SideMeetingFactory(meeting=meeting, partner=partner)


def side_meeting_page(partner):
    url = reverse("meetings:side_meeting_update", args=[side_meeting(partner).uuid])
    return url, url, {}


def note_page(partner):
    url = reverse("meetings:note_create", args=[side_meeting(partner).uuid])
    return url, url, {}


def status_page(partner):
    url = reverse("meetings:side_meeting_status", args=[side_meeting(partner).uuid])
    return url, url, {"stage": "implementation", "health": "on_track"}


def commitment_page(partner):
    url = reverse("meetings:commitment_update", args=[CommitmentFactory(side_meeting=side_meeting(partner)).uuid])
    return url, url, {}


def close_page(partner):
    commitment = CommitmentFactory(side_meeting=side_meeting(partner))
    return (
        reverse("meetings:commitment", args=[commitment.uuid]),
        reverse("meetings:commitment_close", args=[commitment.uuid]),
        {"status": "done"},
    )


CASES = [
    pytest.param(meeting_page, "form", "theme", 2000, id="meeting-theme"),
    pytest.param(side_meeting_page, "form", "purpose", 2000, id="side-meeting-purpose"),
    pytest.param(side_meeting_page, "form", "wco_participants", 1000, id="side-meeting-team"),
    pytest.param(side_meeting_page, "form", "key_outcomes", 5000, id="side-meeting-key-outcomes"),
    pytest.param(note_page, "form", "text", 5000, id="note-text"),
    pytest.param(status_page, "form", "reason", 2000, id="status-reason"),
    pytest.param(commitment_page, "form", "description", 2000, id="commitment-details"),
    pytest.param(close_page, "close_form", "comment", 2000, id="commitment-closing-comment"),
]


@pytest.mark.parametrize(("page", "form", "name", "limit"), CASES)
def test_one_character_over_is_refused_at_the_field_and_nothing_is_written(
    staff_client, partner, page, form, name, limit
):
    shown_at, posted_to, fill = page(partner)
    shown = staff_client.get(shown_at)
    assert f'maxlength="{limit}"' in shown.content.decode()
    data = {**bound_data(*page_forms(shown)), **fill, name: text_of(limit + 1)}
    rows = all_rows()

    response = staff_client.post(posted_to, data)

    assert response.status_code == 200
    assert response.context[form].errors == {
        name: [f"Shorten this to {limit:,} characters at most (it has {limit + 1:,})."]
    }
    assert all_rows() == rows


@pytest.mark.parametrize(("page", "form", "name", "limit"), CASES)
def test_a_text_at_the_limit_is_accepted(staff_client, partner, page, form, name, limit):
    shown_at, posted_to, fill = page(partner)
    data = {**bound_data(*page_forms(staff_client.get(shown_at))), **fill, name: text_of(limit)}

    response = staff_client.post(posted_to, data)

    assert response.status_code == 302, response.context[form].errors
