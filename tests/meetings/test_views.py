"""The meetings pages: the ladder for every view (anonymous, another administration's delegate, the
administration's own delegate on staff pages and writes, a donor viewer, staff, wrong method, unknown ids), and that
nothing staff-only reaches a delegate on any page. What each page shows and each form saves or refuses is in
test_views_meetings.py (meetings list, page, form, calendar file, briefing), test_views_side_meetings.py (side
meetings, notes, status agreed) and test_views_commitments.py (commitments list, page, form, closing)."""

import pytest
from django.urls import reverse

from meetings.models import Commitment, Meeting, Note, SideMeeting
from tests.meetings.conftest import DAY
from tests.meetings.factories import CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import StatusChangeFactory

pytestmark = pytest.mark.django_db


def url_for(name: str, world) -> str:
    meeting, side_meeting, commitment = world.meeting.uuid, world.side_meeting.uuid, world.commitment.uuid
    return {
        "list": reverse("meetings:list"),
        "calendar": reverse("meetings:calendar") + f"?month={world.meeting.starts_on:%Y-%m}",
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
    "calendar",
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
OBJECT_VIEWS = [name for name in ALL_VIEWS if name not in ("list", "calendar", "create", "commitments")]
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
READ_VIEWS = ["list", "calendar", "detail", "ics", "side_meeting", "commitment"]
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
        url_for("calendar", world),
        world.meeting.get_absolute_url(),
        reverse("meetings:ics", args=[world.meeting.uuid]),
        side_meeting.get_absolute_url(),
        later.get_absolute_url(),
        world.commitment.get_absolute_url(),
    ]:
        response = delegate_client.get(url)
        assert response.status_code == 200, url
        assert secret not in response.text, url
