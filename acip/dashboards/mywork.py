"""Reads behind "My work": what needs a person now, for programme staff and for a partner's delegate.

Staff: the open commitments they own that are overdue or due soon, the countries they are focal point for whose page
has gone stale (`PartnerQuerySet.stale()`, the one definition the dashboard and the reminders share), and the next
meetings. A delegate: their administration's open commitments (theirs to do, and what the programme team owes them)
and what awaits them (coming meetings and activities). Everything goes through `visible_to(user)`, and each block is
one query however many rows it holds. `attention_count()` is the number the navigation shows on every page, kept in
the shared cache (see ATTENTION_SOURCES for when it is counted again).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from acip.lib.versions import data_version
from acip.participation.models import PageConfirmation, Proposal, ValueReport
from acip.roles import Role, membership_of
from meetings.models import Attendance, Commitment, Meeting, Owner, SideMeeting
from partners.models import (
    Activity,
    ActivityStatus,
    Assessment,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    StatusChange,
)

#: A commitment due within this many days (today included) is "due soon".
DUE_SOON_DAYS = 14
#: Meetings under way or starting within this many days are "next".
NEXT_MEETING_DAYS = 90
#: At most this many meetings and activities are listed; the lists they come from hold the rest.
LIMIT = 10
#: At most this many commitments are listed in each group; the page says how many there are in all.
COMMITMENT_LIMIT = 25


@dataclass
class MyWork:
    role: Role
    today: datetime.date
    overdue: list[Commitment] = field(default_factory=list)
    due_soon: list[Commitment] = field(default_factory=list)
    later: list[Commitment] = field(default_factory=list)
    owed_by_programme: list[Commitment] = field(default_factory=list)
    stale: list[PartnerAdministration] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    partner: PartnerAdministration | None = None
    focal_count: int = 0
    #: how many commitments each list holds in all (each shows at most COMMITMENT_LIMIT)
    totals: dict[str, int] = field(default_factory=dict)
    #: staff: what partners sent that waits for review, of the user's own countries and in all
    review_mine: int = 0
    review_all: int = 0

    @property
    def is_staff(self) -> bool:
        return self.role != Role.DELEGATE

    @property
    def attention(self) -> int:
        """What needs doing now: the overdue and due-soon commitments, the stale countries, and what the user's
        countries sent for review."""
        return self.totals.get("overdue", 0) + self.totals.get("due_soon", 0) + len(self.stale) + self.review_mine


def has_my_work(user) -> bool:
    """Staff and administrators, and delegates, have a "My work" page; donor viewers do not."""
    membership = membership_of(user)
    return membership.sees_everything or membership.role == Role.DELEGATE


def _due_soon_limit(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DUE_SOON_DAYS - 1)


def _mine(user) -> Q:
    """The open commitments a person is to act on: staff those they own, a delegate their administration's."""
    membership = membership_of(user)
    if membership.role == Role.DELEGATE:
        return Q(owner=Owner.ADMINISTRATION, partner_id=membership.partner_id)
    return Q(owner=Owner.PROGRAMME, owner_user=user)


def _commitments(user, today: datetime.date) -> QuerySet:
    return (
        Commitment.objects.visible_to(user)
        .open()
        .with_is_overdue(today)
        .select_related("partner", "owner_contact", "owner_user", "side_meeting__meeting")
        .order_by("due_on", "pk")
    )


def _my_stale_partners(user, today: datetime.date) -> QuerySet:
    return (
        PartnerAdministration.objects.visible_to(user)
        .filter(focal_point=user)
        .stale(today=today, days=settings.ACIP_STALE_DAYS)
    )


def _bucketed(user, which: Q, work: MyWork, *, today: datetime.date) -> None:
    """Sort open commitments into the page's lists, at most COMMITMENT_LIMIT in each, with each list's full size in
    `work.totals`: two queries, whatever the number of rows. The first numbers the rows of each list (the open
    commitments `which` selects) by a window function over the commitments alone, in a subquery, and loads the
    first ones by their ids with what they link to; the second counts each list. (Numbered after the joins, the
    staff member's 2,500 open and due commitments at scale were joined to their side meetings, meetings and people,
    then sorted: 38 ms. Now 8 ms, the numbering read from commitment_owner_status_idx.)"""
    bucket = Case(
        When(~_mine(user), then=Value("owed_by_programme")),
        When(due_on__lt=today, then=Value("overdue")),
        When(due_on__lte=_due_soon_limit(today), then=Value("due_soon")),
        default=Value("later"),
        output_field=CharField(),
    )
    lists = Commitment.objects.visible_to(user).open().filter(which).annotate(bucket=bucket)
    first = lists.annotate(
        rank=Window(RowNumber(), partition_by=[F("bucket")], order_by=[F("due_on").asc(), F("pk").asc()])
    ).filter(rank__lte=COMMITMENT_LIMIT)
    for commitment in _commitments(user, today).filter(pk__in=first.values("pk")).annotate(bucket=bucket):
        getattr(work, commitment.bucket).append(commitment)
    work.totals = dict(lists.values_list("bucket").annotate(n=Count("*")))


def my_work(user, *, today: datetime.date) -> MyWork:
    membership = membership_of(user)
    work = MyWork(role=membership.role, today=today)
    if membership.role == Role.DELEGATE:
        work.partner = (
            PartnerAdministration.objects.filter(pk=membership.partner_id).only("slug", "country_name").first()
        )
        _bucketed(user, Q(partner_id=membership.partner_id), work, today=today)
        work.meetings = _next_meetings(user, today, partner_ids=[membership.partner_id])
        work.activities = list(
            Activity.objects.visible_to(user)
            .filter(
                partner_id=membership.partner_id,
                status__in=[ActivityStatus.PLANNED, ActivityStatus.SCHEDULED, ActivityStatus.IN_PROGRESS],
                planned_start_on__lte=today + datetime.timedelta(days=NEXT_MEETING_DAYS),
            )
            .filter(Q(planned_end_on__gte=today) | Q(planned_end_on__isnull=True, planned_start_on__gte=today))
            .order_by("planned_start_on", "title")[:LIMIT]
        )
        return work
    _bucketed(user, _mine(user) & Q(due_on__lte=_due_soon_limit(today)), work, today=today)
    work.stale = list(_my_stale_partners(user, today).only("pk", "slug", "country_name"))
    work.focal_count = PartnerAdministration.objects.visible_to(user).filter(focal_point=user).count()
    work.review_mine, work.review_all = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(mine=_waiting_count(user, mine=True), all=_waiting_count(user, mine=False))
        .values_list("mine", "all")
        .get()
    )
    work.meetings = _next_meetings(user, today, partner_ids=None)
    return work


def _next_meetings(user, today: datetime.date, *, partner_ids) -> list[Meeting]:
    """Meetings under way or starting soon, soonest first. For staff, each carries `my_partners`: the countries they
    are focal point for that attend it; for a delegate, only the meetings their administration attends."""
    meetings = Meeting.objects.visible_to(user).filter(
        ends_on__gte=today, starts_on__lte=today + datetime.timedelta(days=NEXT_MEETING_DAYS)
    )
    if partner_ids is not None:
        return list(
            meetings.filter(attendances__partner_id__in=partner_ids).distinct().order_by("starts_on", "title")[:LIMIT]
        )
    mine = (
        Attendance.objects.filter(partner__focal_point=user)
        .select_related("partner")
        .order_by("partner__country_name")
    )
    meetings = list(
        meetings.prefetch_related(Prefetch("attendances", queryset=mine, to_attr="my_attendances")).order_by(
            "starts_on", "title"
        )[:LIMIT]
    )
    for meeting in meetings:
        meeting.my_partners = [attendance.partner for attendance in meeting.my_attendances]
    return meetings


#: The records the navigation's count reads: the commitments (with the side meetings and meetings they belong to),
#: the administrations (their focal point, their membership), every kind of programme event that makes a page
#: current (`PartnerQuerySet.with_last_event()`), and what waits for review. The invalidation rule: the count is
#: kept in the shared cache, one entry per user, and counted again when any of these records is saved or deleted
#: (their data version, `acip.lib.versions`, moves), when the day changes, when the user's role or the staleness
#: setting does, and after ATTENTION_CACHE_SECONDS at the latest. `seed_scale`, which writes without history,
#: forgets the counts (`forget_attention_counts()`).
ATTENTION_SOURCES = (
    Commitment,
    SideMeeting,
    Meeting,
    PartnerAdministration,
    StatusChange,
    Assessment,
    CountryPlan,
    Outcome,
    Indicator,
    IndicatorValue,
    Activity,
    PageConfirmation,
    Proposal,
    ValueReport,
)
#: How long a count is kept at most. The data version can miss a write when two writers overlap (the one that took
#: the lower history id commits after the other, and the largest id does not move): a count is never older than this.
ATTENTION_CACHE_SECONDS = 10 * 60


def _attention_key(user_pk: int) -> str:
    return f"acip:my-work-count:{user_pk}"


def attention_count(user, *, today: datetime.date) -> int:
    """The number the navigation shows beside "My work" (`MyWork.attention`). Counting it is one query but costs
    more than the rest of a light page, so it is kept in the cache until what it reads changes (ATTENTION_SOURCES):
    a page asks for the data version and the cache entry (two cheap queries) and counts only when either moved."""
    if not has_my_work(user):
        return 0
    membership = membership_of(user)
    valid_for = (
        today.isoformat(),
        str(membership),
        settings.ACIP_STALE_DAYS,
        data_version(ATTENTION_SOURCES),
    )
    kept = cache.get(_attention_key(user.pk))
    if kept is not None and kept[0] == valid_for:
        return kept[1]
    count = _attention_count(user, today=today)
    cache.set(_attention_key(user.pk), (valid_for, count), ATTENTION_CACHE_SECONDS)
    return count


def forget_attention_counts() -> None:
    """Drop every kept count: for writes that leave no history (`seed_scale`'s bulk load), which the data version
    does not see."""
    cache.delete_many([_attention_key(pk) for pk in get_user_model().objects.values_list("pk", flat=True)])


def _attention_count(user, *, today: datetime.date) -> int:
    """The count itself, in one query: correlated counts on the user's own row."""
    membership = membership_of(user)
    commitments = _count(
        Commitment.objects.visible_to(user).open().filter(_mine(user), due_on__lte=_due_soon_limit(today))
    )
    if membership.role == Role.DELEGATE:
        stale = review = Value(0)
    else:
        stale, review = _count(_my_stale_partners(user, today)), _waiting_count(user, mine=True)
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(n=commitments + stale + review)
        .values_list("n", flat=True)
    )
    return row.first() or 0


def _waiting_count(user, *, mine: bool):
    """How many proposals and reported values wait for review (acip.participation): of the countries `user` is
    focal point for, or of all, as one scalar expression."""
    proposals = Proposal.objects.visible_to(user).pending()
    reports = ValueReport.objects.visible_to(user).submitted()
    if mine:
        proposals, reports = proposals.filter(partner__focal_point=user), reports.filter(partner__focal_point=user)
    return _count(proposals) + _count(reports)


def _count(queryset: QuerySet):
    """COUNT(*) of a queryset as a scalar subquery (grouped on a constant, so that it yields one row). COUNT(*), not
    COUNT(id): it lets PostgreSQL count from an index alone (`commitment_owner_status_idx`)."""
    counted = queryset.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
