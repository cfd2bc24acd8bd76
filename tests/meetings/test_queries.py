"""Every meetings page makes the same number of queries with few rows and with many.

The counts include the request's own queries: the session, the user, and the user's role (its groups and profile,
asked once per request, see acip.roles.membership_of).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.acip.factories import FundingAgreementFactory, factor
from tests.meetings.conftest import TODAY
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    NoteFactory,
    SideMeetingFactory,
)
from tests.partners.factories import (
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 1, 4


def populate(n: int, partner):
    """A coming meeting attended by `partner` and n - 1 others, each with n of everything a page lists."""
    meeting = MeetingFactory(
        starts_on=TODAY + datetime.timedelta(days=20), ends_on=TODAY + datetime.timedelta(days=22)
    )
    partners = [partner] + [PartnerFactory() for _ in range(n - 1)]
    focus = None
    for each in partners:
        contacts = ContactFactory.create_batch(n, partner=each)
        AttendanceFactory(meeting=meeting, partner=each).contacts.set(contacts)
        StatusChangeFactory(partner=each)
        FundingAgreementFactory(partners=[each])
        for number in range(1, n + 1):
            AssessmentScoreFactory(assessment=AssessmentFactory(partner=each), factor=factor(number))
        earlier = SideMeetingFactory.create_batch(n, partner=each, held_on=TODAY - datetime.timedelta(days=100))
        for side_meeting in earlier:
            side_meeting.partner_participants.set(contacts)
            NoteFactory.create_batch(n, side_meeting=side_meeting, tier="partner")
            CommitmentFactory.create_batch(
                n, side_meeting=side_meeting, tier="partner", owner_contact=contacts[0], due_on=TODAY
            )
        here = SideMeetingFactory(meeting=meeting, partner=each, held_on=meeting.starts_on)
        here.partner_participants.set(contacts)
        NoteFactory.create_batch(n, side_meeting=here, tier="partner")
        CommitmentFactory.create_batch(n, side_meeting=here, tier="partner", owner="programme")
        if each == partner:
            focus = here
    commitment = CommitmentFactory(
        side_meeting=focus,
        tier="partner",
        outcome=OutcomeFactory(plan__partner=partner),
        status="done",
        closed_at=timezone.now(),
    )
    for number in range(n):
        commitment.closing_comment = f"Change {number}"
        commitment.save()
    for number in range(n):
        day = datetime.date(2020 + number, 2, 1)
        other = MeetingFactory(title=f"Other meeting {number}", starts_on=day, ends_on=day)
        AttendanceFactory(meeting=other, partner=partner)
        AttendanceFactory(meeting=other, partner=PartnerFactory())
    return meeting, focus, commitment


# (persona, url name, expected queries). Every request starts with 4: session, user, the user's groups and profile.
# Staff pages add the record's history (1 query).
PAGES = [
    # filter choices (years, programmes, administrations), count, page
    ("staff", "list", 9),
    ("delegate", "list", 9),
    # filter choices (programmes, administrations), the month's meetings, the one before and the one after
    ("staff", "calendar", 9),
    ("delegate", "calendar", 9),
    # meeting, attendances, their delegates, side meetings (+ history)
    ("staff", "detail", 9),
    ("delegate", "detail", 8),
    # side meeting, status agreed, participants, commitments raised, agenda, notes (+ history)
    ("staff", "side_meeting", 11),
    ("delegate", "side_meeting", 10),
    # administrations filter choices, count, page
    ("staff", "commitments", 7),
    # commitment with its people, side meeting, outcome and activity (+ history)
    ("staff", "commitment", 6),
    ("delegate", "commitment", 5),
    ("delegate", "ics", 5),
    # meeting, factors, administrations with current status, then one query per prefetch: latest status, attendance,
    # its delegates, contacts, open commitments, last side meetings, latest assessment, its scores, funding
    ("staff", "briefing", 16),
]


def url(name, meeting, side_meeting, commitment):
    if name in ("list", "commitments"):
        return reverse(f"meetings:{name}")
    if name == "calendar":
        return reverse("meetings:calendar") + f"?month={meeting.starts_on:%Y-%m}"
    if name == "side_meeting":
        return side_meeting.get_absolute_url()
    if name == "commitment":
        return commitment.get_absolute_url()
    return reverse(f"meetings:{name}", args=[meeting.uuid])


@pytest.mark.parametrize("n", [FEW, MANY])
@pytest.mark.parametrize(("persona", "name", "expected"), PAGES)
def test_page_makes_a_fixed_number_of_queries(request, partner, django_assert_num_queries, n, persona, name, expected):
    client = request.getfixturevalue(f"{persona}_client")
    target = url(name, *populate(n, partner))

    with django_assert_num_queries(expected):
        response = client.get(target)

    assert response.status_code == 200
