"""The programme results page: the programme-level indicators and P-1 worked out from the survey rounds, as each
role may read them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acip.dashboards import results
from partners.models import Indicator, IndicatorValue
from tests.acip.factories import DonorFactory, FundingAgreementFactory, ProgrammeFactory, UserFactory, factor
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.partners.factories import AssessmentFactory, AssessmentScoreFactory, PartnerFactory
from tests.queries import NAV

pytestmark = pytest.mark.django_db

URL = reverse("results:home")
STAFF_MARKER = "MARKER-STAFF-ONLY-ROUND"
PARTNER_MARKER = "MARKER-PARTNER-ROUND"


def survey(partner, tier, title, year, scores):
    """A CIPS round of `partner` with officials' scores for factors 1.. in order."""
    assessment = AssessmentFactory(
        partner=partner, tier=tier, title=title, started_on=datetime.date(year, 1, 15), kind="cips"
    )
    for number, score in enumerate(scores, start=1):
        AssessmentScoreFactory(assessment=assessment, factor=factor(number), group="officials", score=score)
    return assessment


@pytest.fixture
def world():
    """Norad covers Ghana and Mali; Mexico is not covered. Ghana's two rounds are shared with donors; Mali's later
    round is staff-only; Mexico's rounds are shared with donors but not covered; Ghana has a round confidential to
    the administration too, older than its shared ones."""
    programme = ProgrammeFactory()
    ghana = PartnerFactory(country_name="Ghana", programme=programme)
    mali = PartnerFactory(country_name="Mali", programme=programme)
    mexico = PartnerFactory(country_name="Mexico", programme=programme)
    norad = DonorFactory(short_name="Norad", slug="norad")
    FundingAgreementFactory(donor=norad, partners=[ghana, mali])
    survey(ghana, "partner", PARTNER_MARKER, 2018, [10, 10, 10, 10])
    survey(ghana, "donors", "Ghana round 1", 2020, [50, 50, 50, 50])
    survey(ghana, "donors", "Ghana round 2", 2023, [55, 55, 50, 40])  # 2 of 4 improved
    survey(mali, "donors", "Mali round 1", 2020, [50, 50, 50, 50])
    survey(mali, "staff", STAFF_MARKER, 2023, [60, 60, 60, 60])  # 4 of 4 improved, for staff only
    survey(mexico, "donors", "Mexico round 1", 2020, [50, 50])
    survey(mexico, "donors", "Mexico round 2", 2023, [40, 40])  # 0 of 2
    p1 = Indicator.objects.create(
        programme=programme, code="P-1", name="Share of RAD key factors with better CIPS perceptions", unit="%"
    )
    IndicatorValue.objects.create(indicator=p1, period=2023, actual=Decimal("85"), source="WCO news")
    IndicatorValue.objects.create(indicator=p1, period=2025, target=Decimal("90"))
    return {"programme": programme, "ghana": ghana, "mali": mali, "mexico": mexico, "norad": norad, "p1": p1}


def results_for(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response


def test_staff_see_every_round_and_the_whole_figure(client, world):
    response = results_for(client, make_staff())
    perceptions = response.context["results"].perceptions
    by_partner = {change.partner: change for change in perceptions.partners}
    assert (by_partner[world["ghana"].pk].improved, by_partner[world["ghana"].pk].compared) == (2, 4)
    assert (by_partner[world["mali"].pk].improved, by_partner[world["mali"].pk].compared) == (4, 4)
    assert (by_partner[world["mexico"].pk].improved, by_partner[world["mexico"].pk].compared) == (0, 2)
    assert perceptions.share == Decimal("60.0")  # 6 of 10
    body = response.content.decode()
    assert STAFF_MARKER in body
    assert "including the rounds whose results are confidential" in body
    # Ghana's factors, in the table with their words: 50 -> 55 twice, 50 -> 50, 50 -> 40
    ghana_row = body[body.index('data-partner="' + world["ghana"].slug + '"') :].split("</tr>")[0]
    assert ghana_row.count('title="improved, from 50 to 55"') == 2
    assert 'title="worse, from 50 to 40"' in ghana_row and 'title="unchanged"' in ghana_row
    assert ghana_row.count('title="not compared"') == 6  # factors 5 to 10
    assert 'data-chart="chart-p1-factors"' in body


def test_a_donor_sees_only_covered_administrations_and_rounds_shared_with_donors(client, world):
    response = results_for(client, make_donor_viewer(world["norad"]))
    perceptions = response.context["results"].perceptions
    by_partner = {change.partner: change for change in perceptions.partners}
    # Mexico is not covered; Mali's staff-only round does not count, so Mali has one round; Ghana's round
    # confidential to the administration is not read either.
    assert set(by_partner) == {world["ghana"].pk, world["mali"].pk}
    assert by_partner[world["mali"].pk].rounds == 1
    assert by_partner[world["ghana"].pk].rounds == 2
    assert (perceptions.improved, perceptions.compared, perceptions.share) == (2, 4, Decimal("50.0"))
    body = response.content.decode()
    for marker in (STAFF_MARKER, PARTNER_MARKER, "Mexico"):
        assert marker not in body
    assert "50% of factors improved: 2 of 4 factors compared, in 1 administration." in body
    assert "Worked out only from the survey rounds shared with donors" in body


def test_a_staff_only_round_does_not_move_a_donors_figure(client, world):
    viewer = make_donor_viewer(world["norad"])
    before = results_for(client, viewer).context["results"].perceptions.share
    survey(world["ghana"], "staff", STAFF_MARKER, 2025, [99, 99, 99, 99])
    response = results_for(client, viewer)
    assert response.context["results"].perceptions.share == before
    assert STAFF_MARKER not in response.content.decode()
    # Staff's figure moves: Ghana now compares 2023 with 2025, 4 of 4 improved (with Mali 4 of 4, Mexico 0 of 2).
    assert results_for(client, make_staff()).context["results"].perceptions.share == Decimal("80.0")


def test_the_table_of_administrations_pages_and_the_figures_count_them_all(client, world, monkeypatch):
    monkeypatch.setattr(results, "PARTNERS_PER_PAGE", 2)
    client.force_login(make_staff())
    first = client.get(URL)
    assert [row["partner"] for row in first.context["partner_page"].rows] == [world["ghana"], world["mali"]]
    assert first.context["results"].perceptions.share == Decimal("60.0")  # Ghana, Mali and Mexico: 6 of 10
    body = first.content.decode()
    assert "Administrations 1 to 2 of 3." in body
    assert "Page 1 of 2" in body and 'href="?page=2"' in body
    second = client.get(URL, {"page": 2})
    assert [row["partner"] for row in second.context["partner_page"].rows] == [world["mexico"]]
    assert second.context["results"].perceptions.share == Decimal("60.0")
    assert 'data-partner="' + world["ghana"].slug + '"' not in second.content.decode()
    # A page out of range or not a number is the nearest page, never an error.
    assert client.get(URL, {"page": "x"}).context["partner_page"].number == 1
    assert client.get(URL, {"page": 99}).context["partner_page"].number == 2


def test_only_the_two_latest_scored_rounds_are_compared(client, world):
    """Older rounds are not read; a round without scores does not hide the scored ones."""
    ghana = world["ghana"]
    AssessmentFactory(partner=ghana, tier="donors", title="Ghana round 3, not scored yet", kind="cips",
                      started_on=datetime.date(2025, 1, 15))  # fmt: skip
    response = results_for(client, make_staff())
    change = {c.partner: c for c in response.context["results"].perceptions.partners}[ghana.pk]
    assert (change.earlier.label, change.later.label) == ("Ghana round 1", "Ghana round 2")
    assert (change.improved, change.compared) == (2, 4)


def test_an_administration_with_rounds_but_no_scores_is_listed(client, world):
    partner = PartnerFactory(country_name="Zambia", programme=world["programme"])
    AssessmentFactory(partner=partner, tier="donors", title="Zambia round 1", kind="cips")
    body = results_for(client, make_staff()).content.decode()
    row = body[body.index('data-partner="' + partner.slug + '"') :].split("</tr>")[0]
    assert "No round with scores" in row


def test_a_change_shows_its_scores_as_floatformat_would(client, world):
    """A factor's perception is the mean of the groups' scores, so it may have two decimals: shown with one, half
    up as `floatformat` rounds, none when it is whole."""
    partner = PartnerFactory(country_name="Zambia", programme=world["programme"])
    for year, scores in ((2020, {"officials": ["40", "40"], "private": ["40", "40"]}),
                         (2023, {"officials": ["52.2", "39.9"], "private": ["52.3", "40"]})):  # fmt: skip
        assessment = AssessmentFactory(partner=partner, kind="cips", started_on=datetime.date(year, 1, 15))
        for group, values in scores.items():
            for number, score in enumerate(values, start=1):
                AssessmentScoreFactory(assessment=assessment, factor=factor(number), group=group, score=score)
    body = results_for(client, make_staff()).content.decode()
    row = body[body.index('data-partner="' + partner.slug + '"') :].split("</tr>")[0]
    assert 'title="improved, from 40 to 52.3"' in row  # 52.25
    assert 'title="worse, from 40 to 40"' in row  # 39.95 shows as 40, and is still worse


def test_the_cells_are_translated(client, world):
    client.force_login(make_staff())
    body = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    ghana_row = body[body.index('data-partner="' + world["ghana"].slug + '"') :].split("</tr>")[0]
    assert ghana_row.count('title="non comparé"') == 6


def test_the_programme_indicators_are_shown_with_their_values(client, world):
    for user in (make_staff(), make_donor_viewer(world["norad"])):
        response = results_for(client, user)
        (indicator,) = response.context["results"].indicators
        assert indicator == world["p1"]
        assert [value.period for value in indicator.value_list] == [2023, 2025]
        body = response.content.decode()
        assert "Share of RAD key factors with better CIPS perceptions" in body
        assert "WCO news" in body
        assert "How P-1 is worked out" in body


def test_delegates_and_people_without_a_role_get_404(client, world):
    client.force_login(make_delegate(world["ghana"]))
    assert client.get(URL).status_code == 404
    client.force_login(UserFactory(username="nobody"))  # in no group
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_navigation_links_the_page_for_staff_and_donors_only(client, world):
    for user, linked in (
        (make_staff(), True),
        (make_donor_viewer(world["norad"]), True),
        (make_delegate(world["ghana"]), False),
    ):
        client.force_login(user)
        response = client.get(reverse("password_change"))
        assert (f'href="{URL}"' in response.content.decode()) is linked


def test_no_data_is_said_so(client, db):
    client.force_login(make_staff())
    body = client.get(URL).content.decode()
    assert "No programme-level indicator has been recorded yet." in body
    assert "P-1 cannot be worked out" in body


def grow(world, n):
    for i in range(n):
        partner = PartnerFactory(programme=world["programme"])
        world["norad"].agreements.first().partners.add(partner)
        survey(partner, "donors", f"R1 {i}", 2020, [50, 50, 50])
        survey(partner, "donors", f"R2 {i}", 2023, [51, 49, 50])
        indicator = Indicator.objects.create(programme=world["programme"], code=f"P-{i + 2}", name=f"P {i}", unit="%")
        IndicatorValue.objects.create(indicator=indicator, period=2024, actual=1)


def count(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["staff", "donor"])
def test_query_count_is_pinned_at_two_data_sizes(client, world, persona, django_assert_num_queries):
    client.force_login(make_staff() if persona == "staff" else make_donor_viewer(world["norad"]))
    grow(world, 1)
    # session, user, role (groups, profile), indicators and their values (two), factors, rounds and their scores
    # (two); the navigation adds its "My work" count for staff (tests/queries.py; a donor viewer has no My work)
    expected = 9 + NAV if persona == "staff" else 9
    with django_assert_num_queries(expected):
        client.get(URL)
    grow(world, 8)
    with django_assert_num_queries(expected):
        client.get(URL)


def test_the_page_answers_in_french(client, world):
    client.force_login(make_donor_viewer(world["norad"]))
    body = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Résultats du programme" in body
    assert "50\u00a0% des facteurs en progrès\u00a0: 2 sur 4 facteurs comparés, dans 1 administration." in body
    assert "Calcul de P-1" in body
