"""Personas for the meetings pages (built with tests/acip/personas.py): programme staff, a delegate of the
administration the records are about, a delegate of another administration (the outsider) and a donor viewer whose
funding covers the first administration; and the `world` the view tests share (a meeting, a side meeting at it and
two commitments raised there)."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.acip.factories import DonorFactory, FundingAgreementFactory
from tests.acip.personas import client_for, make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory, SideMeetingFactory
from tests.partners.factories import ContactFactory, PartnerFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def partner():
    return PartnerFactory(country_name="Ghana", slug="ghana", country_code="GH")


@pytest.fixture
def other_partner():
    return PartnerFactory(country_name="Nepal", slug="nepal", country_code="NP")


@pytest.fixture
def staff():
    return make_staff(first_name="Sam", last_name="Staff")


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture
def delegate(partner):
    return make_delegate(partner, first_name="Dede", last_name="Delegate")


@pytest.fixture
def delegate_client(delegate):
    return client_for(delegate)


@pytest.fixture
def outsider_client(other_partner):
    """A delegate of another administration."""
    return client_for(make_delegate(other_partner))


@pytest.fixture
def donor_client(partner):
    donor = DonorFactory()
    FundingAgreementFactory(donor=donor, partners=[partner])
    return client_for(make_donor_viewer(donor))


@pytest.fixture
def world(partner, staff):
    """An upcoming meeting that `partner` attends, a side meeting there, and two open commitments raised at it:
    one for the administration, one for the programme team, both shared with the partner."""
    meeting = MeetingFactory(
        title="22nd Integrity Sub-Committee", starts_on=TODAY + 30 * DAY, ends_on=TODAY + 32 * DAY
    )
    coordinator = ContactFactory(partner=partner, name="Ama Coordinator")
    AttendanceFactory(meeting=meeting, partner=partner).contacts.add(coordinator)
    side_meeting = SideMeetingFactory(meeting=meeting, partner=partner, held_on=TODAY + 31 * DAY)
    due_on = TODAY + 90 * DAY
    ours = CommitmentFactory(
        side_meeting=side_meeting, owner="administration", tier="partner", title="Draft the code", due_on=due_on
    )
    theirs = CommitmentFactory(
        side_meeting=side_meeting, owner="programme", tier="partner", title="Send the guide", due_on=due_on
    )
    return SimpleNamespace(
        meeting=meeting,
        side_meeting=side_meeting,
        coordinator=coordinator,
        commitment=ours,
        programme_commitment=theirs,
    )
