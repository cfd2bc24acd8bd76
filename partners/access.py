"""Single objects of a country's programme, for a user: 404 when hidden or missing, 403 on a write by a reader.

Every helper looks the object up inside its administration (the one in the URL), so that an id of another country's
record answers 404 too. The administration itself comes first: a delegate of another country never reaches the 403.
"""

from acip.access import get_visible_or_404, require_staff
from partners.models import (
    Activity,
    Assessment,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
)


def _get(queryset, user, *, write: bool, **lookup):
    obj = get_visible_or_404(queryset, user, **lookup)
    if write:
        require_staff(user)
    return obj


def get_partner_for_user(user, slug: str, *, write: bool = False) -> PartnerAdministration:
    return _get(
        PartnerAdministration.objects.select_related("region", "programme", "focal_point"),
        user,
        write=write,
        slug=slug,
    )


def get_plan_for_user(user, pk: int, *, partner: PartnerAdministration, write: bool = False) -> CountryPlan:
    return _get(CountryPlan.objects.all(), user, write=write, pk=pk, partner=partner)


def get_outcome_for_user(user, pk: int, *, partner: PartnerAdministration, write: bool = False) -> Outcome:
    return _get(Outcome.objects.select_related("plan"), user, write=write, pk=pk, plan__partner=partner)


def get_indicator_for_user(user, pk: int, *, partner: PartnerAdministration, write: bool = False) -> Indicator:
    return _get(
        Indicator.objects.select_related("outcome__plan"), user, write=write, pk=pk, outcome__plan__partner=partner
    )


def get_indicator_value_for_user(
    user, pk: int, *, partner: PartnerAdministration, write: bool = False
) -> IndicatorValue:
    return _get(
        IndicatorValue.objects.select_related("indicator__outcome__plan"),
        user,
        write=write,
        pk=pk,
        indicator__outcome__plan__partner=partner,
    )


def get_assessment_for_user(user, pk: int, *, partner: PartnerAdministration, write: bool = False) -> Assessment:
    return _get(Assessment.objects.all(), user, write=write, pk=pk, partner=partner)


def get_activity_for_user(user, pk: int, *, partner: PartnerAdministration, write: bool = False) -> Activity:
    return _get(Activity.objects.select_related("outcome"), user, write=write, pk=pk, partner=partner)
