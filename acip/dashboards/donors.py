"""Reads behind the donor view: a donor's agreements, the administrations they cover with their stage, health and
indicators, and the activities completed within the agreements' periods.

Everything is read through the access layer for the user who asks: a donor viewer gets only the administrations
their donor covers and only rows shared with donors; staff get every row. Nothing here filters by tier.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from acip.access import covered_partner_ids
from acip.dashboards.selectors import StatusCounts, chart_data, status_counts
from acip.models import Approximation, Currency, Donor, FundingAgreement
from partners.indicators import latest_reading
from partners.models import (
    Activity,
    CountryPlan,
    Indicator,
    IndicatorValue,
    PartnerAdministration,
)

#: How many completed activities the page lists; the export has them all.
ACTIVITY_LIMIT = 50
#: Administrations per page of the indicators section: a donor covering a hundred of them reports on thousands of
#: indicators, too many for one page (the export has them all). At WCO scale an administration's plan has about
#: eighteen indicators: five administrations are some ninety rows, half of what ten were (100 KB of the page's 180).
INDICATOR_PARTNERS_PER_PAGE = 5


@dataclass
class DonorOverview:
    agreements: list[FundingAgreement]
    total_eur: Decimal | None
    partners: list[PartnerAdministration]
    counts: StatusCounts
    activities: list[Activity]
    activity_totals: dict
    charts: dict
    #: the covered administrations of this page of the indicators section, each with its `indicator_list`
    indicator_page: Page | None = None

    @property
    def total_eur_approximation(self) -> str:
        """The word the total takes: "almost" when every approximate part is "almost", "about" when another one is,
        "" when all are exact."""
        words = {agreement.amount_approximation for agreement in self.agreements} - {""}
        if not words:
            return ""
        return Approximation.ALMOST if words == {Approximation.ALMOST} else Approximation.ABOUT

    @property
    def has_indicators(self) -> bool:
        return bool(self.indicator_page and self.indicator_page.object_list)


def donor_list() -> QuerySet:
    """Every donor with how many agreements it signed and how many administrations they cover (one query)."""
    return Donor.objects.annotate(
        agreement_count=Count("agreements", distinct=True),
        partner_count=Count("agreements__partners", distinct=True),
    ).order_by("name")


def donor_overview(*, donor: Donor, user, today: datetime.date, indicator_page=None) -> DonorOverview:
    """The donor page for `user`, in a fixed number of queries; `indicator_page` is the page number of the
    indicators section (the first, or the last, when it is not a page number)."""
    agreements = list(
        donor.agreements.select_related("programme", "phase")
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=PartnerAdministration.objects.visible_to(user).only("pk", "slug", "country_name"),
            )
        )
        .order_by("starts_on", "title")
    )
    for agreement in agreements:
        agreement.is_current = agreement.starts_on <= today <= agreement.ends_on
    covered = PartnerAdministration.objects.visible_to(user).filter(pk__in=covered_partner_ids(donor.pk))
    partners = _partners_with_status(covered, user)
    # Only the administrations with an indicator the user may read are paged: the others would fill pages with
    # nothing to show ("Page 1 of 2" and an empty second page).
    reporting = [partner for partner in partners if partner.has_indicators]
    page = Paginator(reporting, INDICATOR_PARTNERS_PER_PAGE).get_page(indicator_page)
    _attach_indicators(page.object_list, user)
    counts = status_counts(covered)
    activities = Activity.objects.visible_to(user).completed_in_funded_period(donor)
    totals = activities.aggregate(count=Count("pk"), women=Sum("participants_women"), men=Sum("participants_men"))
    return DonorOverview(
        agreements=agreements,
        total_eur=_total_eur(agreements),
        partners=partners,
        counts=counts,
        activities=list(activities.select_related("partner").order_by("-done_on", "title")[:ACTIVITY_LIMIT]),
        activity_totals=totals,
        charts={
            "stage": chart_data(counts.by_stage, title=_("Covered administrations by stage"), axis=_("Stage")),
            "health": chart_data(counts.by_health, title=_("Covered administrations by health"), axis=_("Health")),
        },
        indicator_page=page,
    )


def _total_eur(agreements: list[FundingAgreement]) -> Decimal | None:
    """The agreements' sum in euros, or None when one of them in another currency has no euro amount recorded."""
    total = Decimal(0)
    for agreement in agreements:
        amount = agreement.amount if agreement.currency == Currency.EUR else agreement.amount_eur
        if amount is None:
            return None
        total += amount
    return total


def _partners_with_status(covered: QuerySet, user) -> list[PartnerAdministration]:
    """The covered administrations with their current status, the id of their current plan (the latest one the
    user may see) and whether it has an indicator the user may read (`has_indicators`). One query."""
    current_plan = (
        CountryPlan.objects.visible_to(user).filter(partner=OuterRef("pk")).order_by("-starts_on", "-version")
    )
    readable = Indicator.objects.visible_to(user).filter(outcome__plan=OuterRef("current_plan_id"))
    partners = list(
        covered.with_current_status()
        .annotate(current_plan_id=Subquery(current_plan.values("pk")[:1]))
        .annotate(has_indicators=Exists(readable))
        .select_related("region")
        .order_by("country_name")
    )
    for partner in partners:
        partner.indicator_list = []
    return partners


def _attach_indicators(partners: list[PartnerAdministration], user) -> None:
    """Give each of `partners` the indicators of its current plan, each with its values and on-track reading. Two
    queries."""
    plan_ids = [partner.current_plan_id for partner in partners if partner.current_plan_id]
    indicators = (
        Indicator.objects.visible_to(user)
        .filter(outcome__plan__in=plan_ids)
        .select_related("outcome__plan")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.visible_to(user).order_by("period")))
        .order_by("outcome__position", "outcome__pk", "position", "pk")
    )
    by_partner = {}
    for indicator in indicators:
        indicator.value_list = list(indicator.values.all())
        indicator.reading = latest_reading(
            direction=indicator.direction, baseline=indicator.baseline, values=indicator.value_list
        )
        by_partner.setdefault(indicator.outcome.plan.partner_id, []).append(indicator)
    for partner in partners:
        partner.indicator_list = by_partner.get(partner.pk, [])
