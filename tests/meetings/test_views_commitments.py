"""Commitments: the form, the list with its filters, a commitment's page and closing one, for staff and for the
administration's own delegate. The access ladder of these pages is in test_views.py."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Commitment
from tests.meetings.conftest import DAY, TODAY
from tests.meetings.factories import CommitmentFactory
from tests.partners.factories import ActivityFactory, ContactFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


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
    assert response.context["filter"].data.urlencode() == "status=open"


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
    assert history[0].who == "Dede Delegate"
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


def test_a_commitment_page_names_only_the_links_its_reader_may_see(
    staff_client, delegate_client, partner, other_partner
):
    """Linked in the admin to another administration's side meeting and contact, and to a staff-only outcome and
    activity: the delegate reads the commitment, none of those."""
    commitment = CommitmentFactory(
        partner=partner,
        side_meeting__partner=other_partner,
        side_meeting__meeting__title="SECRET-MEETING",
        owner_contact=ContactFactory(partner=other_partner, name="SECRET-CONTACT"),
        outcome=OutcomeFactory(plan__partner=partner, plan__tier="staff", title="SECRET-OUTCOME"),
        activity=ActivityFactory(partner=partner, tier="staff", title="SECRET-ACTIVITY"),
        tier="partner",
        title="Linked oddly",
    )
    page = delegate_client.get(commitment.get_absolute_url()).content.decode()
    assert "Linked oddly" in page
    assert "SECRET" not in page
    assert "Recorded outside a side meeting" not in page  # it was not: the reader just may not see where
    staff_page = staff_client.get(commitment.get_absolute_url()).content.decode()
    for text in ("SECRET-MEETING", "SECRET-CONTACT", "SECRET-OUTCOME", "SECRET-ACTIVITY"):
        assert text in staff_page
