import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from acip.editions.models import Edition, EditionEntry
from acip.editions.snapshot import SCHEMA_VERSION
from meetings.models import Commitment, CommitmentStatus
from tests.editions.conftest import DAY, TODAY, make_partner
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory
from tests.partners.factories import PartnerFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db

# The previous edition; the eight reads of snapshots_on (partners with their status, commitments, plans, indicators,
# their values, assessments, scores, attendances); full_clean's check of the user; the edition, its history row and
# the entries in one insert; the transaction's savepoint pair.
FREEZE_QUERIES = 15


def test_freeze_keeps_every_partner_in_the_programme_on_the_day(programme, freeze):
    partners = programme(2)
    PartnerFactory(joined_on=TODAY + DAY)
    PartnerFactory(joined_on=datetime.date(2019, 1, 1), exited_on=TODAY - DAY)
    edition = freeze()
    assert edition.schema_version == SCHEMA_VERSION
    assert sorted(edition.entries.values_list("partner_id", flat=True)) == sorted(p.pk for p in partners)


def test_a_snapshot_holds_status_commitments_indicators_profile_and_meetings(programme, freeze):
    (partner,) = programme(1)
    data = freeze().entries.get().data
    assert data["partner"]["country_name"] == partner.country_name
    assert data["status"] == {
        "stage": "planning",
        "health": "on_track",
        "reason": f"Why {partner.slug}",
        "effective_on": "2019-04-10",
        "tier": "staff",
    }
    assert [c["title"] for c in data["open_commitments"]] == [f"Commitment of {partner.slug}"]
    (indicator,) = data["indicators"]
    assert indicator["values"] == [{"period": 2023, "target": "50.00", "actual": "45.00"}]
    assert data["profile"]["title"] == f"Assessment of {partner.slug}"
    assert [s["factor"] for s in data["profile"]["scores"]] == [1, 2, 3]
    assert len(data["meetings"]) == 1


def test_the_snapshot_is_what_was_true_on_its_day(freeze):
    partner = make_partner()
    StatusChangeFactory(partner=partner, stage="implementation", effective_on=TODAY, reason="Later")
    closed_before = CommitmentFactory(side_meeting__partner=partner, title="Closed before")
    closed_after = CommitmentFactory(side_meeting__partner=partner, title="Closed after")
    Commitment.objects.filter(pk=closed_before.pk).update(
        status=CommitmentStatus.DONE, closed_at=timezone.now() - 10 * DAY
    )
    Commitment.objects.filter(pk=closed_after.pk).update(status=CommitmentStatus.DONE, closed_at=timezone.now())
    Commitment.objects.update(created_at=timezone.now() - 20 * DAY)
    data = freeze(frozen_on=TODAY - 2 * DAY).entries.get().data
    assert data["status"]["stage"] == "planning"
    assert {c["title"] for c in data["open_commitments"]} == {f"Commitment of {partner.slug}", "Closed after"}


def test_a_commitment_dates_from_its_side_meeting_even_when_entered_later(freeze):
    partner = make_partner()
    CommitmentFactory(
        side_meeting__partner=partner, side_meeting__held_on=TODAY - 10 * DAY, title="Raised at the session"
    )
    CommitmentFactory(side_meeting__partner=partner, side_meeting__held_on=TODAY - DAY, title="Raised later")
    data = freeze(frozen_on=TODAY - 5 * DAY).entries.get().data
    titles = {c["title"] for c in data["open_commitments"]}
    assert "Raised at the session" in titles and "Raised later" not in titles


def test_meetings_are_those_since_the_previous_edition(freeze):
    partner = make_partner(meeting=MeetingFactory(starts_on=TODAY - 40 * DAY, ends_on=TODAY - 40 * DAY))
    freeze(frozen_on=TODAY - 30 * DAY)
    AttendanceFactory(partner=partner, meeting=MeetingFactory(title="Since", starts_on=TODAY - DAY, ends_on=TODAY))
    data = freeze().entries.get().data
    assert [m["title"] for m in data["meetings"]] == ["Since"]
    assert data["meetings_since"] == (TODAY - 30 * DAY).isoformat()


def test_editing_records_afterwards_leaves_the_edition_as_it_was(programme, freeze):
    (partner,) = programme(1)
    edition = freeze()
    before = EditionEntry.objects.get(edition=edition).data
    partner.status_changes.update(reason="Rewritten", stage="monitoring")
    Commitment.objects.update(title="Renamed")
    partner.assessments.update(title="Retitled")
    assert EditionEntry.objects.get(edition=edition).data == before
    assert before["status"]["reason"] == f"Why {partner.slug}"


def test_a_refused_edition_stores_nothing(programme, freeze):
    programme(1)
    with pytest.raises(ValidationError):
        freeze(title="x" * 201)
    assert not Edition.objects.exists() and not EditionEntry.objects.exists()


@pytest.mark.parametrize("size", [2, 6])
def test_freezing_takes_a_fixed_number_of_queries(programme, freeze, size):
    programme(size)
    with CaptureQueriesContext(connection) as queries:
        edition = freeze()
    assert edition.entries.count() == size
    assert len(queries) == FREEZE_QUERIES, "\n".join(q["sql"] for q in queries.captured_queries)
