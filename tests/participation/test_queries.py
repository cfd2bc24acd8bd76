"""The participation pages make a fixed number of queries, however many items they list."""

import pytest
from django.urls import reverse

from acip.participation.models import Proposal, ValueReport
from tests.documents.factories import AttachmentFactory, AttachmentVersionFactory
from tests.partners.factories import ActivityFactory, IndicatorFactory
from tests.queries import NAV

pytestmark = pytest.mark.django_db


def fill(partner, user, n):
    for i in range(n):
        Proposal.objects.create(
            partner=partner, kind="contact", target_id=1, field="email", proposed_value=f"{i}@x.org", proposed_by=user
        )
        indicator = IndicatorFactory(outcome__plan__partner=partner, outcome__plan__tier="partner")
        ValueReport.objects.create(
            partner=partner, indicator=indicator, period=2025, actual=i, reported_by=user, state="submitted"
        )
        # A file the delegation uploaded, on the administration and on one of its activities.
        for record in ({"partner": partner}, {"partner": None, "activity": ActivityFactory(partner=partner)}):
            attachment = AttachmentFactory(tier="partner", **record)
            AttachmentVersionFactory(attachment=attachment, number=1, uploaded_by=user, by_delegation=True)


#: session, user, groups, profile; the queue's count and its page; the page's proposals and reports; the country
#: filter's choices; the last committee session; the files that delegations uploaded, with their records; the
#: navigation's count.
QUEUE_QUERIES = 11 + NAV
#: session, user, groups, profile; the administration; the count and the page; the page's proposals and reports;
#: the navigation's count.
SENT_QUERIES = 9 + NAV


@pytest.mark.parametrize("n", [3, 12])
def test_the_queue_queries_are_pinned(staff_client, delegate, ghana, n, django_assert_num_queries):
    fill(ghana, delegate, n)
    with django_assert_num_queries(QUEUE_QUERIES):
        assert staff_client.get(reverse("participation:queue")).status_code == 200


@pytest.mark.parametrize("n", [3, 12])
def test_the_sent_page_queries_are_pinned(delegate_client, delegate, ghana, n, django_assert_num_queries):
    fill(ghana, delegate, n)
    with django_assert_num_queries(SENT_QUERIES):
        assert delegate_client.get(reverse("participation:sent", args=[ghana.slug])).status_code == 200
