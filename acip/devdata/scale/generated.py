"""Finding the generated rows: to count them, delete them and digest them."""

import hashlib
from typing import Any

from django.db import models, transaction
from django.db.models import Q

from acip.devdata.scale.targets import AGREEMENT_REFERENCE, MARK, SLUG_PREFIX
from acip.editions.models import Edition, EditionEntry
from acip.models import FundingAgreement
from meetings.models import Attendance, Commitment, Meeting, Note, SideMeeting
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


def generated_querysets() -> list[tuple[type[models.Model], models.QuerySet]]:
    """Every generated row, model by model, children before their parents (the order deleting needs)."""
    partners = PartnerAdministration.objects.filter(slug__startswith=SLUG_PREFIX)
    meetings = Meeting.objects.filter(theme__startswith=MARK)
    side_meetings = SideMeeting.objects.filter(purpose__startswith=MARK)
    attendances = Attendance.objects.filter(Q(meeting__in=meetings) | Q(partner__in=partners))
    plans = CountryPlan.objects.filter(title__startswith=MARK)
    outcomes = Outcome.objects.filter(plan__in=plans)
    indicators = Indicator.objects.filter(name__startswith=MARK)
    assessments = Assessment.objects.filter(title__startswith=MARK)
    agreements = FundingAgreement.objects.filter(reference__startswith=AGREEMENT_REFERENCE)
    participants = SideMeeting.partner_participants.through
    delegates = Attendance.contacts.through
    outcome_factors = Outcome.factors.through
    agreement_partners = FundingAgreement.partners.through
    return [
        # Editions frozen on the scale data (a benchmark's, a developer's): their entries of generated partners, and
        # those at a generated session, whose meeting goes below.
        (EditionEntry, EditionEntry.objects.filter(Q(partner__in=partners) | Q(edition__meeting__in=meetings))),
        (Edition, Edition.objects.filter(meeting__in=meetings)),
        (Note, Note.objects.filter(text__startswith=MARK)),
        (Commitment, Commitment.objects.filter(title__startswith=MARK)),
        (participants, participants.objects.filter(sidemeeting__in=side_meetings)),
        (SideMeeting, side_meetings),
        (delegates, delegates.objects.filter(attendance__in=attendances)),
        (Attendance, attendances),
        (Meeting, meetings),
        (AssessmentScore, AssessmentScore.objects.filter(assessment__in=assessments)),
        (Assessment, assessments),
        (IndicatorValue, IndicatorValue.objects.filter(indicator__in=indicators)),
        (Indicator, indicators),
        (Activity, Activity.objects.filter(title__startswith=MARK)),
        (outcome_factors, outcome_factors.objects.filter(outcome__in=outcomes)),
        (Outcome, outcomes),
        (CountryPlan, plans),
        (StatusChange, StatusChange.objects.filter(reason__startswith=MARK)),
        (Contact, Contact.objects.filter(partner__in=partners)),
        (
            agreement_partners,
            agreement_partners.objects.filter(
                Q(fundingagreement__in=agreements) | Q(partneradministration__in=partners)
            ),
        ),
        (FundingAgreement, agreements),
        (PartnerAdministration, partners),
    ]


def scale_counts() -> dict[str, int]:
    return {model._meta.label: qs.count() for model, qs in generated_querysets()}


def scale_is_loaded() -> bool:
    return PartnerAdministration.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def scale_reset() -> dict[str, int]:
    """Delete every generated row; the demo's rows stay as they were. Returns the rows deleted per model."""
    deleted = {}
    with transaction.atomic():
        for model, qs in generated_querysets():
            # A plain DELETE per model: QuerySet.delete() would load every row to send the post_delete signal
            # (simple-history listens to it and would write a "deleted" history row for each of 300,000 rows).
            # Children go first, so no foreign key is left dangling.
            deleted[model._meta.label] = qs._raw_delete(qs.db)
    return deleted


def scale_content_hash() -> str:
    """A digest of every generated row's values that does not depend on the primary keys the database handed out:
    a key of a generated row is replaced by its rank among that model's generated rows (they are inserted in a
    deterministic order); a key of a demo row or reference row is kept as it is."""
    digest = hashlib.sha256()
    ranks: dict[type[models.Model], dict[Any, int]] = {}
    for model, qs in reversed(generated_querysets()):  # parents first, so their ranks are known
        rows = list(qs.order_by("pk").values_list(*(f.attname for f in model._meta.concrete_fields)))
        pk_index = [f.primary_key for f in model._meta.concrete_fields].index(True)
        ranks[model] = {row[pk_index]: rank for rank, row in enumerate(rows)}
        digest.update(model._meta.label.encode())
        for row in rows:
            values = []
            for f, value in zip(model._meta.concrete_fields, row, strict=True):
                if f.primary_key:
                    value = ranks[model][value]
                elif f.is_relation and f.related_model in ranks and value in ranks[f.related_model]:
                    value = ("generated", ranks[f.related_model][value])
                values.append(value)
            digest.update(repr(values).encode())
    return digest.hexdigest()
