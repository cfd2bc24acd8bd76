"""Honest empty states (issue 20): the last page of every paginated list holds rows, a page number past the end
shows the last page, and a section that the access layer emptied says that nothing is shared with the reader
rather than that nothing exists."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import briefing
from meetings.views import PAGE_SIZE as MEETINGS_PAGE_SIZE
from partners.views import PAGE_SIZE as PARTNERS_PAGE_SIZE
from tests.acip.factories import DonorFactory, FundingAgreementFactory
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory, NoteFactory
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOON = TODAY + datetime.timedelta(days=5)


def partners(n):
    for i in range(n):
        PartnerFactory(country_name=f"Country {i:03}")
    return reverse("partners:list"), {}


def meetings(n):
    for i in range(n):
        MeetingFactory(title=f"Meeting {i:03}", starts_on=SOON, ends_on=SOON)
    return reverse("meetings:list"), {}


def commitments(n):
    for i in range(n):
        CommitmentFactory(title=f"Step {i:03}")
    return reverse("meetings:commitments"), {}


def delegations(n):
    meeting = MeetingFactory(starts_on=SOON, ends_on=SOON)
    for i in range(n):
        AttendanceFactory(meeting=meeting, partner=PartnerFactory(country_name=f"Country {i:03}"))
    return reverse("meetings:briefing", args=[meeting.uuid]), {}


@pytest.mark.parametrize(
    ("build", "size"),
    [
        (partners, PARTNERS_PAGE_SIZE),
        (meetings, MEETINGS_PAGE_SIZE),
        (commitments, MEETINGS_PAGE_SIZE),
        (delegations, briefing.DELEGATIONS_PER_PAGE),
    ],
    ids=["partners", "meetings", "commitments", "briefing"],
)
def test_the_last_page_of_every_list_holds_the_rows_left_over(client, build, size):
    client.force_login(make_staff())
    url, params = build(size + 1)
    first = client.get(url, params).context["page_obj"]
    assert first.paginator.num_pages == 2 and len(first) == size
    for page in ("2", "99"):  # the last page, and a number past it (which shows the last page)
        response = client.get(url, {**params, "page": page})
        last = response.context["page_obj"]
        assert last.number == 2 and len(last) == 1
        assert "Page 2 of 2" in response.content.decode()


@pytest.fixture
def ghana():
    """Ghana, funded by Norad, with three open commitments and a note, all for staff only."""
    ghana = PartnerFactory(country_name="Ghana", slug="ghana")
    norad = DonorFactory(short_name="Norad")
    FundingAgreementFactory(donor=norad, partners=[ghana])
    for _ in range(3):
        commitment = CommitmentFactory(side_meeting__partner=ghana, tier="staff", status="open")
    NoteFactory(side_meeting=commitment.side_meeting, tier="staff")
    return {"partner": ghana, "donor": norad, "side_meeting": commitment.side_meeting}


def test_a_donor_reading_ghana_is_told_its_commitments_are_not_shared_with_donors(client, ghana):
    client.force_login(make_donor_viewer(ghana["donor"]))
    html = client.get(ghana["partner"].get_absolute_url()).content.decode()
    section = html[html.index('id="commitments"') :].split("</section>")[0]
    assert "None shared with donors." in section and "No open commitment." not in section


def test_a_delegate_is_told_what_is_not_shared_with_their_administration(client, ghana):
    client.force_login(make_delegate(ghana["partner"]))
    html = client.get(ghana["partner"].get_absolute_url()).content.decode()
    section = html[html.index('id="commitments"') :].split("</section>")[0]
    assert "None shared with your administration." in section
    html = client.get(ghana["side_meeting"].get_absolute_url()).content.decode()
    notes = html[html.index('id="notes"') :].split("</section>")[0]
    assert "None shared with your administration." in notes and "No notes." not in notes


def test_staff_are_told_a_section_is_empty_because_nothing_exists(client, ghana):
    client.force_login(make_staff())
    other = PartnerFactory(country_name="Empty")
    html = client.get(other.get_absolute_url()).content.decode()
    section = html[html.index('id="commitments"') :].split("</section>")[0]
    assert "No open commitment." in section and "None shared" not in section


# The phone's "Filters" button (issue 20, point 6)


@pytest.mark.parametrize(
    ("name", "params", "active"),
    [
        ("partners:list", {}, 0),
        ("partners:list", {"stage": "planning", "health": "at_risk", "page": "2", "sort": "last_event"}, 2),
        ("meetings:list", {"when": "upcoming"}, 1),
        ("meetings:commitments", {}, 1),  # opens on the open ones: a filter in use
        ("meetings:calendar", {"kind": ""}, 0),
        ("dashboard:home", {"cohort": "2019"}, 1),
    ],
)
def test_every_list_folds_its_filters_behind_a_button_that_counts_those_in_use(client, name, params, active):
    client.force_login(make_staff())
    html = client.get(reverse(name), params).content.decode()
    button = html[html.index('data-testid="filters-toggle"') :].split("</button>")[0]
    assert 'data-bs-toggle="collapse"' in html.split('data-testid="filters-toggle"')[0].rsplit("<button", 1)[1]
    if active:
        assert f">{active}</span>" in button and f"({active} active)" in button
    else:
        assert "active)" not in button
