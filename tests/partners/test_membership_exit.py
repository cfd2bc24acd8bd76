"""A membership's exit (issue 18): an exit date goes with a reason and is not before the join date; the rule is the
model's, so that the admin's form and the demo loader share it; the headcount (`active_on`) counts the exit day."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partners.models import ExitReason, PartnerAdministration
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("exited_on", "exit_reason", "field"),
    [
        (D(2024, 5, 19), "", "exit_reason"),
        (None, ExitReason.FUNDING_ENDED, "exited_on"),
        (D(2018, 12, 31), ExitReason.OTHER, "exited_on"),
    ],
)
def test_the_exit_rules_name_their_field(exited_on, exit_reason, field):
    partner = PartnerFactory.build(programme=PartnerFactory().programme, exited_on=exited_on, exit_reason=exit_reason)
    with pytest.raises(ValidationError) as raised:
        partner.full_clean()
    assert field in raised.value.message_dict


def test_the_database_refuses_an_exit_without_its_reason():
    partner = PartnerFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        PartnerAdministration.objects.filter(pk=partner.pk).update(exited_on=D(2024, 1, 1))


def test_the_admin_form_shows_the_missing_reason_next_to_its_field(admin_client):
    partner = PartnerFactory(country_name="Jamaica")
    url = f"/admin/partners/partneradministration/{partner.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"exited_on": "2024-05-19", "exit_reason": "", "contacts-TOTAL_FORMS": "0"})
    data.update({"contacts-INITIAL_FORMS": "0", "contacts-MIN_NUM_FORMS": "0", "contacts-MAX_NUM_FORMS": "1000"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "exit_reason" in response.context["adminform"].form.errors
    partner.refresh_from_db()
    assert partner.exited_on is None


def test_a_partner_counts_until_its_exit_day():
    PartnerFactory(joined_on=D(2021, 5, 20), exited_on=D(2024, 5, 19), exit_reason=ExitReason.FUNDING_ENDED)
    assert [PartnerAdministration.objects.active_on(day).count() for day in (D(2024, 5, 19), D(2024, 5, 20))] == [
        1,
        0,
    ]


@pytest.mark.parametrize(
    ("membership", "names"),
    [("current", ["Ghana"]), ("former", ["Jamaica", "Later"]), ("", ["Ghana", "Jamaica", "Later"]), ("x", None)],
)
def test_the_partner_list_filters_on_membership_today(staff_client, membership, names):
    PartnerFactory(country_name="Ghana")
    PartnerFactory(country_name="Jamaica", exited_on=D(2024, 5, 19), exit_reason=ExitReason.FUNDING_ENDED)
    PartnerFactory(country_name="Later", joined_on=D(2100, 1, 1))
    response = staff_client.get("/partners/", {"membership": membership})
    assert response.status_code == 200
    if names is None:
        assert "membership" in response.context["filter"].form.errors
    else:
        assert [p.country_name for p in response.context["page_obj"]] == names
