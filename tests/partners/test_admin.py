import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import AssessmentScore, Contact, IndicatorValue, Outcome
from tests.acip.factories import factor
from tests.admin_forms import admin_form_data
from tests.partners.factories import (
    AssessmentFactory,
    AssessmentScoreFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


def inline_models(response) -> list:
    return [inline.formset.model for inline in response.context["inline_admin_formsets"]]


def test_assessment_page_shows_its_factor_scores(admin_client):
    assessment = AssessmentFactory()
    AssessmentScoreFactory(assessment=assessment, factor=factor(3), score=72)

    response = admin_client.get(reverse("admin:partners_assessment_change", args=[assessment.pk]))

    assert inline_models(response) == [AssessmentScore]
    (scores,) = response.context["inline_admin_formsets"]
    assert [(form.instance.factor.number, form.instance.score) for form in scores.formset.forms] == [(3, 72)]


def test_plan_page_shows_its_outcomes(admin_client):
    outcome = OutcomeFactory(title="Staff rotation policy adopted")

    response = admin_client.get(reverse("admin:partners_countryplan_change", args=[outcome.plan.pk]))

    assert inline_models(response) == [Outcome]
    assert "Staff rotation policy adopted" in response.text


def test_indicator_page_shows_its_values(admin_client):
    value = IndicatorValueFactory(period=2023, source="CIPS round 2")

    response = admin_client.get(reverse("admin:partners_indicator_change", args=[value.indicator.pk]))

    assert inline_models(response) == [IndicatorValue]
    assert "CIPS round 2" in response.text


def test_partner_page_shows_its_contacts(admin_client):
    partner = PartnerFactory()
    partner.contacts.create(name="Ama Mensah")

    response = admin_client.get(reverse("admin:partners_partneradministration_change", args=[partner.pk]))

    assert inline_models(response) == [Contact]
    assert "Ama Mensah" in response.text


def test_partner_list_shows_and_filters_the_current_stage(admin_client):
    ghana = PartnerFactory(country_name="Ghana")
    StatusChangeFactory(partner=ghana, stage="scoping", effective_on=datetime.date(2019, 1, 1))
    StatusChangeFactory(partner=ghana, stage="planning", effective_on=datetime.date(2020, 1, 1))
    StatusChangeFactory(partner__country_name="Malawi", stage="scoping")
    url = reverse("admin:partners_partneradministration_changelist")

    response = admin_client.get(url, {"current_stage": "planning"})

    assert [partner.country_name for partner in response.context["cl"].result_list] == ["Ghana"]
    assert '<td class="field-current_stage">Planning</td>' in response.text


def test_new_status_change_is_recorded_by_the_administrator_unless_changed(admin_client, admin_user):
    response = admin_client.get(reverse("admin:partners_statuschange_add"))

    assert response.context["adminform"].form["recorded_by"].value() == admin_user.pk


def test_outcome_list_shows_the_factor_numbers(admin_client):
    outcome = OutcomeFactory(plan=CountryPlanFactory())
    outcome.factors.add(factor(1), factor(7))
    IndicatorFactory(outcome=outcome)

    response = admin_client.get(reverse("admin:partners_outcome_changelist"))

    assert "1, 7" in response.text


def _count_queries(client, url) -> int:
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_assessment_page_reads_the_factors_once_however_many_scores(admin_client):
    assessment = AssessmentFactory()
    url = reverse("admin:partners_assessment_change", args=[assessment.pk])
    AssessmentScoreFactory(assessment=assessment, factor=factor(1))
    one_score = _count_queries(admin_client, url)
    for number in range(2, 11):
        AssessmentScoreFactory(assessment=assessment, factor=factor(number), group="private")

    assert _count_queries(admin_client, url) == one_score


def test_plan_page_reads_the_factors_once_however_many_outcomes(admin_client):
    plan = CountryPlanFactory()
    url = reverse("admin:partners_countryplan_change", args=[plan.pk])
    OutcomeFactory(plan=plan).factors.add(factor(1))
    one_outcome = _count_queries(admin_client, url)
    for number in range(2, 7):
        OutcomeFactory(plan=plan).factors.add(factor(number), factor(1))

    assert _count_queries(admin_client, url) == one_outcome


def test_admin_refuses_a_new_baseline_without_a_reason(admin_client):
    indicator = IndicatorFactory(baseline=40)
    url = reverse("admin:partners_indicator_change", args=[indicator.pk])
    data = admin_form_data(admin_client.get(url))
    data["baseline"] = "42"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Give the reason for changing the baseline." in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.baseline == 40

    data["change_reason"] = "Recomputed from the 2020 survey"
    assert admin_client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.baseline == 42
    assert indicator.history.first().history_change_reason == "Recomputed from the 2020 survey"


def test_admin_keeps_status_changes_as_they_were_recorded(admin_client):
    status = StatusChangeFactory(reason="As recorded")
    url = reverse("admin:partners_statuschange_change", args=[status.pk])
    response = admin_client.post(url, {"reason": "Rewritten"})
    assert response.status_code == 403
    status.refresh_from_db()
    assert status.reason == "As recorded"


def test_partner_list_runs_a_fixed_number_of_queries(admin_client, django_assert_num_queries):
    for _ in range(3):
        StatusChangeFactory(partner=PartnerFactory())
    url = reverse("admin:partners_partneradministration_changelist")
    admin_client.get(url)

    # The session, the user, the regions, programmes and staff of the filters, the count, the page of rows (with
    # each one's current status in subqueries): no second count of the whole table.
    with django_assert_num_queries(7):
        response = admin_client.get(url)

    assert response.context["cl"].result_count == 3


def test_status_change_list_runs_a_fixed_number_of_queries(admin_client, django_assert_num_queries):
    for year in [2017, 2018, 2020]:
        StatusChangeFactory(effective_on=datetime.date(year, 6, 1))
    url = reverse("admin:partners_statuschange_changelist")
    admin_client.get(url)

    # The session, the user, the regions of the filter, the count, the page of rows, and the date hierarchy's years:
    # the first and last dates, then the probe of each year (`years_with_rows`).
    with django_assert_num_queries(7):
        response = admin_client.get(url)

    assert response.context["cl"].result_count == 3
