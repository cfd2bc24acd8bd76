"""The search page makes the same number of queries with few matches and with many (tests/meetings/test_queries.py
says what a request's own queries are): one per kind on the page of every kind, a count and a page on a kind's."""

import pytest
from django.urls import reverse

from acip.search.registry import KINDS
from tests.meetings.factories import CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import ActivityFactory
from tests.queries import NAV

pytestmark = pytest.mark.django_db

# The session, the user, the user's groups and profile (tests/meetings/test_queries.py).
REQUEST = 4


def populate(world, n):
    for partner in (world.a, world.b):
        for number in range(n):
            side_meeting = SideMeetingFactory(partner=partner, tier="partner", purpose=f"Rotation {number}")
            NoteFactory(side_meeting=side_meeting, tier="partner", text=f"Rotation policy {number}")
            CommitmentFactory(side_meeting=side_meeting, tier="partner", title=f"Rotation step {number}")
            ActivityFactory(partner=partner, tier="partner", title=f"Rotation workshop {number}")


@pytest.mark.parametrize("n", [1, 8])
@pytest.mark.parametrize("role", ["staff", "delegate"])
def test_every_kind_costs_one_query(world, django_assert_num_queries, role, n):
    populate(world, n)
    with django_assert_num_queries(REQUEST + NAV + len(KINDS)):
        response = getattr(world, role).get(reverse("search:results"), {"q": "rotation"})
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 25])
@pytest.mark.parametrize("role", ["staff", "delegate"])
def test_a_kind_page_costs_a_count_and_a_page(world, django_assert_num_queries, role, n):
    populate(world, n)
    with django_assert_num_queries(REQUEST + NAV + 2):
        response = getattr(world, role).get(reverse("search:results"), {"q": "rotation", "kind": "notes"})
    sides = 2 if role == "staff" else 1  # a delegate finds their own administration's only
    assert len(response.context["hits"]) == min(sides * n, 20)
