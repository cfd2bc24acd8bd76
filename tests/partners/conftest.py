"""Personas for the partners pages (built with tests/acip/personas.py), after healthchecks' alice/bob/charlie:
programme staff, a delegate of the administration, a delegate of another one, a donor viewer whose funding covers
the administration and one whose funding does not. And `fill_partner`, which gives an administration n of every
record its status page shows."""

import datetime
from decimal import Decimal

import pytest

from tests.acip.factories import DonorFactory, FundingAgreementFactory, factor
from tests.acip.personas import client_for, make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)


@pytest.fixture
def partner():
    return PartnerFactory(country_name="Ghana", name="Ghana Revenue Authority", slug="ghana", country_code="GH")


@pytest.fixture
def other_partner():
    return PartnerFactory(country_name="Mali", slug="mali", country_code="ML")


@pytest.fixture
def staff_user():
    return make_staff(first_name="Sam", last_name="Staff")


@pytest.fixture
def staff_client(staff_user):
    return client_for(staff_user)


@pytest.fixture
def delegate_user(partner):
    return make_delegate(partner)


@pytest.fixture
def delegate_client(delegate_user):
    return client_for(delegate_user)


@pytest.fixture
def other_delegate_client(other_partner):
    return client_for(make_delegate(other_partner))


@pytest.fixture
def donor():
    return DonorFactory(name="Norwegian Agency for Development Cooperation", short_name="Norad")


@pytest.fixture
def donor_client(donor, partner):
    FundingAgreementFactory(donor=donor, partners=[partner])
    return client_for(make_donor_viewer(donor))


@pytest.fixture
def other_donor_client(other_partner):
    other = DonorFactory()
    FundingAgreementFactory(donor=other, partners=[other_partner])
    return client_for(make_donor_viewer(other))


def fill_partner(partner, n: int, *, today: datetime.date):
    """n of every record the status page shows, spread over tiers, states and dates."""
    tiers = ["staff", "partner", "donors"]
    for i in range(n):
        status = StatusChangeFactory(
            partner=partner,
            effective_on=today - datetime.timedelta(days=30 * (n - i)),
            tier=tiers[i % 3],
            reason=f"Status reason {i}",
        )
        SideMeetingFactory(partner=partner, status_change=status, held_on=status.effective_on)
    plan = CountryPlanFactory(partner=partner, tier="partner")
    outcomes = []
    for i in range(n):
        outcome = OutcomeFactory(plan=plan, title=f"Outcome {i}")
        outcomes.append(outcome)
        outcome.factors.set([factor(1 + i % 10), factor(1 + (i + 3) % 10)])
        indicator = IndicatorFactory(outcome=outcome, baseline=Decimal(40))
        IndicatorValueFactory(indicator=indicator, period=2020 + i % 5, target=Decimal(50), actual=Decimal(40 + i))
    for i in range(n):
        assessment = AssessmentFactory(
            partner=partner, started_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=40 * i), tier="partner"
        )
        for number in range(1, 11):
            AssessmentScoreFactory(assessment=assessment, factor=factor(number), group="officials", score=40 + i)
            AssessmentScoreFactory(assessment=assessment, factor=factor(number), group="private", score=30 + i)
    statuses = ["planned", "completed", "in_progress", "cancelled", "postponed"]
    for i in range(n):
        contact = ContactFactory(partner=partner, position="coordinator" if i == n - 1 else "delegate")
        ActivityFactory(
            partner=partner,
            status=statuses[i % 5],
            planned_start_on=today + datetime.timedelta(days=20 * (i - n // 2)),
            tier=tiers[i % 3],
            outcome=outcomes[i],
        )
        CommitmentFactory(
            side_meeting__partner=partner,
            partner=partner,
            due_on=today + datetime.timedelta(days=10 * (i - n // 2)),
            tier=tiers[i % 3],
            owner_contact=contact,
        )
        meeting = MeetingFactory(
            starts_on=today + datetime.timedelta(days=60 * (i - n // 2)),
            ends_on=today + datetime.timedelta(days=60 * (i - n // 2) + 2),
        )
        AttendanceFactory(meeting=meeting, partner=partner)
    _fill_documents(partner, n, tiers)


def _fill_documents(partner, n: int, tiers: list[str]):
    """n documents, of two versions each, on the administration, its plan, its assessments and its activities."""
    from tests.documents.factories import AttachmentVersionFactory

    records = [{"partner": partner}, {"plan": partner.plans.first()}]
    records += [{"assessment": a} for a in partner.assessments.all()[:n]]
    records += [{"activity": a} for a in partner.activities.all()[:n]]
    for i, record in enumerate(records * n if len(records) < n else records):
        keys = {"attachment__partner": None} | {f"attachment__{name}": value for name, value in record.items()}
        AttachmentVersionFactory.create_batch(2, attachment__tier=tiers[i % 3], **keys)


@pytest.fixture
def records(partner):
    """One of each record the staff forms edit, shared with the partner (so that its delegate may see them and a
    write by the delegate answers 403, not 404)."""
    plan = CountryPlanFactory(partner=partner, tier="partner", version=1)
    outcome = OutcomeFactory(plan=plan, title="Integrity strategy adopted")
    outcome.factors.set([factor(1)])
    indicator = IndicatorFactory(outcome=outcome, name="Share of staff trained", baseline=Decimal(40))
    value = IndicatorValueFactory(indicator=indicator, period=2022, target=Decimal(50), actual=Decimal(45))
    assessment = AssessmentFactory(partner=partner, tier="partner", title="CIPS round 1")
    for number in range(1, 11):
        AssessmentScoreFactory(assessment=assessment, factor=factor(number), group="officials", score=50)
    activity = ActivityFactory(partner=partner, tier="partner", title="Code of conduct workshop")
    return {
        "plan": plan,
        "outcome": outcome,
        "indicator": indicator,
        "value": value,
        "assessment": assessment,
        "activity": activity,
    }
