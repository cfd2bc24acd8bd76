"""The lists that only the API has, each a selector like the pages' (partners/selectors.py): the request in, the
list's FilterSet bound to the query string out, over rows from the access layer with what the API shows preloaded.
The API's other lists use the pages' own selectors."""

from django.db.models import Prefetch

from acip.access import donors_visible_to
from acip.api.filters import (
    AssessmentFilter,
    EditionFilter,
    FundingAgreementFilter,
    IndicatorFilter,
    OutcomeFilter,
    PlanFilter,
)
from acip.editions.models import Edition
from acip.models import FundingAgreement
from partners.models import (
    Assessment,
    AssessmentScore,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
)


def _bound(request):
    return request.GET or None


def plan_rows(request) -> PlanFilter:
    plans = CountryPlan.objects.visible_to(request.user).select_related("partner")
    return PlanFilter(_bound(request), queryset=plans, request=request)


def outcome_rows(request) -> OutcomeFilter:
    outcomes = Outcome.objects.visible_to(request.user).select_related("plan__partner").prefetch_related("factors")
    return OutcomeFilter(_bound(request), queryset=outcomes, request=request)


def indicator_rows(request) -> IndicatorFilter:
    user = request.user
    indicators = (
        Indicator.objects.visible_to(user)
        .select_related("outcome__plan__partner", "programme")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.visible_to(user).order_by("period")))
        .order_by("pk")
    )
    return IndicatorFilter(_bound(request), queryset=indicators, request=request)


def assessment_rows(request) -> AssessmentFilter:
    user = request.user
    assessments = (
        Assessment.objects.visible_to(user)
        .select_related("partner")
        .prefetch_related(
            Prefetch("scores", queryset=AssessmentScore.objects.visible_to(user).select_related("factor"))
        )
    )
    return AssessmentFilter(_bound(request), queryset=assessments, request=request)


class _NoFilters:
    """The donors list has nothing to filter on; it answers like a FilterSet all the same."""

    base_filters: dict = {}

    def __init__(self, queryset):
        self.queryset = self.qs = queryset
        self.is_bound = False


def donor_rows(request) -> _NoFilters:
    return _NoFilters(donors_visible_to(request.user).order_by("name"))


def funding_agreement_rows(request) -> FundingAgreementFilter:
    user = request.user
    agreements = (
        FundingAgreement.objects.filter(donor__in=donors_visible_to(user))
        .select_related("donor", "programme", "phase")
        .prefetch_related(
            Prefetch("partners", queryset=PartnerAdministration.objects.visible_to(user).order_by("country_name"))
        )
    )
    return FundingAgreementFilter(_bound(request), queryset=agreements, request=request)


def edition_rows(request) -> EditionFilter:
    # An aggregate drops Meta.ordering: the order of the editions page, spelled out.
    editions = (
        Edition.objects.visible_to(request.user)
        .with_counts()
        .select_related("meeting")
        .order_by("-frozen_on", "-created_at", "-pk")
    )
    return EditionFilter(_bound(request), queryset=editions, request=request)
