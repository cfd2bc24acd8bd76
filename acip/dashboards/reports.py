"""The donor report: what the programme tells one donor about one period, read once and shared by the report's page,
its Excel workbook and its PDF.

The period is a calendar year or the period of one of the donor's funding agreements (`ReportPeriodForm`). The
report covers only the administrations that the donor funds in that period: those covered by one of its agreements
whose period overlaps it (or by the one agreement chosen).

Everything is read through the access layer as the donor's viewers see it (`donor_reader`), whoever produces the
report: staff who make Norad's report get the same donor-tier document as Norad's own officer, never a staff-only
reason or a staff-only plan.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acip.access import donor_reader
from acip.dashboards.results import programme_indicators
from acip.dashboards.selectors import NO_STATUS, StatusCounts, _bars
from acip.lib.versions import data_version
from acip.models import Donor, FundingAgreement, IntegrityFactor, Programme, Tier
from meetings.models import Attendance, Meeting, SideMeeting
from partners.indicators import latest_reading
from partners.models import (
    Activity,
    ActivityStatus,
    CountryPlan,
    Health,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    Stage,
    StatusChange,
)

#: Administrations per page of the report's per-administration section on the page (the documents hold them all):
#: a donor covering a hundred administrations reports on a thousand indicators.
PARTNERS_PER_PAGE = 10
#: Activities and meetings the page lists; the documents list them all (an agreement's period of six years holds
#: hundreds of meetings at WCO scale).
ACTIVITY_LIMIT = 50
MEETING_LIMIT = 50
#: The earliest calendar year the period picker offers.
FIRST_YEAR = 2000
#: The tier of every text a donor report may hold.
REPORT_TIER = Tier.DONORS


#: Every model whose records a donor report shows (the reference lists of factors and regions aside: they change
#: only with a release, and the report names them by their translated labels, acip/reference.py).
REPORT_SOURCES = (
    Donor,
    FundingAgreement,
    Programme,
    PartnerAdministration,
    StatusChange,
    CountryPlan,
    Outcome,
    Indicator,
    IndicatorValue,
    Activity,
    Meeting,
    Attendance,
    SideMeeting,
)


def report_data_version() -> str:
    """The version of the records a donor report reads: a stored PDF of the report is served while it is the same,
    and a save or a delete of any record of REPORT_SOURCES makes a new one (acip/lib/versions.py). One query."""
    return data_version(REPORT_SOURCES)


@dataclass(frozen=True)
class Period:
    starts_on: datetime.date
    ends_on: datetime.date
    label: str
    agreement: FundingAgreement | None = None

    @property
    def years(self) -> list[int]:
        return list(range(self.starts_on.year, self.ends_on.year + 1))


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))


def agreement_period(agreement: FundingAgreement) -> Period:
    return Period(agreement.starts_on, agreement.ends_on, agreement.title, agreement)


class ReportPeriodForm(forms.Form):
    """The period picker: a calendar year, or one of the donor's agreements (whose period then applies)."""

    year = forms.IntegerField(label=_("Calendar year"), required=False)
    agreement = forms.ModelChoiceField(
        label=_("Or the period of an agreement"),
        queryset=FundingAgreement.objects.none(),
        required=False,
        empty_label=_("– a calendar year –"),
    )

    def __init__(self, *args, donor: Donor, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["agreement"].queryset = donor.agreements.order_by("starts_on", "title")
        self.fields["year"].widget.attrs.update(min=FIRST_YEAR, max=today.year)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and not FIRST_YEAR <= year <= self.today.year:
            raise forms.ValidationError(
                _("Choose a year from %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": self.today.year}
            )
        return year

    def period(self) -> Period:
        """The period asked for; the last complete year when the form asks for none (call after is_valid())."""
        if self.cleaned_data.get("agreement"):
            return agreement_period(self.cleaned_data["agreement"])
        return year_period(self.cleaned_data.get("year") or self.today.year - 1)

    def period_query(self) -> str:
        """The period asked for as one query string (`agreement=3` or `year=2024`, the default year written out), so
        that every way of asking for the same period names the same stored PDF (call after is_valid())."""
        period = self.period()
        if period.agreement is not None:
            return urlencode({"agreement": period.agreement.pk})
        return urlencode({"year": period.starts_on.year})


@dataclass
class DonorReport:
    donor: Donor
    period: Period
    made_on: datetime.date
    agreements: list[FundingAgreement]
    partners: list[PartnerAdministration]
    counts: StatusCounts
    #: the administrations of this page of the per-administration section, each with `changes`, `plan`,
    #: `outcome_list` and `indicator_list` (every administration in a document)
    partner_page: Page
    factor_rows: list[dict]
    programme_indicators: list[Indicator]
    activities: list[Activity]
    activity_totals: dict
    meetings: list[Meeting]
    meeting_count: int
    complete: bool
    tier_label: str = field(default=REPORT_TIER.label)

    @property
    def years(self) -> list[int]:
        return self.period.years

    @property
    def stage_bars(self) -> list:
        return [bar for bar in self.counts.by_stage if bar.count]

    @property
    def health_bars(self) -> list:
        return [bar for bar in self.counts.by_health if bar.count]

    @property
    def meetings_cut(self) -> bool:
        return len(self.meetings) < self.meeting_count

    @property
    def activities_cut(self) -> bool:
        return len(self.activities) < (self.activity_totals["count"] or 0)


def covered_in_period(donor: Donor, period: Period) -> QuerySet:
    """The ids of the administrations that the donor funds in the period: covered by one of its agreements whose
    period overlaps it, or by the chosen agreement."""
    through = FundingAgreement.partners.through.objects
    if period.agreement is not None:
        return through.filter(fundingagreement=period.agreement).values("partneradministration_id")
    return through.filter(
        fundingagreement__donor=donor,
        fundingagreement__starts_on__lte=period.ends_on,
        fundingagreement__ends_on__gte=period.starts_on,
    ).values("partneradministration_id")


def donor_report(
    *, donor: Donor, period: Period, today: datetime.date | None = None, page=None, complete: bool = False
) -> DonorReport:
    """The report of `donor` for `period`, as the donor's viewers may read it, in a fixed number of queries.

    `complete` is for the documents (Excel, PDF): every administration and every activity; the page has one page
    (`page`) of the per-administration section and the latest activities."""
    reader = donor_reader(donor)
    today = today or timezone.localdate()
    agreements = list(
        donor.agreements.filter(pk=period.agreement.pk)
        if period.agreement
        else donor.agreements.filter(starts_on__lte=period.ends_on, ends_on__gte=period.starts_on).order_by(
            "starts_on", "title"
        )
    )
    covered = PartnerAdministration.objects.visible_to(reader).filter(pk__in=covered_in_period(donor, period))
    partners = list(_with_status_at(covered, period, reader).select_related("region").order_by("country_name"))
    # The sections below take the administrations read just now as a list of ids, not the subquery again: nested in
    # the meetings' and activities' subqueries, it cost PostgreSQL a third of the page's time to plan and run at WCO
    # scale. With none covered, the (empty) subquery keeps the queries the same.
    covered = [partner.pk for partner in partners] or covered
    for partner in partners:
        partner.stage_before_label = Stage(partner.stage_before).label if partner.stage_before else None
    per_page = max(len(partners), 1) if complete else PARTNERS_PER_PAGE
    partner_page = Paginator(partners, per_page).get_page(page)
    _attach_details(list(partner_page.object_list), period, reader)
    activities = _held_activities(reader, covered, period)
    totals = activities.aggregate(count=Count("pk"), women=Sum("participants_women"), men=Sum("participants_men"))
    listed = activities.select_related("partner").order_by("done_on", "partner__country_name", "title")
    meetings, meeting_count = _meetings_held(reader, covered, period, limit=None if complete else MEETING_LIMIT)
    return DonorReport(
        donor=donor,
        period=period,
        made_on=today,
        agreements=agreements,
        partners=partners,
        counts=status_counts_of(partners),
        partner_page=partner_page,
        factor_rows=_factor_rows(reader, covered, period),
        programme_indicators=_programme_indicators(period),
        activities=list(listed if complete else listed[:ACTIVITY_LIMIT]),
        activity_totals=totals,
        meetings=meetings,
        meeting_count=meeting_count,
        complete=complete,
    )


def status_counts_of(partners: list[PartnerAdministration]) -> StatusCounts:
    """The administrations already read, by their stage and by their health at the period's end (no query)."""
    stages = Counter(partner.current_stage or NO_STATUS for partner in partners)
    healths = Counter(partner.current_health or NO_STATUS for partner in partners)
    return StatusCounts(
        by_stage=_bars(Stage.choices, stages), by_health=_bars(Health.choices, healths), total=len(partners)
    )


def _with_status_at(covered: QuerySet, period: Period, reader) -> QuerySet:
    """Annotate the stage and health in force at the end of the period (`current_stage`, `current_health`,
    `status_effective_on`), the stage at its start (`stage_before`), and how many activities were held and side
    meetings took place in it."""
    at_end = StatusChange.objects.filter(partner=OuterRef("pk"), effective_on__lte=period.ends_on).order_by(
        "-effective_on", "-created_at", "-pk"
    )
    before = StatusChange.objects.filter(partner=OuterRef("pk"), effective_on__lt=period.starts_on).order_by(
        "-effective_on", "-created_at", "-pk"
    )
    held = _held_activities(reader, PartnerAdministration.objects.all(), period).filter(partner=OuterRef("pk"))
    side_meetings = (
        SideMeeting.objects.visible_to(reader)
        .filter(partner=OuterRef("pk"), held_on__range=(period.starts_on, period.ends_on))
        .order_by()
        .values("partner")
        .annotate(n=Count("pk"))
    )
    return covered.annotate(
        current_stage=Subquery(at_end.values("stage")[:1]),
        current_health=Subquery(at_end.values("health")[:1]),
        status_effective_on=Subquery(at_end.values("effective_on")[:1]),
        stage_before=Subquery(before.values("stage")[:1]),
        health_before=Subquery(before.values("health")[:1]),
        activity_count=Coalesce(Subquery(held.order_by().values("partner").annotate(n=Count("pk")).values("n")), 0),
        side_meeting_count=Coalesce(Subquery(side_meetings.values("n")), 0),
    )


def _held_activities(reader, covered, period: Period) -> QuerySet:
    """Activities of the covered administrations that took place in the period: started by its end and over (or
    started) on or after its start, and not cancelled."""
    return (
        Activity.objects.visible_to(reader)
        .filter(partner__in=covered, actual_start_on__lte=period.ends_on)
        .exclude(status__in=[ActivityStatus.CANCELLED, ActivityStatus.POSTPONED])
        .annotate(done_on=Coalesce("actual_end_on", "actual_start_on"))
        .filter(done_on__gte=period.starts_on)
    )


def _plans_in_period(reader, period: Period) -> QuerySet:
    return CountryPlan.objects.visible_to(reader).filter(starts_on__lte=period.ends_on, ends_on__gte=period.starts_on)


def _attach_details(partners: list[PartnerAdministration], period: Period, reader) -> None:
    """Give each administration its status changes in the period (`changes`) and the results framework of its
    latest plan in force during the period (`plan`, `outcome_list`, `indicator_list`). Six queries, whether or not
    the page's administrations have a plan: each level is read by a subquery of the one above, not by a prefetch,
    which Django skips when the level above is empty (a page of administrations without a plan was four queries
    fewer, and the benchmark compares the counts of the heaviest pages)."""
    ids = [partner.pk for partner in partners]
    changes: dict[int, list] = {}
    for change in (
        StatusChange.objects.visible_to(reader)
        .filter(partner__in=ids, effective_on__range=(period.starts_on, period.ends_on))
        .order_by("effective_on", "created_at", "pk")
    ):
        changes.setdefault(change.partner_id, []).append(change)
    plans_read = _plans_in_period(reader, period).filter(partner__in=ids)
    plans: dict[int, CountryPlan] = {}
    for plan in plans_read.order_by("partner", "-starts_on", "-version", "-pk"):
        plans.setdefault(plan.partner_id, plan)
    outcomes_read = Outcome.objects.visible_to(reader).filter(plan__in=plans_read.values("pk"))
    indicators_read = Indicator.objects.visible_to(reader).filter(outcome__in=outcomes_read.values("pk"))
    factors = _grouped(
        Outcome.factors.through.objects.filter(outcome__in=outcomes_read.values("pk"))
        .select_related("integrityfactor")
        .order_by("integrityfactor__number"),
        "outcome_id",
    )
    values = _grouped(
        IndicatorValue.objects.visible_to(reader)
        .filter(indicator__in=indicators_read.values("pk"), period__in=period.years)
        .order_by("period"),
        "indicator_id",
    )
    indicators = _grouped(indicators_read.order_by("position", "pk"), "outcome_id")
    outcomes = _grouped(outcomes_read.order_by("position", "pk"), "plan_id")
    for partner in partners:
        partner.changes = changes.get(partner.pk, [])
        partner.plan = plans.get(partner.pk)
        partner.outcome_list = outcomes.get(partner.plan.pk, []) if partner.plan else []
        partner.indicator_list = []
        for outcome in partner.outcome_list:
            outcome.factor_list = [link.integrityfactor for link in factors.get(outcome.pk, [])]
            for indicator in indicators.get(outcome.pk, []):
                indicator.value_list = values.get(indicator.pk, [])
                _attach_cells(indicator, period)
                indicator.outcome_title = outcome.title
                partner.indicator_list.append(indicator)


def _grouped(queryset: QuerySet, key: str) -> dict[int, list]:
    """The rows of `queryset` by the value of their field `key`, in the queryset's order (one query)."""
    groups: dict[int, list] = {}
    for row in queryset:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def _attach_cells(indicator: Indicator, period: Period) -> None:
    """`value_list` (the values of the period's years), `cells` (one per year, None where none) and `reading`; the
    values are read from `value_list` when it is set already, else from the prefetched `values`."""
    if not hasattr(indicator, "value_list"):
        indicator.value_list = list(indicator.values.all())
    indicator.value_list = [value for value in indicator.value_list if value.period in period.years]
    by_year = {value.period: value for value in indicator.value_list}
    indicator.cells = [by_year.get(year) for year in period.years]
    indicator.reading = latest_reading(
        direction=indicator.direction, baseline=indicator.baseline, values=indicator.value_list
    )


def _programme_indicators(period: Period) -> list[Indicator]:
    """The programme-level indicators with their values in the period's years (two queries)."""
    indicators = list(programme_indicators())
    for indicator in indicators:
        _attach_cells(indicator, period)
    return indicators


def _factor_rows(reader, covered, period: Period) -> list[dict]:
    """Per integrity factor: how many outcomes of the covered administrations' plans in force in the period serve
    it, and in how many administrations. Two queries."""
    plans = _plans_in_period(reader, period).filter(partner__in=covered)
    counts = {
        row["factors"]: row
        for row in Outcome.objects.visible_to(reader)
        .filter(plan__in=plans, factors__isnull=False)
        .values("factors")
        .annotate(outcomes=Count("pk", distinct=True), partners=Count("plan__partner", distinct=True))
        .order_by()
    }
    return [
        {
            "factor": factor,
            "outcomes": counts.get(factor.pk, {}).get("outcomes", 0),
            "partners": counts.get(factor.pk, {}).get("partners", 0),
        }
        for factor in IntegrityFactor.objects.order_by("number")
    ]


def _meetings_held(reader, covered, period: Period, *, limit: int | None) -> tuple[list[Meeting], int]:
    """The first `limit` (or every) meeting in the period that a covered administration attended or met the programme
    team at, each with those administrations (`covered_attendances`) and how many side meetings they had there; and
    how many such meetings there are. Three queries, whether or not there are meetings (the attendances are read by
    a subquery, not a prefetch that an empty list skips)."""
    attendances = Attendance.objects.visible_to(reader).filter(partner__in=covered)
    met = SideMeeting.objects.visible_to(reader).filter(partner__in=covered)
    held = (
        Meeting.objects.visible_to(reader)
        .filter(starts_on__lte=period.ends_on, ends_on__gte=period.starts_on)
        .filter(Q(pk__in=attendances.values("meeting_id")) | Q(pk__in=met.values("meeting_id")))
    )
    ordered = held.annotate(
        covered_side_meetings=Coalesce(
            Subquery(
                met.filter(meeting=OuterRef("pk")).order_by().values("meeting").annotate(n=Count("pk")).values("n")
            ),
            0,
        )
    ).order_by("starts_on", "title")
    listed = ordered if limit is None else ordered[:limit]
    meetings = list(listed)
    count = held.count()
    by_meeting: dict[int, list] = {}
    for attendance in (
        attendances.filter(meeting__in=listed.values("pk")).select_related("partner").order_by("partner__country_name")
    ):
        by_meeting.setdefault(attendance.meeting_id, []).append(attendance)
    for meeting in meetings:
        meeting.covered_attendances = by_meeting.get(meeting.pk, [])
    return meetings, count
