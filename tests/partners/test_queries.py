"""The status page and the partner list make a fixed number of queries, whatever the number of rows behind them.

Each test builds the same page with few rows and with many (3 and 30 of every record) and pins the count. The counts
include the request's own queries: the session and the user (2), and the user's role: groups and profile (2).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.selectors import EARLIER_STATUS_LIMIT
from tests.acip.factories import FundingAgreementFactory
from tests.meetings.factories import CommitmentFactory
from tests.partners.conftest import fill_partner
from tests.partners.factories import ActivityFactory, PartnerFactory, StatusChangeFactory
from tests.queries import NAV

pytestmark = pytest.mark.django_db

ROWS = [3, 30]

# Staff: session, user, groups, profile; partner, donors, statuses (with side meetings), plans, outcomes, their
# factors, indicators, values, assessments, scores, activities (with the outcome served), commitments (with their
# owner and side meeting), last meeting, next meeting, contacts, last update (one UNION), last programme event (one
# query of subqueries), the latest confirmation of the page (acip.participation), the history section's three window
# queries, the documents with their versions (one query), and the navigation's "My work" count.
STAFF_DETAIL_QUERIES = 26 + NAV
# A delegate: the same without the staff-only history section and without donors (a delegate is told of none);
# what a row links to is read through the access layer, one query each (`with_related_visible_to`): the side
# meetings of the statuses, the outcomes of the activities, the owners and the side meetings of the commitments.
DELEGATE_DETAIL_QUERIES = 26 + NAV
# A donor viewer here sees no plan and no assessment (shared with the partner only): no outcome, factor, indicator,
# value or score query is needed; the links are read as the delegate's are, and the donors too; no "My work".
DONOR_DETAIL_QUERIES = 22


@pytest.mark.parametrize("rows", ROWS)
def test_status_page_queries_for_staff_do_not_grow_with_rows(staff_client, partner, rows, django_assert_num_queries):
    fill_partner(partner, rows, today=timezone.localdate())
    with django_assert_num_queries(STAFF_DETAIL_QUERIES):
        response = staff_client.get(reverse("partners:detail", args=[partner.slug]))
    assert response.status_code == 200
    page = response.context["page"]
    # The timeline shows the latest EARLIER_STATUS_LIMIT and says how many there are (the export has them all).
    assert len(page.earlier_statuses) == min(rows - 1, EARLIER_STATUS_LIMIT)
    assert page.earlier_status_count == rows - 1
    assert len(page.assessments) == rows
    assert sum(len(group.outcomes) for group in page.factor_groups) == rows
    assert len(response.context["attachments"]) >= rows  # each with two versions, in the same one query


@pytest.mark.parametrize("rows", ROWS)
def test_status_page_queries_for_a_delegate_do_not_grow_with_rows(
    delegate_client, partner, rows, django_assert_num_queries
):
    fill_partner(partner, rows, today=timezone.localdate())
    with django_assert_num_queries(DELEGATE_DETAIL_QUERIES):
        response = delegate_client.get(reverse("partners:detail", args=[partner.slug]))
    assert response.status_code == 200
    # Only the rows shared with the partner or with donors: two in three of each tiered kind.
    assert len(response.context["page"].open_commitments) == rows - rows // 3


@pytest.mark.parametrize("rows", ROWS)
def test_status_page_queries_for_a_donor_do_not_grow_with_rows(donor_client, partner, rows, django_assert_num_queries):
    fill_partner(partner, rows, today=timezone.localdate())
    with django_assert_num_queries(DONOR_DETAIL_QUERIES):
        response = donor_client.get(reverse("partners:detail", args=[partner.slug]))
    assert response.status_code == 200


# The list: session, user, groups, profile; the count and the page of administrations (current status, last
# event and open commitments are subqueries of that page); their agreements with donors; and the regions and
# donors that the filter form offers; the navigation's "My work" count.
LIST_QUERIES = 9 + NAV


@pytest.mark.parametrize("partners", ROWS)
def test_partner_list_queries_do_not_grow_with_partners_or_their_rows(
    staff_client, donor, partners, django_assert_num_queries
):
    today = timezone.localdate()
    for _ in range(partners):
        partner = PartnerFactory()
        FundingAgreementFactory(donor=donor, partners=[partner])
        for offset in range(3):
            StatusChangeFactory(partner=partner, effective_on=today - datetime.timedelta(days=offset))
            CommitmentFactory(side_meeting__partner=partner, partner=partner)
            ActivityFactory(partner=partner)
    with django_assert_num_queries(LIST_QUERIES):
        response = staff_client.get(reverse("partners:list"))
    assert response.status_code == 200
    assert len(response.context["partners"]) == min(partners, 25)
    assert all(p.open_commitment_count == 3 for p in response.context["partners"])
