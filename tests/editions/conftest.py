"""The people and records of the editions tests: staff, a delegate and a donor viewer (tests/acip/personas.py), and
`programme(n)`, n partners each with a status, an open commitment, an indicator value, an assessment with scores and
a meeting attended."""

import datetime

import pytest
from django.utils import timezone

from acip.editions.services import edition_freeze
from meetings.models import Commitment
from tests.acip.factories import DonorFactory, FundingAgreementFactory, factor
from tests.acip.personas import client_for, make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory
from tests.partners.factories import (
    AssessmentFactory,
    AssessmentScoreFactory,
    IndicatorValueFactory,
    PartnerFactory,
    StatusChangeFactory,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def make_partner(meeting=None, **fields):
    partner = PartnerFactory(**fields)
    StatusChangeFactory(partner=partner, stage="planning", health="on_track", reason=f"Why {partner.slug}")
    commitment = CommitmentFactory(
        side_meeting__partner=partner, title=f"Commitment of {partner.slug}", due_on=TODAY + 30 * DAY
    )
    # Raised well before any edition of the tests, as an older commitment would be.
    Commitment.objects.filter(pk=commitment.pk).update(created_at=timezone.now() - 60 * DAY)
    IndicatorValueFactory(indicator__outcome__plan__partner=partner, period=2023, target=50, actual=45)
    assessment = AssessmentFactory(partner=partner, title=f"Assessment of {partner.slug}")
    for number in (1, 2, 3):
        AssessmentScoreFactory(assessment=assessment, factor=factor(number))
    AttendanceFactory(partner=partner, meeting=meeting or MeetingFactory(starts_on=TODAY - 5 * DAY, ends_on=TODAY))
    return partner


@pytest.fixture
def programme():
    meeting = MeetingFactory(starts_on=TODAY - 5 * DAY, ends_on=TODAY - 3 * DAY)

    def make(n):
        return [make_partner(meeting) for _ in range(n)]

    return make


@pytest.fixture
def staff():
    return make_staff(first_name="Sam", last_name="Staff")


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture
def freeze(staff):
    def freeze(title="Edition", frozen_on=TODAY, meeting=None):
        return edition_freeze(title=title, frozen_on=frozen_on, meeting=meeting, created_by=staff)

    return freeze


@pytest.fixture
def delegate_client():
    return client_for(make_delegate(PartnerFactory(slug="delegates-own")))


@pytest.fixture
def donor_client():
    donor = DonorFactory()
    FundingAgreementFactory(donor=donor, partners=[PartnerFactory(slug="funded")])
    return client_for(make_donor_viewer(donor))
