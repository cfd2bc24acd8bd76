"""Every meetings page makes the same number of queries with few rows and with many.

The counts include the request's own queries: the session, the user, and the user's role (its groups and profile,
asked once per request, see acip.roles.membership_of).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.acip.factories import FundingAgreementFactory, factor
from tests.documents.factories import AttachmentVersionFactory
from tests.meetings.conftest import TODAY
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    NoteFactory,
    SideMeetingFactory,
)
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)
from tests.queries import NAV

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
        CommitmentFactory(side_meeting=here, tier="partner", owner_contact=contacts[0])
        if each == partner:
            focus, focus_contact = here, contacts[0]
    outcome = OutcomeFactory(plan__partner=partner)
    outcome.factors.set([factor(number) for number in range(1, n + 1)])
    for indicator in IndicatorFactory.create_batch(n, outcome=outcome):
        IndicatorValueFactory.create_batch(n, indicator=indicator)
    commitment = CommitmentFactory(
        side_meeting=focus,
        tier="partner",
        owner_contact=focus_contact,
        outcome=outcome,
        activity=ActivityFactory(partner=partner, tier="partner"),
        status="done",
        closed_at=timezone.now(),
    )
    for number in range(n):
        commitment.closing_comment = f"Change {number}"
        commitment.save()
    for _number in range(n):
        for record in ({"attachment__meeting": meeting}, {"attachment__side_meeting": focus}):
            AttachmentVersionFactory.create_batch(2, attachment__partner=None, attachment__tier="partner", **record)
    for each in partners:
        ActivityFactory.create_batch(n, partner=each, tier="partner", planned_start_on=meeting.starts_on)
    for number in range(n):
        day = datetime.date(2020 + number, 2, 1)
        other = MeetingFactory(title=f"Other meeting {number}", starts_on=day, ends_on=day)
        AttendanceFactory(meeting=other, partner=partner)
        AttendanceFactory(meeting=other, partner=PartnerFactory())
    return meeting, focus, commitment


# (persona, url name, expected queries). Every request starts with 4: session, user, the user's groups and profile.
# Every page that draws the navigation adds its "My work" count (1 query, in NAV); staff pages add the record's
# history (1 query).
PAGES = [
    # filter choices (years, programmes, administrations), count, page
    ("staff", "list", 9 + NAV),
    ("delegate", "list", 9 + NAV),
    # filter choices (programmes, administrations), the month's meetings, its activities, the meeting before and
    # the one after
    ("staff", "calendar", 10 + NAV),
    ("delegate", "calendar", 10 + NAV),
    # meeting, attendances (count and page), their delegates, side meetings (count and page), documents with their
    # versions (+ history)
    ("staff", "detail", 12 + NAV),
    ("delegate", "detail", 11 + NAV),
    # side meeting, status agreed, participants, commitments raised, agenda, notes, documents with their versions
    # (+ history); for anyone but staff
    # what the commitments link to is read through the access layer (`with_related_visible_to`), one query each:
    # the owners of the commitments raised, the owners of the agenda's and the side meetings they were raised at
    ("staff", "side_meeting", 12 + NAV),
    ("delegate", "side_meeting", 14 + NAV),
    # side meeting, the attendees at the meeting, the agenda carried over, the current status, the delegation's
    # contacts and those ticked (form), the owners of the agenda's commitments
    ("staff", "side_meeting_form", 10 + NAV),
    # administrations filter choices, count, page
    ("staff", "commitments", 7 + NAV),
    # commitment with its people, side meeting, outcome and activity (+ history); for anyone but staff the owner,
    # side meeting, outcome and activity are read through the access layer, one query each
    ("staff", "commitment", 6 + NAV),
    ("delegate", "commitment", 9 + NAV),
    ("delegate", "ics", 5),
    # meeting, regions with their delegations, count, factors, a page of administrations with current status, then
    # one query per prefetch: latest status, attendance, its delegates, contacts, open commitments, last side
    # meetings, latest assessment, its scores, funding
    ("staff", "briefing", 18 + NAV),
    # one delegation: the same without regions and count, then what changed since its last side meeting (statuses,
    # commitments opened, closed, indicator values, assessments) and its plan (plan, outcomes, their factors,
    # indicators, values)
    ("staff", "briefing_one", 26 + NAV),
]


def url(name, meeting, side_meeting, commitment):
    if name in ("list", "commitments"):
        return reverse(f"meetings:{name}")
    if name == "calendar":
        return reverse("meetings:calendar") + f"?month={meeting.starts_on:%Y-%m}"
    if name == "side_meeting":
        return side_meeting.get_absolute_url()
    if name == "side_meeting_form":
        return reverse("meetings:side_meeting_update", args=[side_meeting.uuid])
    if name == "commitment":
        return commitment.get_absolute_url()
    if name == "briefing_one":
        return reverse("meetings:briefing", args=[meeting.uuid]) + f"?partner={side_meeting.partner.slug}"
    return reverse(f"meetings:{name}", args=[meeting.uuid])


@pytest.mark.parametrize("n", [FEW, MANY])
@pytest.mark.parametrize(("persona", "name", "expected"), PAGES)
def test_page_makes_a_fixed_number_of_queries(request, partner, django_assert_num_queries, n, persona, name, expected):
    client = request.getfixturevalue(f"{persona}_client")
    target = url(name, *populate(n, partner))

    with django_assert_num_queries(expected):
        response = client.get(target)

    assert response.status_code == 200
