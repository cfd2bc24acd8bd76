import datetime

from django.db import transaction

from acip.editions.models import Edition, EditionEntry
from acip.editions.snapshot import SCHEMA_VERSION, snapshots_on
from meetings.models import Meeting


def previous_edition(day: datetime.date) -> Edition | None:
    """The latest edition on or before `day`: the one a new edition of that day follows."""
    return Edition.objects.filter(frozen_on__lte=day).order_by("-frozen_on", "-created_at", "-pk").first()


@transaction.atomic
def edition_freeze(*, title: str, frozen_on: datetime.date, meeting: Meeting | None, created_by) -> Edition:
    """Freeze the status of every partner in the programme on `frozen_on` (a fixed number of queries).

    One transaction: an edition is stored whole or not at all."""
    previous = previous_edition(frozen_on)
    edition = Edition(
        title=title, frozen_on=frozen_on, meeting=meeting, created_by=created_by, schema_version=SCHEMA_VERSION
    )
    edition.full_clean()
    edition.save()
    snapshots = snapshots_on(frozen_on, previous_on=previous.frozen_on if previous else None)
    EditionEntry.objects.bulk_create(
        EditionEntry(edition=edition, partner_id=partner_id, data=data) for partner_id, data in snapshots
    )
    return edition
