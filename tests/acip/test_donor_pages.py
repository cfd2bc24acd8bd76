"""The donor view's indicators section pages through the covered administrations (acip.dashboards.donors), so a
donor covering a hundred administrations does not get thousands of indicators on one page (docs/PERFORMANCE.md)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from acip.dashboards.donors import INDICATOR_PARTNERS_PER_PAGE
from tests.acip.factories import DonorFactory, FundingAgreementFactory
from tests.acip.personas import make_donor_viewer
from tests.partners.factories import (
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("donors:home")


@pytest.fixture
def viewer_client(client):
    """A Norad viewer; Norad covers one administration more than a page holds, each with one shared indicator."""
    norad = DonorFactory(slug="norad")
    partners = [PartnerFactory(country_name=f"Country {i:02d}") for i in range(INDICATOR_PARTNERS_PER_PAGE + 1)]
    FundingAgreementFactory(donor=norad, partners=partners, amount=Decimal("1000"))
    for partner in partners:
        plan = CountryPlanFactory(partner=partner, tier="donors", starts_on=datetime.date(2021, 1, 1))
        indicator = IndicatorFactory(outcome=OutcomeFactory(plan=plan), name=f"Indicator of {partner.country_name}")
        IndicatorValueFactory(indicator=indicator, period=2022, target=50, actual=52)
    client.force_login(make_donor_viewer(norad))
    return client


def shown(response) -> list[str]:
    return [i.name for p in response.context["overview"].indicator_page for i in p.indicator_list]


def test_the_first_page_shows_the_indicators_of_one_page_of_administrations(viewer_client):
    response = viewer_client.get(HOME)

    assert len(shown(response)) == INDICATOR_PARTNERS_PER_PAGE
    assert len(response.context["overview"].partners) == INDICATOR_PARTNERS_PER_PAGE + 1  # the status table: all
    assert "page=2" in response.content.decode()


def test_the_next_page_shows_the_rest(viewer_client):
    response = viewer_client.get(HOME, {"page": 2})

    assert shown(response) == [f"Indicator of Country {INDICATOR_PARTNERS_PER_PAGE:02d}"]


@pytest.mark.parametrize("page", ["0", "99", "x", "-1"])
def test_a_page_out_of_range_or_not_a_number_still_answers(viewer_client, page):
    assert viewer_client.get(HOME, {"page": page}).status_code == 200
