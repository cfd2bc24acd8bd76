"""Writes to a country's programme records. Views call these, never `save()` on a model themselves. Every service
follows the contract of acip/lib/services.py: a `data` dict of which it writes only its own field list.

Each service runs in one transaction, validates the row with `full_clean()` before saving, and hands the reason
for a change to django-simple-history (`_change_reason`), which keeps it in the record's history with the user that
its middleware found on the request. An update re-reads the row under `select_for_update()`, so that what "changed"
is judged against the database, not against a form's copy.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from acip.lib.concurrency import VERSION
from acip.lib.services import apply_fields, locked, validated_save
from partners.models import (
    Activity,
    Assessment,
    AssessmentScore,
    Contact,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    StatusChange,
)

# The fields that each form edits and each service writes: one list, so that they cannot drift apart.
PLAN_FIELDS = ["title", "version", "status", "starts_on", "ends_on", "approved_on", "general_outcome", "tier"]
OUTCOME_FIELDS = ["title", "description", "position"]
INDICATOR_FIELDS = [
    "code",
    "name",
    "level",
    "unit",
    "direction",
    "baseline",
    "baseline_on",
    "baseline_source",
    "position",
]
INDICATOR_VALUE_FIELDS = ["period", "target", "actual", "source", "comment"]
ASSESSMENT_FIELDS = [
    "kind",
    "title",
    "round_number",
    "started_on",
    "ended_on",
    "sample_officials",
    "sample_private",
    "provider",
    "summary",
    "tier",
]
ACTIVITY_FIELDS = [
    "title",
    "kind",
    "component",
    "modality",
    "status",
    "outcome",
    "planned_start_on",
    "planned_end_on",
    "actual_start_on",
    "actual_end_on",
    "participants_women",
    "participants_men",
    "description",
    "tier",
]

#: Scores keyed by (integrity factor id, respondent group); None means "no score for this factor and group".
Scores = dict[tuple[int, str], Decimal | None]


def _require_reason(reason: str, field: str, message: str) -> None:
    if not reason.strip():
        raise ValidationError({field: message})


FOCAL_POINT_FIELDS = ["focal_point"]
CONTACT_FIELDS = ["name", "position", "job_title", "email", "phone", "language"]


@transaction.atomic
def contact_save(
    *, partner: PartnerAdministration, data: dict, contact: Contact | None = None, reason: str = "", account=None
) -> Contact:
    """Create or change a contact of the administration (a delegate's own details, a correction accepted); a new
    contact may be linked to the user `account` (a delegate recording their own details)."""
    contact = locked(contact, version=data.get(VERSION)) if contact else Contact(partner=partner, user=account)
    apply_fields(contact, data, CONTACT_FIELDS)
    validated_save(contact, reason=reason)
    return contact


@transaction.atomic
def partner_focal_point_save(*, partner: PartnerAdministration, data: dict) -> PartnerAdministration:
    """Name the staff member responsible for the country (None: nobody)."""
    partner = locked(partner, version=data.get(VERSION))
    apply_fields(partner, data, FOCAL_POINT_FIELDS)
    validated_save(partner)
    return partner


@transaction.atomic
def status_change_record(
    *,
    partner: PartnerAdministration,
    effective_on,
    stage: str,
    health: str,
    reason: str,
    tier: str,
    recorded_by,
) -> StatusChange:
    """Add a status. Statuses are never edited: the latest row is the current one, the others are its history."""
    status = StatusChange(
        partner=partner,
        effective_on=effective_on,
        stage=stage,
        health=health,
        reason=reason,
        tier=tier,
        recorded_by=recorded_by,
    )
    validated_save(status, reason=reason)
    return status


@transaction.atomic
def plan_save(
    *, partner: PartnerAdministration, data: dict, plan: CountryPlan | None = None, reason: str = ""
) -> CountryPlan:
    plan = locked(plan, version=data.get(VERSION)) if plan else CountryPlan(partner=partner)
    apply_fields(plan, data, PLAN_FIELDS)
    validated_save(plan, reason=reason)
    return plan


@transaction.atomic
def outcome_save(
    *, plan: CountryPlan, data: dict, factors, outcome: Outcome | None = None, reason: str = ""
) -> Outcome:
    outcome = locked(outcome, version=data.get(VERSION)) if outcome else Outcome(plan=plan)
    apply_fields(outcome, data, OUTCOME_FIELDS)
    validated_save(outcome, reason=reason)
    outcome.factors.set(factors)
    return outcome


@transaction.atomic
def indicator_save(*, outcome: Outcome, data: dict, indicator: Indicator | None = None, reason: str = "") -> Indicator:
    """Create or change an indicator of an outcome; replacing a baseline by another needs a reason."""
    if indicator:
        indicator = locked(indicator, version=data.get(VERSION))
        if indicator.baseline is not None and "baseline" in data and data["baseline"] != indicator.baseline:
            _require_reason(reason, "baseline", _("Give the reason for changing the baseline."))
    else:
        indicator = Indicator(outcome=outcome)
    apply_fields(indicator, data, INDICATOR_FIELDS)
    validated_save(indicator, reason=reason)
    return indicator


@transaction.atomic
def indicator_value_save(
    *, indicator: Indicator, data: dict, value: IndicatorValue | None = None, reason: str = ""
) -> IndicatorValue:
    """Enter the target and actual of one year; replacing a year's target by another needs a reason. A second
    value for a year that already has one is refused (`full_clean` checks the one-per-year rule)."""
    if value:
        value = locked(value, version=data.get(VERSION))
        if value.target is not None and "target" in data and data["target"] != value.target:
            _require_reason(reason, "target", _("Give the reason for changing the target."))
    else:
        value = IndicatorValue(indicator=indicator)
    apply_fields(value, data, INDICATOR_VALUE_FIELDS)
    validated_save(value, reason=reason)
    return value


@transaction.atomic
def assessment_record(
    *,
    partner: PartnerAdministration,
    data: dict,
    scores: Scores,
    assessment: Assessment | None = None,
    reason: str = "",
) -> Assessment:
    """Create or change an assessment with its factor scores in one step: a score given is created or updated, a
    score left empty is removed, so that the assessment holds exactly what the form showed."""
    assessment = locked(assessment, version=data.get(VERSION)) if assessment else Assessment(partner=partner)
    apply_fields(assessment, data, ASSESSMENT_FIELDS)
    validated_save(assessment, reason=reason)
    existing = {(score.factor_id, score.group): score for score in assessment.scores.select_for_update()}
    for (factor_id, group), value in scores.items():
        score = existing.get((factor_id, group))
        if value is None:
            if score:
                if reason:
                    score._change_reason = reason
                score.delete()
            continue
        if score is None:
            score = AssessmentScore(assessment=assessment, factor_id=factor_id, group=group)
        elif score.score == value:
            continue
        score.score = value
        validated_save(score, reason=reason)
    return assessment


@transaction.atomic
def activity_save(
    *, partner: PartnerAdministration, data: dict, activity: Activity | None = None, reason: str = ""
) -> Activity:
    outcome = data.get("outcome")
    if outcome is not None and outcome.plan.partner_id != partner.pk:
        raise ValidationError({"outcome": _("Choose an outcome of this administration's plan.")})
    activity = locked(activity, version=data.get(VERSION)) if activity else Activity(partner=partner)
    apply_fields(activity, data, ACTIVITY_FIELDS)
    validated_save(activity, reason=reason)
    return activity
