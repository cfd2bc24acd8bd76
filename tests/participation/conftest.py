"""The people and records of the participation tests: Ghana's delegate, a delegate of another administration (Mali),
two members of staff, and a record of each kind on Ghana's page that the delegate may see and correct."""

import datetime

import pytest

from tests.acip.personas import client_for, make_delegate, make_staff
from tests.meetings.factories import CommitmentFactory
from tests.partners.factories import (
    ActivityFactory,
    ContactFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PartnerFactory,
    StatusChangeFactory,
)


@pytest.fixture
def ghana():
    return PartnerFactory(country_name="Ghana", slug="ghana", country_code="GH")


@pytest.fixture
def mali():
    return PartnerFactory(country_name="Mali", slug="mali", country_code="ML")


@pytest.fixture
def delegate(ghana):
    return make_delegate(ghana, first_name="Ama", last_name="Mensah")


@pytest.fixture
def delegate_client(delegate):
    return client_for(delegate)


@pytest.fixture
def mali_client(mali):
    return client_for(make_delegate(mali))


@pytest.fixture
def staff():
    return make_staff(first_name="Sam", last_name="Staff")


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture
def other_staff_client():
    return client_for(make_staff(username="other-staff", first_name="Olu", last_name="Other"))


def records_of(partner) -> dict:
    """One record of each kind a delegate may correct, all shared with the partner."""
    indicator = IndicatorFactory(outcome__plan__partner=partner, outcome__plan__tier="partner")
    return {
        "contact": ContactFactory(partner=partner, email="old@example.org"),
        "status": StatusChangeFactory(partner=partner, tier="partner", reason="Old reason"),
        "activity": ActivityFactory(partner=partner, tier="partner"),
        "indicator": indicator,
        "indicator_value": IndicatorValueFactory(indicator=indicator, period=2024, actual=40),
        "commitment": CommitmentFactory(
            side_meeting__partner=partner, tier="partner", due_on=datetime.date.today() + datetime.timedelta(days=9)
        ),
    }


@pytest.fixture
def ours(ghana):
    return records_of(ghana)


@pytest.fixture
def theirs(mali):
    return records_of(mali)
