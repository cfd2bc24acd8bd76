"""The admin's forms keep the app's rules: they are built on the app's forms (partners.forms), so that a value the
app refuses, the admin refuses too, with a message and without a server error."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import StatusChange
from tests.acip.factories import FundingAgreementFactory, factor
from tests.admin_forms import admin_form_data
from tests.partners.factories import (
    AssessmentFactory,
    AssessmentScoreFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db

NOT_A_NUMBER = ["sNaN", "NaN", "Infinity", "-Infinity", "1e999"]


def _decimal_cases():
    """(change page, posted name) for every decimal field of the admin: on its own page and in an inline."""
    indicator = IndicatorFactory(baseline=40)
    value = IndicatorValueFactory(indicator=indicator, target=50, actual=45)
    assessment = AssessmentFactory()
    score = AssessmentScoreFactory(assessment=assessment, factor=factor(1), score=60)
    agreement = FundingAgreementFactory()
    change = lambda model, obj: reverse(f"admin:{obj._meta.app_label}_{model}_change", args=[obj.pk])  # noqa: E731
    return [
        (change("indicator", indicator), "baseline"),
        (change("indicator", indicator), "values-0-target"),
        (change("indicator", indicator), "values-0-actual"),
        (change("indicatorvalue", value), "target"),
        (change("indicatorvalue", value), "actual"),
        (change("assessment", assessment), "scores-0-score"),
        (change("assessmentscore", score), "score"),
        (change("fundingagreement", agreement), "amount"),
        (change("fundingagreement", agreement), "amount_eur"),
    ]


@pytest.mark.parametrize("junk", NOT_A_NUMBER)
def test_a_decimal_that_is_not_a_number_gets_a_message_in_every_admin_form(admin_client, junk):
    for url, name in _decimal_cases():
        data = admin_form_data(admin_client.get(url))
        assert name in data or name.endswith(("target", "actual", "amount_eur")), (url, name)
        data[name] = junk
        data["change_reason"] = "Checked"

        response = admin_client.post(url, data)

        assert response.status_code == 200, (url, name, junk)
        assert "errorlist" in response.content.decode(), (url, name, junk)


def test_the_admin_refuses_a_status_dated_in_the_future(admin_client):
    partner = PartnerFactory()
    ahead = timezone.localdate() + datetime.timedelta(days=400)
    url = reverse("admin:partners_statuschange_add")
    data = admin_form_data(admin_client.get(url))
    data |= {"partner": partner.pk, "effective_on": ahead.isoformat(), "stage": "planning", "health": "on_track"}
    data |= {"reason": "Agreed", "tier": "staff"}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "The effective date cannot be in the future." in response.content.decode()
    assert not StatusChange.objects.exists()

    data["effective_on"] = timezone.localdate().isoformat()
    assert admin_client.post(url, data).status_code == 302
    assert StatusChange.objects.get().effective_on == timezone.localdate()
