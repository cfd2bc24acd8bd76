import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Activity, Indicator
from tests.acip.factories import DonorFactory, FundingAgreementFactory, UserFactory
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.partners.factories import (
    ActivityFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)
from tests.queries import NAV

pytestmark = pytest.mark.django_db

HOME = reverse("donors:home")


def detail(donor):
    return reverse("donors:detail", args=[donor.slug])


def indicator_on(partner, tier, name):
    plan = CountryPlanFactory(partner=partner, tier=tier, starts_on=datetime.date(2021, 1, 1))
    indicator = IndicatorFactory(outcome=OutcomeFactory(plan=plan), name=name, baseline=40)
    IndicatorValueFactory(indicator=indicator, period=2022, target=50, actual=52)
    return indicator


@pytest.fixture
def world():
    """Norad covers Ghana and Mali; Canada covers Mexico. Each has a shared and a staff-only record."""
    ghana = PartnerFactory(country_name="Ghana")
    mali = PartnerFactory(country_name="Mali")
    mexico = PartnerFactory(country_name="Mexico")
    StatusChangeFactory(partner=ghana, stage="implementation", health="at_risk")
    StatusChangeFactory(partner=mali, stage="planning", health="on_track")
    StatusChangeFactory(partner=mexico, stage="scoping", health="off_track")
    norad = DonorFactory(name="Norwegian Agency for Development Cooperation", short_name="Norad", slug="norad")
    canada = DonorFactory(name="Global Affairs Canada", short_name="GAC", slug="gac")
    FundingAgreementFactory(
        donor=norad,
        title="Norad A-CIP agreement",
        partners=[ghana, mali],
        amount=Decimal("5000000"),
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
    )
    FundingAgreementFactory(
        donor=norad,
        title="Norad addendum",
        partners=[ghana],
        amount=Decimal("30000000"),
        currency="NOK",
        amount_eur=Decimal("2900000"),
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2025, 9, 30),
    )
    FundingAgreementFactory(donor=canada, title="Canada Americas agreement", partners=[mexico])
    indicator_on(ghana, "donors", "Shared Ghana indicator")
    indicator_on(mali, "staff", "Staff-only Mali indicator")
    indicator_on(mexico, "donors", "Shared Mexico indicator")
    return {"ghana": ghana, "mali": mali, "mexico": mexico, "norad": norad, "canada": canada}


@pytest.fixture
def viewer_client(client, world):
    client.force_login(make_donor_viewer(world["norad"]))
    return client


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


# ---------------------------------------------------------------------------------------------------------------
# Who may open which donor


def test_anonymous_is_sent_to_login(client, world):
    for url in (HOME, detail(world["norad"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_donor_viewer_home_is_their_own_donor(viewer_client, world):
    response = viewer_client.get(HOME)
    assert response.status_code == 200
    assert response.context["donor"] == world["norad"]


def test_donor_viewer_may_open_their_donor_page(viewer_client, world):
    assert viewer_client.get(detail(world["norad"])).status_code == 200


def test_donor_viewer_gets_404_for_another_donor(viewer_client, world):
    assert viewer_client.get(detail(world["canada"])).status_code == 404


def test_unknown_donor_gets_404_too(staff_client, world):
    assert staff_client.get(reverse("donors:detail", args=["no-such-donor"])).status_code == 404


def test_delegate_gets_404(client, world):
    client.force_login(make_delegate(world["ghana"]))
    assert client.get(HOME).status_code == 404
    assert client.get(detail(world["norad"])).status_code == 404


def test_user_without_role_gets_404(client, world):
    client.force_login(UserFactory())
    assert client.get(HOME).status_code == 404
    assert client.get(detail(world["norad"])).status_code == 404


def test_post_is_not_allowed(viewer_client, world):
    assert viewer_client.post(HOME).status_code == 405
    assert viewer_client.post(detail(world["norad"])).status_code == 405


def test_staff_home_lists_every_donor_with_its_coverage(staff_client, world):
    response = staff_client.get(HOME)
    donors = {donor.short_name: donor for donor in response.context["donors"]}
    assert set(donors) == {"Norad", "GAC"}
    assert donors["Norad"].agreement_count == 2
    assert donors["Norad"].partner_count == 2
    assert detail(world["canada"]) in response.content.decode()


def test_staff_may_open_any_donor(staff_client, world):
    response = staff_client.get(detail(world["canada"]))
    assert response.status_code == 200
    assert [p.country_name for p in response.context["overview"].partners] == ["Mexico"]


# ---------------------------------------------------------------------------------------------------------------
# What the page shows


def test_agreements_with_amounts_and_periods(viewer_client, world):
    response = viewer_client.get(HOME)
    overview = response.context["overview"]
    assert [a.title for a in overview.agreements] == ["Norad A-CIP agreement", "Norad addendum"]
    assert overview.total_eur == Decimal("7900000")
    html = response.content.decode()
    assert "5,000,000 EUR" in html or "5000000 EUR" in html
    assert "30,000,000 NOK" in html or "30000000 NOK" in html


def test_total_is_left_out_when_an_amount_has_no_euro_figure(staff_client, world):
    FundingAgreementFactory(donor=world["norad"], currency="CAD", amount=100, amount_eur=None)
    assert staff_client.get(detail(world["norad"])).context["overview"].total_eur is None


def test_covered_administrations_with_their_stage_and_health(viewer_client, world):
    overview = viewer_client.get(HOME).context["overview"]
    assert [(p.country_name, p.current_stage, p.current_health) for p in overview.partners] == [
        ("Ghana", "implementation", "at_risk"),
        ("Mali", "planning", "on_track"),
    ]
    assert {bar.key: bar.count for bar in overview.counts.by_health} == {"on_track": 1, "at_risk": 1, "off_track": 0}


def test_donor_viewer_sees_only_indicators_shared_with_donors(viewer_client, world):
    response = viewer_client.get(HOME)
    indicators = {p.country_name: [i.name for i in p.indicator_list] for p in response.context["overview"].partners}
    assert indicators == {"Ghana": ["Shared Ghana indicator"], "Mali": []}
    assert "Staff-only Mali indicator" not in response.content.decode()
    shared = response.context["overview"].partners[0].indicator_list[0]
    assert shared.reading.progress == "on_track"
    assert shared.reading.actual == 52


def test_staff_see_every_indicator_of_the_covered_administrations(staff_client, world):
    overview = staff_client.get(detail(world["norad"])).context["overview"]
    names = sorted(i.name for p in overview.partners for i in p.indicator_list)
    expected = Indicator.objects.filter(outcome__plan__partner__in=[world["ghana"], world["mali"]])
    assert names == sorted(expected.values_list("name", flat=True))


def test_activities_completed_within_an_agreement_period(viewer_client, world):
    ghana, mali, mexico = world["ghana"], world["mali"], world["mexico"]

    def activity(partner, title, done, **extra):
        extra.setdefault("tier", "donors")
        extra.setdefault("status", "completed")
        return ActivityFactory(partner=partner, title=title, actual_start_on=done, actual_end_on=done, **extra)

    activity(ghana, "Ghana workshop 2020", datetime.date(2020, 5, 1), participants_women=12, participants_men=8)
    activity(ghana, "Ghana mission 2024", datetime.date(2024, 5, 1), participants_women=3)  # under the addendum
    activity(mali, "Mali workshop 2024", datetime.date(2024, 5, 1))  # Mali's agreement ended in 2022
    activity(mali, "Mali planned", datetime.date(2021, 5, 1), status="planned")
    activity(mali, "Mali staff-only", datetime.date(2021, 5, 1), tier="staff")
    activity(mexico, "Mexico workshop", datetime.date(2022, 5, 1))

    response = viewer_client.get(HOME)

    overview = response.context["overview"]
    assert [a.title for a in overview.activities] == ["Ghana mission 2024", "Ghana workshop 2020"]
    assert overview.activity_totals == {"count": 2, "women": 15, "men": 8}
    html = response.content.decode()
    for hidden in ("Mali workshop 2024", "Mali planned", "Mali staff-only", "Mexico workshop"):
        assert hidden not in html


def test_nothing_outside_the_donors_coverage_appears(viewer_client, world):
    ActivityFactory(partner=world["mexico"], title="Mexico workshop", status="completed", tier="donors")
    html = viewer_client.get(HOME).content.decode()
    for outside in ("Mexico", "Canada Americas agreement", "Shared Mexico indicator", "GAC"):
        assert outside not in html


def test_page_links_exports_narrowed_to_the_donor(viewer_client, world):
    html = viewer_client.get(HOME).content.decode()
    assert reverse("exports:activities", kwargs={"fmt": "csv"}) + "?funded_by=norad" in html
    assert reverse("exports:indicator_values", kwargs={"fmt": "xlsx"}) + "?funded_by=norad" in html
    assert reverse("exports:partners", kwargs={"fmt": "csv"}) + f"?donor={world['norad'].pk}" in html


def test_charts_come_with_their_figures(viewer_client, world):
    html = viewer_client.get(HOME).content.decode()
    assert 'id="chart-donor-health" type="application/json"' in html
    assert "Show the figures" in html
    assert "<script>" not in html


# ---------------------------------------------------------------------------------------------------------------
# Query count


def grow(world, n):
    for i in range(n):
        partner = PartnerFactory()
        world["norad"].agreements.first().partners.add(partner)
        StatusChangeFactory(partner=partner)
        indicator_on(partner, "donors", f"Indicator {i}")
        ActivityFactory(partner=partner, status="completed", tier="donors", actual_end_on=datetime.date(2020, 3, 1))


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_donor_page_query_count_does_not_grow_with_the_data(viewer_client, world, django_assert_num_queries):
    grow(world, 1)
    few = count(viewer_client, HOME)
    grow(world, 8)
    assert Activity.objects.count() >= 9
    with django_assert_num_queries(few):
        viewer_client.get(HOME)


def test_donor_page_query_count_is_pinned(staff_client, world, django_assert_num_queries):
    grow(world, 3)
    # session, user, role (groups, profile), donor, agreements and their partners (two), covered partners,
    # indicators and their values (two), stage and health, activity totals, activities; the navigation's "My work"
    # count (staff, tests/queries.py)
    with django_assert_num_queries(13 + NAV):
        staff_client.get(detail(world["norad"]))


# ---------------------------------------------------------------------------------------------------------------
# Honest empty states (issue 20)


def test_the_indicator_pages_hold_only_administrations_with_indicators_the_reader_may_read(viewer_client, world):
    """Covered administrations without a readable indicator used to fill pages of their own: "Page 1 of 2", and
    page 2 empty."""
    from acip.dashboards.donors import INDICATOR_PARTNERS_PER_PAGE

    agreement = world["norad"].agreements.first()
    for i in range(INDICATOR_PARTNERS_PER_PAGE):
        silent = PartnerFactory(country_name=f"Silent {i}")
        agreement.partners.add(silent)
        indicator_on(silent, "staff", f"Hidden {i}")  # the donor may not read it
    page = viewer_client.get(HOME).context["overview"].indicator_page
    assert page.paginator.num_pages == 1
    assert [p.country_name for p in page] == ["Ghana"]

    for i in range(INDICATOR_PARTNERS_PER_PAGE):
        shown = PartnerFactory(country_name=f"Zshown {i:02}")
        agreement.partners.add(shown)
        indicator_on(shown, "donors", f"Shown {i}")
    last = viewer_client.get(HOME).context["overview"].indicator_page.paginator.num_pages
    assert last == 2
    response = viewer_client.get(HOME, {"page": last})
    assert len(response.context["overview"].indicator_page) == 1
    assert "Page 2 of 2" in response.content.decode()
    assert all(p.indicator_list for p in response.context["overview"].indicator_page)


def test_a_donor_is_told_when_nothing_is_shared_with_donors_and_staff_that_nothing_exists(client, world):
    for indicator in Indicator.objects.all():
        indicator.outcome.plan.tier = "staff"
        indicator.outcome.plan.save()
    client.force_login(make_donor_viewer(world["norad"]))
    html = client.get(HOME).content.decode()
    assert "None shared with donors." in html and "No indicator is available yet." not in html
    client.force_login(make_staff())
    assert "Staff-only Mali indicator" in client.get(detail(world["norad"])).content.decode()
    Indicator.objects.all().delete()
    html = client.get(detail(world["norad"])).content.decode()
    assert "No indicator is available yet." in html and "None shared with donors." not in html
