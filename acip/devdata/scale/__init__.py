"""The scale data set: the whole WCO on top of the demo data, for the benchmark (`manage.py seed_scale`).

186 administrations (the demo's 26 and 160 synthetic ones), 15 years of meetings, tens of thousands of side
meetings, notes and commitments, assessments with all their factor scores, status changes and indicators with their
values. The demo's own records get their share too, so that a demo page (Ghana's status page, the 2019 session)
is the same URL at demo size and at scale size.

Deterministic: every choice comes from one `random.Random(seed)`, dates from fixed years (never from today), uuids
from the same generator, and the timestamps are set by hand, so the same seed on the same demo data gives the same
rows (`scale_content_hash()` checks it).

Every generated row says "Synthetic" in one of its own text fields or hangs off a row that does: that is how a
second run finds them, and how `scale_reset()` deletes them without touching the demo's rows.

Rows are written with `bulk_create` in batches. `bulk_create` sends no signals, so django-simple-history records no
history for them (it would only with its `bulk_create_with_history`): a synthetic load has no past worth keeping,
and a history row per record would double the load time and the database's size.

This package sits on top of the house, like acip.devdata.demo: it imports all three apps. `targets` says how big the
data set is and how its rows are marked; `partners`, `meetings`, `plans`, `assessments` and `activities` each
generate one part of it, with `helpers` and `words`; `generated` finds the generated rows again. `scale_seed()` below
runs the steps in a fixed order: they all draw from one random generator, so another order gives other data.
"""

import random

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from acip.devdata.scale.activities import activities_generate
from acip.devdata.scale.assessments import assessments_generate
from acip.devdata.scale.generated import (
    generated_querysets,
    scale_content_hash,
    scale_counts,
    scale_is_loaded,
    scale_reset,
)
from acip.devdata.scale.helpers import World, timestamps_by_hand
from acip.devdata.scale.meetings import commitments_generate, meetings_generate, notes_generate, side_meetings_generate
from acip.devdata.scale.partners import partners_generate, status_changes_generate
from acip.devdata.scale.plans import plans_generate
from acip.devdata.scale.targets import (
    MARK,
    SLUG_PREFIX,
    TARGETS,
    VALUES_PER_INDICATOR,
    ScaleError,
    ScaleResult,
    scaled,
)
from acip.models import FundingAgreement, IntegrityFactor, Programme
from meetings.models import Attendance, Commitment, Meeting, Note, SideMeeting
from partners.models import (
    Activity,
    Assessment,
    Contact,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    StatusChange,
)

__all__ = [
    "MARK",
    "SLUG_PREFIX",
    "TARGETS",
    "VALUES_PER_INDICATOR",
    "ScaleError",
    "ScaleResult",
    "generated_querysets",
    "scale_content_hash",
    "scale_counts",
    "scale_is_loaded",
    "scale_reset",
    "scale_seed",
    "scaled",
]

STEPS = [
    ("partners", partners_generate),
    ("meetings", meetings_generate),
    ("side meetings", side_meetings_generate),
    ("notes", notes_generate),
    ("plans and indicators", plans_generate),
    ("assessments", assessments_generate),
    ("status changes", status_changes_generate),
    ("activities", activities_generate),
    ("commitments", commitments_generate),
]

TIMESTAMPED = [
    PartnerAdministration,
    Contact,
    FundingAgreement,
    Meeting,
    Attendance,
    SideMeeting,
    Note,
    CountryPlan,
    Outcome,
    Indicator,
    IndicatorValue,
    Assessment,
    StatusChange,
    Activity,
    Commitment,
]


def scale_seed(*, seed: int = 1, scale: float = 1.0, reset: bool = False, progress=None) -> ScaleResult:
    """Generate the scale data set on top of the demo data. Refuses when it is already there, unless `reset`."""
    if not 0 < scale <= 10:
        raise ScaleError("The scale must be more than 0 and at most 10.")
    programme = Programme.objects.filter(slug="a-cip").first()
    staff = get_user_model().objects.filter(username="staff").first()
    if programme is None or staff is None:
        raise ScaleError("The demo data is not loaded: run `python manage.py load_demo` first.")
    if scale_is_loaded() and not reset:
        raise ScaleError(
            "Synthetic rows from an earlier seed_scale are already in this database. Pass --reset to delete them "
            "and generate the data set again."
        )
    with transaction.atomic():
        if reset:
            scale_reset()
        world = World(
            rng=random.Random(seed),
            scale=scale,
            programme=programme,
            staff=staff,
            factors=list(IntegrityFactor.objects.order_by("number")),
        )
        with timestamps_by_hand(TIMESTAMPED):
            for label, step in STEPS:
                if progress:
                    progress(label)
                step(world)
    # Fresh statistics, or the query planner judges the new tables by their old, empty size; on PostgreSQL a
    # VACUUM too, so that the rows deleted by --reset are gone and index-only scans need not visit the table.
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" and not connection.in_atomic_block else "ANALYZE"
        )
    return ScaleResult(counts=scale_counts())
