"""The country programme's forms refuse a text one character over its limit with a message at the field, and write
nothing; at the limit, with line breaks sent as the browser sends them (CRLF), the text is accepted."""

import pytest
from django.urls import reverse

from partners.models import StatusChange
from tests.acip.factories import factor
from tests.page_forms import all_rows, bound_data, page_forms, text_of
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    CountryPlanFactory,
    IndicatorValueFactory,
    OutcomeFactory,
)

pytestmark = pytest.mark.django_db


def status_page(partner):
    return reverse("partners:status_create", args=[partner.slug]), {"stage": "implementation", "health": "on_track"}


def plan_page(partner):
    return reverse("partners:plan_update", args=[partner.slug, CountryPlanFactory(partner=partner).pk]), {}


def outcome_page(partner):
    outcome = OutcomeFactory(plan__partner=partner)
    outcome.factors.add(factor(1))
    return reverse("partners:outcome_update", args=[partner.slug, outcome.pk]), {}


def value_page(partner):
    value = IndicatorValueFactory(indicator__outcome__plan__partner=partner)
    return reverse("partners:value_update", args=[partner.slug, value.pk]), {}


def assessment_page(partner):
    return reverse("partners:assessment_update", args=[partner.slug, AssessmentFactory(partner=partner).pk]), {}


def activity_page(partner):
    return reverse("partners:activity_update", args=[partner.slug, ActivityFactory(partner=partner).pk]), {}


CASES = [
    pytest.param(status_page, "reason", 2000, id="status-reason"),
    pytest.param(plan_page, "general_outcome", 2000, id="plan-general-outcome"),
    pytest.param(plan_page, "change_reason", 2000, id="plan-reason-for-the-change"),
    pytest.param(outcome_page, "description", 2000, id="outcome-description"),
    pytest.param(value_page, "comment", 2000, id="indicator-value-comment"),
    pytest.param(assessment_page, "summary", 5000, id="assessment-summary"),
    pytest.param(activity_page, "description", 5000, id="activity-description"),
]


@pytest.mark.parametrize(("page", "name", "limit"), CASES)
def test_one_character_over_is_refused_at_the_field_and_nothing_is_written(staff_client, partner, page, name, limit):
    url, fill = page(partner)
    shown = staff_client.get(url)
    assert f'maxlength="{limit}"' in shown.content.decode()
    data = {**bound_data(*page_forms(shown)), **fill, name: text_of(limit + 1)}
    rows = all_rows()

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        name: [f"Shorten this to {limit:,} characters at most (it has {limit + 1:,})."]
    }
    assert all_rows() == rows


@pytest.mark.parametrize(("page", "name", "limit"), CASES)
def test_a_text_at_the_limit_is_accepted(staff_client, partner, page, name, limit):
    url, fill = page(partner)
    data = {**bound_data(*page_forms(staff_client.get(url))), **fill, name: text_of(limit)}

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors


def test_a_status_reason_is_stored_with_the_line_breaks_the_browser_counted(staff_client, partner):
    url, fill = status_page(partner)
    data = {**bound_data(*page_forms(staff_client.get(url))), **fill, "reason": text_of(2000)}

    staff_client.post(url, data)

    assert StatusChange.objects.get(partner=partner).reason == text_of(2000).replace("\r\n", "\n")


def test_a_search_over_the_limit_is_refused_at_the_field(staff_client, partner):
    response = staff_client.get(reverse("partners:list"), {"q": "g" * 201})

    assert response.status_code == 200
    assert response.context["filter"].form.errors == {"q": ["Shorten this to 200 characters at most (it has 201)."]}
    assert 'maxlength="200"' in response.content.decode()
