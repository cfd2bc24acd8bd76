"""What an edition keeps of each partner: built from the records in a fixed number of queries, however many partners.

Each partner's snapshot is plain JSON (dates as ISO strings, decimals as strings, choices as their stored values, so
that labels are translated when the edition is read). Its shape is SCHEMA_VERSION; a reader of an older edition
checks `Edition.schema_version` before relying on a key that a later version adds.

"On that day" follows the records' own dates: the status in effect, the commitments raised by then (at their side
meeting, else when entered) and not closed by then, the indicator values of the years up to then, the assessments
started by then, and the meetings attended since the previous edition (or in the year before, for a first edition).
"""

import datetime
from collections import defaultdict

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate

from meetings.models import Attendance, Commitment, CommitmentStatus
from partners.models import (
    Assessment,
    AssessmentScore,
    CountryPlan,
    Indicator,
    IndicatorValue,
    PartnerAdministration,
    StatusChange,
)

SCHEMA_VERSION = 1
FIRST_EDITION_MEETINGS = datetime.timedelta(days=365)


def _decimal(value) -> str | None:
    return None if value is None else str(value)


def _date(value) -> str | None:
    return None if value is None else value.isoformat()


def partners_on(day: datetime.date):
    latest = StatusChange.objects.filter(partner=OuterRef("pk"), effective_on__lte=day).order_by(
        "-effective_on", "-created_at", "-pk"
    )
    return (
        PartnerAdministration.objects.active_on(day)
        .select_related("region")
        .annotate(
            **{
                f"status_{name}": Subquery(latest.values(name)[:1])
                for name in ("stage", "health", "reason", "effective_on", "tier")
            }
        )
        .order_by("country_name")
    )


def _open_commitments(partner_ids, day):
    rows = defaultdict(list)
    commitments = (
        Commitment.objects.filter(partner_id__in=partner_ids)
        # Raised on the day of its side meeting (a commitment entered later still dates from it), else when entered.
        .alias(raised_on=Coalesce("side_meeting__held_on", TruncDate("created_at")))
        .filter(raised_on__lte=day)
        .filter(Q(status=CommitmentStatus.OPEN) | Q(closed_at__date__gt=day))
        .order_by("due_on", "pk")
        .values("pk", "uuid", "partner_id", "title", "due_on", "owner", "tier")
    )
    for row in commitments:
        rows[row["partner_id"]].append(
            {
                "id": row["pk"],
                "uuid": str(row["uuid"]),
                "title": row["title"],
                "due_on": _date(row["due_on"]),
                "owner": row["owner"],
                "tier": row["tier"],
            }
        )
    return rows


def _indicators(partner_ids, day):
    """The indicators of each partner's latest plan, with their values for the years up to `day`."""
    plan_of = {}
    for plan_id, partner_id in CountryPlan.objects.filter(partner_id__in=partner_ids).values_list("pk", "partner_id"):
        plan_of.setdefault(partner_id, plan_id)  # the model's ordering puts each partner's latest plan first
    rows = defaultdict(list)
    indicators = (
        Indicator.objects.filter(outcome__plan_id__in=plan_of.values())
        .select_related("outcome")
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.filter(period__lte=day.year).order_by("period"))
        )
        .order_by("outcome__position", "outcome__pk", "position", "pk")
    )
    for indicator in indicators:
        rows[indicator.outcome.plan_id].append(
            {
                "id": indicator.pk,
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "baseline": _decimal(indicator.baseline),
                "values": [
                    {"period": v.period, "target": _decimal(v.target), "actual": _decimal(v.actual)}
                    for v in indicator.values.all()
                ],
            }
        )
    return {partner_id: rows[plan_id] for partner_id, plan_id in plan_of.items()}


def _assessments(partner_ids, day):
    """Every assessment started by `day`, newest first, and the latest one's factor profile."""
    listed = defaultdict(list)
    for row in (
        Assessment.objects.filter(partner_id__in=partner_ids, started_on__lte=day)
        .order_by("partner_id", "-started_on", "-pk")
        .values("pk", "partner_id", "kind", "title", "started_on", "ended_on", "tier")
    ):
        listed[row["partner_id"]].append(
            {
                "id": row["pk"],
                "kind": row["kind"],
                "title": row["title"],
                "started_on": _date(row["started_on"]),
                "ended_on": _date(row["ended_on"]),
                "tier": row["tier"],
            }
        )
    latest_ids = [rows[0]["id"] for rows in listed.values()]
    scores = defaultdict(list)
    for score in (
        AssessmentScore.objects.filter(assessment_id__in=latest_ids)
        .select_related("factor")
        .order_by("factor__number", "group")
    ):
        scores[score.assessment_id].append(
            {"factor": score.factor.number, "name": score.factor.name, "group": score.group, "score": str(score.score)}
        )
    profiles = {partner_id: dict(rows[0], scores=scores.get(rows[0]["id"], [])) for partner_id, rows in listed.items()}
    return listed, profiles


def _meetings(partner_ids, since, day):
    rows = defaultdict(list)
    attendances = (
        Attendance.objects.filter(
            partner_id__in=partner_ids, meeting__starts_on__gt=since, meeting__starts_on__lte=day
        )
        .select_related("meeting")
        .order_by("meeting__starts_on", "meeting__pk")
    )
    for attendance in attendances:
        meeting = attendance.meeting
        rows[attendance.partner_id].append(
            {
                "id": meeting.pk,
                "uuid": str(meeting.uuid),
                "title": meeting.title,
                "kind": meeting.kind,
                "starts_on": _date(meeting.starts_on),
                "ends_on": _date(meeting.ends_on),
            }
        )
    return rows


def snapshots_on(day: datetime.date, *, previous_on: datetime.date | None) -> list[tuple[int, dict]]:
    """(partner id, snapshot) for every partner in the programme on `day`, in country order. Eight queries."""
    partners = list(partners_on(day))
    ids = [partner.pk for partner in partners]
    since = previous_on or day - FIRST_EDITION_MEETINGS
    commitments = _open_commitments(ids, day)
    indicators = _indicators(ids, day)
    assessments, profiles = _assessments(ids, day)
    meetings = _meetings(ids, since, day)
    snapshots = []
    for partner in partners:
        status = None
        if partner.status_stage:
            status = {
                "stage": partner.status_stage,
                "health": partner.status_health,
                "reason": partner.status_reason,
                "effective_on": _date(partner.status_effective_on),
                "tier": partner.status_tier,
            }
        snapshots.append(
            (
                partner.pk,
                {
                    "partner": {
                        "id": partner.pk,
                        "slug": partner.slug,
                        "country_name": partner.country_name,
                        "name": partner.name,
                        "region": partner.region.name,
                    },
                    "status": status,
                    "open_commitments": commitments.get(partner.pk, []),
                    "indicators": indicators.get(partner.pk, []),
                    "assessments": assessments.get(partner.pk, []),
                    "profile": profiles.get(partner.pk),
                    "meetings_since": _date(since),
                    "meetings": meetings.get(partner.pk, []),
                },
            )
        )
    return snapshots
