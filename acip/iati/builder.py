"""The programme as an IATI 2.03 activity file: one builder for the staff page and for `manage.py iati_export`.

Each programme is a parent activity (hierarchy 1) funded by the donors of its agreements, with their agreements as
budgets; each country plan is a child activity (hierarchy 2) of its own, related to its programme, with its
administration as recipient country and its outcomes and indicators as results.

Everything is read through the access layer as `EVERY_DONOR`, the donor tier of all donors at once: only the
administrations that an agreement covers, only plans (and their outcomes, indicators and values) shared with donors,
and never a contact. No staff-only field is read at all (agreement notes, status reasons). A fixed number of
queries, whatever the number of partners (`publication_read`).
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from lxml import etree

from acip.access import EVERY_DONOR, donors_visible_to
from acip.iati import codes
from acip.models import Donor, FundingAgreement, Programme
from partners.models import CountryPlan, Indicator, IndicatorValue, Outcome, PartnerAdministration, PlanStatus

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The language of the file's text: the programme records its data in English.
LANGUAGE = "en"
WCO_NAME = "World Customs Organization"

PLAN_STATUS = {
    PlanStatus.DRAFT: codes.STATUS_PIPELINE,
    PlanStatus.AGREED: codes.STATUS_PIPELINE,
    PlanStatus.IN_IMPLEMENTATION: codes.STATUS_IMPLEMENTATION,
    PlanStatus.CLOSED: codes.STATUS_CLOSED,
}
#: Plan statuses under which the plan has started (its start date is then an actual start, once passed).
PLAN_STARTED = (PlanStatus.IN_IMPLEMENTATION, PlanStatus.CLOSED)
#: Units that the file reports as a percentage (IndicatorMeasure 2); anything else is a count of units (1).
PERCENT_UNITS = {"%", "percent", "per cent", "percentage", "pourcentage"}
# What the file reads of the many rows (at WCO scale, thousands of indicators and tens of thousands of values).
INDICATOR_FIELDS = ("outcome_id", "name", "unit", "direction", "baseline", "baseline_on", "updated_at")
VALUE_FIELDS = ("indicator_id", "period", "target", "actual", "updated_at")
# Characters that XML 1.0 cannot hold: text typed with one of them is published without it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Publication:
    programmes: list[Programme]
    agreements: list[FundingAgreement]
    plans: list[CountryPlan]
    #: administration id -> the donors whose agreements cover it, in the order of the agreements
    funders: dict[int, list[Donor]] = field(default_factory=dict)


def publication_read() -> Publication:
    """What the file publishes, read as every donor may read it, in 7 queries: programmes; agreements with their
    donors and the administrations they cover (2); plans with their administrations, outcomes, indicators and
    values (4)."""
    reader = EVERY_DONOR
    agreements = list(
        FundingAgreement.objects.filter(donor__in=donors_visible_to(reader))
        .select_related("donor")
        .prefetch_related(Prefetch("partners", queryset=PartnerAdministration.objects.visible_to(reader).only("pk")))
        .order_by("starts_on", "pk")
    )
    plans = list(
        CountryPlan.objects.visible_to(reader)
        .select_related("partner")
        .prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.visible_to(reader).order_by("position", "pk")),
            Prefetch(
                "outcomes__indicators",
                queryset=Indicator.objects.visible_to(reader).only(*INDICATOR_FIELDS).order_by("position", "pk"),
            ),
            Prefetch(
                "outcomes__indicators__values",
                queryset=IndicatorValue.objects.visible_to(reader).only(*VALUE_FIELDS),
            ),
        )
        .order_by("partner__country_name", "version")
    )
    funders: dict[int, list[Donor]] = {}
    for agreement in agreements:
        for partner in agreement.partners.all():
            donors = funders.setdefault(partner.pk, [])
            if agreement.donor not in donors:
                donors.append(agreement.donor)
    programmes = list(Programme.objects.order_by("starts_on", "pk"))
    return Publication(programmes=programmes, agreements=agreements, plans=plans, funders=funders)


def activities_xml(*, now: datetime.datetime | None = None) -> bytes:
    """The IATI 2.03 activity file of every programme, as UTF-8 XML."""
    return activities_document(publication_read(), now=now or timezone.now())


def activities_document(publication: Publication, *, now: datetime.datetime) -> bytes:
    today = timezone.localdate(now)
    root = etree.Element("iati-activities", {"version": codes.IATI_VERSION, "generated-datetime": _datetime(now)})
    for programme in publication.programmes:
        agreements = [a for a in publication.agreements if a.programme_id == programme.pk]
        plans = [p for p in publication.plans if p.partner.programme_id == programme.pk]
        if not agreements and not plans:
            continue  # nothing of it is shared with donors yet
        _programme_activity(root, programme, agreements, plans, today)
        for plan in plans:
            _plan_activity(root, programme, plan, publication.funders.get(plan.partner_id, []), today)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def programme_identifier(programme: Programme) -> str:
    return f"{settings.IATI_REPORTING_ORG_REF}-{programme.slug.upper()}"


def plan_identifier(programme: Programme, plan: CountryPlan) -> str:
    return f"{programme_identifier(programme)}-{plan.partner.country_code}-{plan.version}"


def _programme_activity(root, programme, agreements, plans, today):
    updated = [programme.updated_at, *(a.updated_at for a in agreements)]
    activity = _activity(root, programme_identifier(programme), hierarchy="1", updated=updated)
    _narrative(activity, "title", programme.name)
    _narrative(activity, "description", programme.objective or programme.name, type="1")
    donors = list({a.donor_id: a.donor for a in agreements}.values())
    for donor in donors:
        _funding_org(activity, donor)
    _wco_implementing(activity)
    _sub(activity, "activity-status", code=_programme_status(programme, today))
    _dates(activity, programme.starts_on, programme.ends_on, started=True, ended=True, today=today)
    _sub(activity, "activity-scope", code=codes.SCOPE_MULTINATIONAL)
    _sub(
        activity,
        "recipient-region",
        code=codes.REGION_DEVELOPING_UNSPECIFIED,
        vocabulary=codes.REGION_VOCABULARY_DAC,
        percentage="100",
    )
    _sector(activity)
    for agreement in agreements:
        budget = _sub(activity, "budget", type=codes.BUDGET_ORIGINAL, status=codes.BUDGET_COMMITTED)
        _sub(budget, "period-start", **{"iso-date": agreement.starts_on.isoformat()})
        _sub(budget, "period-end", **{"iso-date": agreement.ends_on.isoformat()})
        value = _sub(budget, "value", currency=agreement.currency, **{"value-date": agreement.signed_on.isoformat()})
        value.text = str(agreement.amount)
    for plan in plans:
        _sub(activity, "related-activity", ref=plan_identifier(programme, plan), type=codes.RELATED_CHILD)


def _plan_activity(root, programme, plan, funders, today):
    partner = plan.partner
    outcomes = list(plan.outcomes.all())
    updated = [plan.updated_at]
    for outcome in outcomes:
        updated.append(outcome.updated_at)
        for indicator in outcome.indicators.all():
            updated += [indicator.updated_at, *(value.updated_at for value in indicator.values.all())]
    activity = _activity(root, plan_identifier(programme, plan), hierarchy="2", updated=updated)
    _narrative(activity, "title", f"{plan.title} ({partner.country_name})")
    _narrative(activity, "description", plan.general_outcome or plan.title, type="1")
    for donor in funders:
        _funding_org(activity, donor)
    _wco_implementing(activity)
    # The administration implements its own plan (it owns it and does the work, with the WCO's support); it
    # manages no donor money, so it is not an extending organisation (3).
    org = _sub(activity, "participating-org", role=codes.ROLE_IMPLEMENTING, type=codes.ORG_TYPE_GOVERNMENT)
    _sub(org, "narrative").text = _clean(partner.name)
    _sub(activity, "activity-status", code=PLAN_STATUS.get(plan.status, codes.STATUS_PIPELINE))
    started, ended = plan.status in PLAN_STARTED, plan.status == PlanStatus.CLOSED
    _dates(activity, plan.starts_on, plan.ends_on, started=started, ended=ended, today=today)
    _sub(activity, "activity-scope", code=codes.SCOPE_NATIONAL)
    country = _sub(activity, "recipient-country", code=partner.country_code, percentage="100")
    _sub(country, "narrative").text = _clean(partner.country_name)
    _sector(activity)
    _sub(activity, "related-activity", ref=programme_identifier(programme), type=codes.RELATED_PARENT)
    for outcome in outcomes:
        _result(activity, outcome)


def _result(activity, outcome):
    indicators = list(outcome.indicators.all())
    if not indicators:
        return  # the schema wants at least one indicator in a result
    result = _sub(activity, "result", type=codes.RESULT_OUTCOME, **{"aggregation-status": "0"})
    _narrative(result, "title", outcome.title)
    if outcome.description:
        _narrative(result, "description", outcome.description)
    for indicator in indicators:
        measure = codes.MEASURE_PERCENTAGE if indicator.unit.strip().lower() in PERCENT_UNITS else codes.MEASURE_UNIT
        element = _sub(
            result, "indicator", measure=measure, ascending="1" if indicator.direction == "increase" else "0"
        )
        _narrative(element, "title", indicator.name)
        if indicator.baseline is not None and indicator.baseline_on:
            _sub(
                element,
                "baseline",
                year=str(indicator.baseline_on.year),
                value=_number(indicator.baseline),
                **{"iso-date": indicator.baseline_on.isoformat()},
            )
        for value in indicator.values.all():
            if value.target is None and value.actual is None:
                continue
            period = _sub(element, "period")
            _sub(period, "period-start", **{"iso-date": datetime.date(value.period, 1, 1).isoformat()})
            _sub(period, "period-end", **{"iso-date": datetime.date(value.period, 12, 31).isoformat()})
            if value.target is not None:
                _sub(period, "target", value=_number(value.target))
            if value.actual is not None:
                _sub(period, "actual", value=_number(value.actual))


def _activity(root, identifier, *, hierarchy, updated):
    activity = _sub(
        root,
        "iati-activity",
        hierarchy=hierarchy,
        **{"last-updated-datetime": _datetime(max(updated)), XML_LANG: LANGUAGE},
    )
    _sub(activity, "iati-identifier").text = identifier
    reporting = _sub(activity, "reporting-org", ref=settings.IATI_REPORTING_ORG_REF, type=codes.ORG_TYPE_MULTILATERAL)
    _sub(reporting, "narrative").text = WCO_NAME
    return activity


def _funding_org(activity, donor):
    attrs = {"ref": donor.iati_ref} if donor.iati_ref else {}
    org = _sub(activity, "participating-org", role=codes.ROLE_FUNDING, **attrs)
    _sub(org, "narrative").text = _clean(donor.name)


def _wco_implementing(activity):
    org = _sub(
        activity,
        "participating-org",
        ref=settings.IATI_REPORTING_ORG_REF,
        role=codes.ROLE_IMPLEMENTING,
        type=codes.ORG_TYPE_MULTILATERAL,
    )
    _sub(org, "narrative").text = WCO_NAME


def _sector(activity):
    sector = _sub(
        activity,
        "sector",
        vocabulary=codes.SECTOR_VOCABULARY_DAC5,
        code=codes.SECTOR_ANTI_CORRUPTION,
        percentage="100",
    )
    _sub(sector, "narrative").text = codes.SECTOR_ANTI_CORRUPTION_NAME


def _dates(activity, starts_on, ends_on, *, started, ended, today):
    """Planned start and end; the start (end) is also the actual one once it has passed and the record says it
    happened (IATI: an actual date is never in the future)."""
    _sub(activity, "activity-date", type=codes.DATE_PLANNED_START, **{"iso-date": starts_on.isoformat()})
    if started and starts_on <= today:
        _sub(activity, "activity-date", type=codes.DATE_ACTUAL_START, **{"iso-date": starts_on.isoformat()})
    if ends_on:
        _sub(activity, "activity-date", type=codes.DATE_PLANNED_END, **{"iso-date": ends_on.isoformat()})
        if ended and ends_on <= today:
            _sub(activity, "activity-date", type=codes.DATE_ACTUAL_END, **{"iso-date": ends_on.isoformat()})


def _programme_status(programme, today) -> str:
    if programme.starts_on > today:
        return codes.STATUS_PIPELINE
    if programme.ends_on and programme.ends_on < today:
        return codes.STATUS_CLOSED
    return codes.STATUS_IMPLEMENTATION


def _sub(parent, tag, **attrs):
    return etree.SubElement(parent, tag, attrs)


def _narrative(parent, tag, text, **attrs):
    element = _sub(parent, tag, **attrs)
    _sub(element, "narrative").text = _clean(text)
    return element


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text or "").strip()


def _number(value: Decimal) -> str:
    """A decimal without trailing zeros: 35.00 is 35, 12.50 is 12.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _datetime(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds")
