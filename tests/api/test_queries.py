"""Every list of the API makes the same number of queries for a page of 2 rows as for a page of 4 (and so for any
size), pinned per list and role.

The counts include the request's own: the session, the user, the user's role (groups and profile), the throttle's
count in the database cache (a read, then a write: a few statements in a savepoint), and the page's COUNT."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse

from acip.editions.services import edition_freeze
from tests.acip.factories import DonorFactory, FundingAgreementFactory, factor
from tests.acip.personas import client_for, make_delegate, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

ROWS = 4
SIZES = (2, 4)


def populate(partner, staff):
    donor = DonorFactory()
    for n in range(ROWS):
        StatusChangeFactory(partner=partner, tier="partner", effective_on=datetime.date(2019, 1, 1 + n))
        value = IndicatorValueFactory(
            indicator__outcome__plan__partner=partner, indicator__outcome__plan__tier="partner"
        )
        value.indicator.outcome.factors.add(factor(1 + n))
        OutcomeFactory(plan=value.indicator.outcome.plan)
        assessment = AssessmentFactory(partner=partner, tier="partner")
        AssessmentScoreFactory(assessment=assessment, factor=factor(1 + n))
        ActivityFactory(partner=partner, tier="partner", outcome=value.indicator.outcome)
        attendance = AttendanceFactory(partner=partner)
        side_meeting = SideMeetingFactory(partner=partner, meeting=attendance.meeting, tier="partner")
        side_meeting.partner_participants.add(ContactFactory(partner=partner))
        for _ in range(3):
            NoteFactory(side_meeting=side_meeting, tier="partner")
        CommitmentFactory(side_meeting=side_meeting, partner=partner, tier="partner", status="open")
        FundingAgreementFactory(donor=donor if n else DonorFactory(), partners=[partner])
        edition_freeze(title=f"Edition {n}", frozen_on=datetime.date.today(), meeting=None, created_by=staff)
    for _ in range(ROWS - 1):
        PartnerFactory()
        DonorFactory()


@pytest.fixture
def clients():
    staff = make_staff()
    partner = PartnerFactory()
    populate(partner, staff)
    return {"staff": client_for(staff), "delegate": client_for(make_delegate(partner))}


def measure(client, url, size, django_assert_num_queries, expected):
    caches["default"].clear()
    with django_assert_num_queries(expected):
        response = client.get(url, {"page_size": size})
    assert response.status_code == 200
    return response.json()


#: name, the queries of one page as staff and as a delegate: 8 for the request (the session, the user, the
#: throttle's 6 in the database cache), 2 for the role, then the page's COUNT, its rows and their prefetches. A
#: delegate's lists load each link they may see with one more query per link (with_related_visible_to) where staff
#: get a join; they know of no donor (no rows, no prefetch).
LISTS = [
    # name, staff, delegate
    ("partner", 13, 12),
    ("status_change", 12, 12),
    ("plan", 12, 12),
    ("outcome", 13, 13),
    ("indicator", 13, 13),
    ("indicator_value", 12, 12),
    ("assessment", 13, 13),
    ("activity", 12, 13),
    ("meeting", 13, 13),
    ("side_meeting", 14, 14),
    ("commitment", 12, 13),
    ("donor", 12, 10),
    ("funding_agreement", 13, 10),
]


@pytest.mark.parametrize(("name", "staff_queries", "delegate_queries"), LISTS)
def test_a_list_makes_the_same_queries_whatever_the_page_size(
    clients, django_assert_num_queries, name, staff_queries, delegate_queries
):
    url = reverse(f"api:{name}-list")
    for role, expected in (("staff", staff_queries), ("delegate", delegate_queries)):
        for size in SIZES:
            body = measure(clients[role], url, size, django_assert_num_queries, expected)
            if body["count"] >= ROWS:
                assert len(body["results"]) == size, (name, role)


def test_the_editions_list_too(clients, django_assert_num_queries):
    for size in SIZES:
        body = measure(clients["staff"], reverse("api:edition-list"), size, django_assert_num_queries, 12)
        assert len(body["results"]) == size
