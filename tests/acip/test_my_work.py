"""My work: what needs staff and delegates now, home's first page for both, and its count in the navigation."""

import datetime
import uuid
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from acip.dashboards.mywork import attention_count, forget_attention_counts
from acip.models import Tier
from meetings.models import Commitment
from tests.acip.factories import DonorFactory, UserFactory
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory
from tests.partners.factories import ActivityFactory, PartnerFactory, StatusChangeFactory
from tests.queries import NAV, NAV_AGAIN

pytestmark = pytest.mark.django_db

URL = reverse("my_work")
TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def ana():
    user = make_staff(username="ana")
    user.first_name, user.last_name = "Ana", "Officer"
    user.save()
    return user


@pytest.fixture
def ghana(ana):
    partner = PartnerFactory(country_name="Ghana", slug="ghana", focal_point=ana)
    StatusChangeFactory(partner=partner, effective_on=days(-400))
    return partner


def staff_commitment(owner, partner, due, **kwargs):
    return CommitmentFactory(side_meeting__partner=partner, owner="programme", owner_user=owner, due_on=due, **kwargs)


# ---------------------------------------------------------------------------------------------------------------
# Who may open it, and home


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_donor_viewer_and_a_user_without_role_get_403(client):
    client.force_login(make_donor_viewer(DonorFactory()))
    assert client.get(URL).status_code == 403
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_post_is_not_allowed(client, ana):
    client.force_login(ana)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("role", ["staff", "delegate", "administrator"])
def test_home_lands_staff_and_delegates_on_my_work(client, ghana, role, admin_user):
    user = {"staff": make_staff, "delegate": lambda: make_delegate(ghana), "administrator": lambda: admin_user}[role]()
    client.force_login(user)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert html.index('data-testid="my-work"') < html.index('id="onward-heading"')


def test_home_still_sends_a_donor_viewer_to_the_donor_view(client):
    client.force_login(make_donor_viewer(DonorFactory()))
    assert client.get(reverse("home"))["Location"] == reverse("donors:home")


# ---------------------------------------------------------------------------------------------------------------
# Staff


def test_staff_see_their_overdue_and_due_soon_commitments_only(client, ana, ghana):
    late = staff_commitment(ana, ghana, days(-3), title="Late step")
    soon = staff_commitment(ana, ghana, days(13), title="Soon step")
    staff_commitment(ana, ghana, days(14), title="Later step")  # beyond the 14 days
    staff_commitment(make_staff(username="bo"), ghana, days(-3), title="Bo's step")
    staff_commitment(ana, ghana, days(-3), title="Closed step", status="done", closed_at=timezone.now())
    CommitmentFactory(side_meeting__partner=ghana, owner="administration", due_on=days(-3), title="Theirs")
    client.force_login(ana)

    work = client.get(URL).context["work"]

    assert [c.title for c in work.overdue] == [late.title]
    assert [c.title for c in work.due_soon] == [soon.title]


def test_staff_see_the_stale_countries_they_are_focal_point_for(client, ana, ghana):
    fresh = PartnerFactory(country_name="Mali", focal_point=ana)
    ActivityFactory(partner=fresh, actual_start_on=days(-10))
    PartnerFactory(country_name="Nepal", focal_point=make_staff(username="bo"))  # stale, but Bo's
    client.force_login(ana)

    response = client.get(URL)

    assert [p.country_name for p in response.context["work"].stale] == ["Ghana"]
    assert "Ghana" in response.content.decode()


def test_staff_see_the_next_meetings_with_their_countries_attending(client, ana, ghana):
    meeting = MeetingFactory(title="ISC 27", starts_on=days(20), ends_on=days(22))
    AttendanceFactory(meeting=meeting, partner=ghana)
    AttendanceFactory(meeting=meeting, partner=PartnerFactory(country_name="Nepal"))
    MeetingFactory(title="Too far", starts_on=days(120), ends_on=days(121))
    MeetingFactory(title="Over", starts_on=days(-9), ends_on=days(-8))
    client.force_login(ana)

    work = client.get(URL).context["work"]

    assert [m.title for m in work.meetings] == ["ISC 27"]
    assert [p.country_name for p in work.meetings[0].my_partners] == ["Ghana"]


# ---------------------------------------------------------------------------------------------------------------
# Delegates


def test_a_delegate_sees_their_administrations_commitments_and_what_awaits_them(client, ghana):
    other = PartnerFactory()
    ours = dict(side_meeting__partner=ghana, tier=Tier.PARTNER)
    CommitmentFactory(**ours, owner="administration", due_on=days(-2), title="Our late step")
    CommitmentFactory(**ours, owner="administration", due_on=days(5), title="Our soon step")
    CommitmentFactory(**ours, owner="administration", due_on=days(60), title="Our later step")
    CommitmentFactory(**ours, owner="programme", due_on=days(30), title="The team's step")
    CommitmentFactory(side_meeting__partner=ghana, tier=Tier.STAFF, due_on=days(-2), title="STAFF-ONLY step")
    CommitmentFactory(side_meeting__partner=other, tier=Tier.PARTNER, due_on=days(-2), title="OTHER step")
    attended = MeetingFactory(title="Coordinators' meeting", starts_on=days(10), ends_on=days(11))
    AttendanceFactory(meeting=attended, partner=ghana)
    MeetingFactory(title="Not ours", starts_on=days(10), ends_on=days(11))
    ActivityFactory(partner=ghana, title="Coming workshop", planned_start_on=days(15), tier=Tier.PARTNER)
    ActivityFactory(partner=ghana, title="STAFF-ONLY activity", planned_start_on=days(15), tier=Tier.STAFF)
    client.force_login(make_delegate(ghana))

    response = client.get(URL)
    work = response.context["work"]
    html = response.content.decode()

    assert [c.title for c in work.overdue] == ["Our late step"]
    assert [c.title for c in work.due_soon] == ["Our soon step"]
    assert [c.title for c in work.later] == ["Our later step"]
    assert [c.title for c in work.owed_by_programme] == ["The team's step"]
    assert [m.title for m in work.meetings] == ["Coordinators' meeting"]
    assert [a.title for a in work.activities] == ["Coming workshop"]
    assert work.stale == []
    for hidden in ("STAFF-ONLY", "OTHER step", "Not ours", "Ana Officer"):
        assert hidden not in html
    assert ghana.get_absolute_url() in html


# ---------------------------------------------------------------------------------------------------------------
# The count in the navigation


def test_the_navigation_counts_what_needs_the_user(client, ana, ghana):
    staff_commitment(ana, ghana, days(-3))
    staff_commitment(ana, ghana, days(3))
    staff_commitment(ana, ghana, days(40))  # not yet
    client.force_login(ana)

    response = client.get(reverse("partners:list"))

    assert response.context["my_work_count"]() == 3  # two commitments and Ghana, stale
    assert (
        '<span class="badge rounded-pill text-bg-warning" data-testid="my-work-count">3' in response.content.decode()
    )
    assert attention_count(ana, today=TODAY) == client.get(URL).context["work"].attention == 3


# The count is kept in the shared cache until what it reads changes (acip.dashboards.mywork.ATTENTION_SOURCES).


def nav_count(client) -> tuple[int, int]:
    """The count a page shows, and the queries of that page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reminders:preferences"))
    return response.context["my_work_count"](), len(queries)


def test_a_page_drawn_again_with_nothing_changed_reuses_the_count(client, ana, ghana):
    staff_commitment(ana, ghana, days(-3))
    client.force_login(ana)
    first, cold = nav_count(client)
    again, warm = nav_count(client)
    assert first == again == 2  # the commitment and Ghana, stale
    assert cold - warm == NAV - NAV_AGAIN  # the count and the cache's write, not made the second time


def test_a_write_to_what_it_reads_counts_again(client, ana, ghana):
    client.force_login(ana)
    assert nav_count(client)[0] == 1  # Ghana, stale
    commitment = staff_commitment(ana, ghana, days(-3))
    assert nav_count(client)[0] == 2
    StatusChangeFactory(partner=ghana, effective_on=days(-1))  # Ghana's page is current again
    assert nav_count(client)[0] == 1
    commitment.status, commitment.closed_at = "done", timezone.now()
    commitment.save()
    assert nav_count(client)[0] == 0
    staff_commitment(ana, ghana, days(2)).delete()
    assert nav_count(client)[0] == 0


def test_another_day_counts_again(ana, ghana):
    staff_commitment(ana, ghana, days(20))  # due in 20 days: not yet due soon
    assert attention_count(ana, today=TODAY) == 1  # Ghana only
    assert attention_count(ana, today=days(10)) == 2  # due in 10 days from then


def test_each_user_has_their_own_count(client, ana, ghana):
    staff_commitment(ana, ghana, days(-3))
    assert attention_count(ana, today=TODAY) == 2
    assert attention_count(make_staff(), today=TODAY) == 0


def test_a_write_without_history_is_not_seen_until_the_counts_are_forgotten(ana, ghana):
    """What `seed_scale` relies on: its bulk load leaves no history, so it forgets the kept counts."""
    assert attention_count(ana, today=TODAY) == 1
    template = staff_commitment(ana, ghana, days(-3))
    assert attention_count(ana, today=TODAY) == 2
    template.pk, template.uuid = None, uuid.uuid4()
    Commitment.objects.bulk_create([template])
    assert attention_count(ana, today=TODAY) == 2
    forget_attention_counts()
    assert attention_count(ana, today=TODAY) == 3


def test_a_delegates_count_is_their_administrations_overdue_and_due_soon_commitments(client, ghana):
    CommitmentFactory(side_meeting__partner=ghana, tier=Tier.PARTNER, owner="administration", due_on=days(-1))
    CommitmentFactory(side_meeting__partner=ghana, tier=Tier.STAFF, owner="administration", due_on=days(-1))
    CommitmentFactory(side_meeting__partner=ghana, tier=Tier.PARTNER, owner="programme", due_on=days(-1))
    delegate = make_delegate(ghana)
    client.force_login(delegate)
    assert attention_count(delegate, today=TODAY) == client.get(URL).context["work"].attention == 1


def test_no_count_when_nothing_needs_the_user(client):
    client.force_login(make_staff())
    html = client.get(URL).content.decode()
    assert 'data-testid="my-work-count"' not in html
    assert "You are not the focal point for any country." in html


def test_the_demo_staff_member_finds_afghanistan_on_my_work(client):
    call_command("load_demo", stdout=StringIO())
    client.force_login(get_user_model().objects.get(username="staff"))
    work = client.get(URL).context["work"]
    assert "Afghanistan" in [p.country_name for p in work.stale]


# ---------------------------------------------------------------------------------------------------------------
# A fixed number of queries at two sizes


def build(n, ana):
    for i in range(n):
        partner = PartnerFactory(focal_point=ana)
        StatusChangeFactory(partner=partner, effective_on=days(-500))
        staff_commitment(ana, partner, days(-1 - i))
        staff_commitment(ana, partner, days(1 + i % 10))
        CommitmentFactory(side_meeting__partner=partner, tier=Tier.PARTNER, owner="administration", due_on=days(2))
        AttendanceFactory(partner=partner, meeting=MeetingFactory(starts_on=days(5 + i), ends_on=days(5 + i)))
        ActivityFactory(partner=partner, planned_start_on=days(7), tier=Tier.PARTNER)
    return partner


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


#: session, user, groups, profile; commitments (the first of each list, and how many each holds); stale countries;
#: how many countries the user is focal point for; what waits for review (acip.participation); meetings and the
#: attendances of the user's countries; the navigation's count (tests/queries.py).
STAFF_QUERIES = 11 + NAV
#: session, user, groups, profile; the administration; commitments (two, as for staff); meetings; activities; the
#: navigation's count.
DELEGATE_QUERIES = 9 + NAV


@pytest.mark.parametrize("n", [3, 12])
def test_staff_page_queries_are_pinned(client, ana, n, django_assert_num_queries):
    build(n, ana)
    client.force_login(ana)
    with django_assert_num_queries(STAFF_QUERIES):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("n", [3, 12])
def test_delegate_page_queries_are_pinned(client, ana, n, django_assert_num_queries):
    partner = build(n, ana)
    for _ in range(n):
        CommitmentFactory(side_meeting__partner=partner, tier=Tier.PARTNER, owner="administration", due_on=days(-3))
    client.force_login(make_delegate(partner))
    with django_assert_num_queries(DELEGATE_QUERIES):
        assert client.get(URL).status_code == 200


def test_a_long_list_shows_its_first_rows_and_how_many_in_all(client, ana, ghana):
    from acip.dashboards.mywork import COMMITMENT_LIMIT

    for i in range(COMMITMENT_LIMIT + 3):
        staff_commitment(ana, ghana, days(-1 - i))
    staff_commitment(ana, ghana, days(2))
    client.force_login(ana)

    response = client.get(URL)
    work = response.context["work"]

    assert len(work.overdue) == COMMITMENT_LIMIT
    assert work.overdue[0].due_on == days(-COMMITMENT_LIMIT - 3)  # the oldest first
    assert work.totals == {"overdue": COMMITMENT_LIMIT + 3, "due_soon": 1}
    assert work.attention == COMMITMENT_LIMIT + 3 + 1 + 1  # and Ghana, stale
    assert f"The first {COMMITMENT_LIMIT} of {COMMITMENT_LIMIT + 3}." in response.content.decode()
