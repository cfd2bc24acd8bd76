"""Reads behind the programme dashboard: every block is computed from one filtered partner set, in the database.

Each function takes the partner queryset (already scoped with `visible_to(user)` and narrowed by the dashboard's
filters) and answers with a fixed number of queries, whatever the number of partners, meetings or commitments:
counts are `GROUP BY` queries, the latest assessment and the status at each year end are correlated subqueries, and
Python only shapes the few aggregated rows for the page.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import ExtractYear, RowNumber
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from acip.lib.queries import count_of
from acip.models import Donor, IntegrityFactor, Region
from acip.reference import translated
from meetings.models import Attendance, Commitment, Meeting, Owner
from partners.models import (
    Assessment,
    AssessmentScore,
    Cohort,
    Health,
    PartnerAdministration,
    RespondentGroup,
    Stage,
    StatusChange,
)

UPCOMING_DAYS = 90
#: Stages whose status page is no longer expected to change: they are left out of the "not updated" block.
#: Heatmap bands: a score falls in the band of the highest lower bound it reaches.
HEAT_BANDS = (80, 60, 40, 20, 0)
NO_STATUS = "none"


@dataclass(frozen=True)
class Bar:
    """One bar of a chart and one row of its table."""

    key: str
    label: str
    count: int


def chart_data(bars: list[Bar], *, title: str, axis: str) -> dict:
    """The JSON a bar chart of static/js/dashboard-charts.js reads."""
    return {
        "title": str(title),
        "axis": str(axis),
        "value_axis": str(_("Partner administrations")),
        "labels": [str(bar.label) for bar in bars],
        "keys": [bar.key for bar in bars],
        "data": [bar.count for bar in bars],
    }


# ---------------------------------------------------------------------------------------------------------------
# Partners by stage, health, region, cohort and donor


@dataclass
class StatusCounts:
    by_stage: list[Bar]
    by_health: list[Bar]
    total: int


def status_counts(partners: QuerySet) -> StatusCounts:
    """Partners by current stage and by current health (one `GROUP BY` over both)."""
    rows = (
        partners.with_current_status()
        .order_by()
        .values("current_stage", "current_health")
        .annotate(n=Count("pk"))
        .values_list("current_stage", "current_health", "n")
    )
    stages, healths = Counter(), Counter()
    for stage, health, n in rows:
        stages[stage or NO_STATUS] += n
        healths[health or NO_STATUS] += n
    return StatusCounts(
        by_stage=_bars(Stage.choices, stages),
        by_health=_bars(Health.choices, healths),
        total=sum(stages.values()),
    )


def _bars(choices, counts: Counter) -> list[Bar]:
    bars = [Bar(value, label, counts[value]) for value, label in choices]
    if counts[NO_STATUS]:
        bars.append(Bar(NO_STATUS, _("No status recorded"), counts[NO_STATUS]))
    return bars


def partners_by_region(partners: QuerySet) -> list[Bar]:
    """All six regions, with how many of the partners are in each (zero included, so charts keep their shape)."""
    rows = Region.objects.annotate(n=Count("partners", filter=Q(partners__in=partners.values("pk")))).values_list(
        "pk", "name", "n"
    )
    return [Bar(str(pk), translated(name), n) for pk, name, n in rows]


def partners_by_cohort(partners: QuerySet) -> list[Bar]:
    counts = Counter(dict(partners.order_by().values("cohort").annotate(n=Count("pk")).values_list("cohort", "n")))
    return [Bar(value, label, counts[value]) for value, label in Cohort.choices]


def partners_by_donor(partners: QuerySet) -> list[Bar]:
    """How many of the partners each donor's agreements cover (a country covered by two donors counts for both),
    and how many no agreement covers."""
    covered = Q(agreements__partners__in=partners.values("pk"))
    rows = Donor.objects.annotate(n=Count("agreements__partners", filter=covered, distinct=True)).values_list(
        "pk", "short_name", "n"
    )
    bars = [Bar(str(pk), name, n) for pk, name, n in rows]
    uncovered = partners.filter(funding_agreements__isnull=True).count()
    if uncovered:
        bars.append(Bar(NO_STATUS, _("No funding agreement"), uncovered))
    return bars


@dataclass
class HealthGroup:
    key: str
    label: str
    count: int
    #: the partner list filtered to the same administrations (None for those with no status, which it cannot filter)
    url: str | None


#: The dashboard filters that mean the same thing on the partner list (see filters.py), carried by the cards' links.
SHARED_FILTERS = ("region", "cohort", "donor")


def health_at_a_glance(partners: QuerySet, *, today: datetime.date, query) -> list[HealthGroup]:
    """How many of the partners still in the programme are on track, at risk and off track (one `GROUP BY`), each
    with a link to the partner list filtered the same way; a completed or exited administration is not counted."""
    rows = (
        partners.in_programme(today)
        .order_by()
        .values("current_health")
        .annotate(n=Count("pk"))
        .values_list("current_health", "n")
    )
    healths = Counter()
    for health, n in rows:
        healths[health or NO_STATUS] += n

    def url(key):
        return None if key == NO_STATUS else partner_list_url(query, health=key, membership="current")

    return [HealthGroup(bar.key, bar.label, bar.count, url(bar.key)) for bar in _bars(Health.choices, healths)]


def partner_list_url(query, **params) -> str:
    """The partner list filtered as the dashboard is (`SHARED_FILTERS` of its `query`), and by `params`."""
    shared = {name: query[name] for name in SHARED_FILTERS if query.get(name)}
    return f"{reverse('partners:list')}?{urlencode({**shared, **params})}"


# ---------------------------------------------------------------------------------------------------------------
# Heatmap: latest assessment against the ten factors


@dataclass
class HeatCell:
    factor: IntegrityFactor
    score: Decimal | None
    # The score as shown, and the words of a cell without one, are worked out here and the row is written by one
    # tag (acip/templatetags/grids.py): at the size of the whole WCO the heatmap has 1,860 cells, and template
    # tags per cell made it most of the page's time.
    text: str = "–"
    label: str = ""

    @property
    def band(self) -> str:
        if self.score is None:
            return "none"
        return str(next(bound for bound in HEAT_BANDS if self.score >= bound))


@dataclass
class HeatRow:
    partner: PartnerAdministration
    assessment: Assessment
    cells: list[HeatCell]
    url: str = ""


@dataclass
class Heatmap:
    group: str
    group_label: str
    factors: list[IntegrityFactor]
    rows: list[HeatRow]


def heatmap(partners: QuerySet, user, *, group: str) -> Heatmap:
    """Each partner's latest assessment that has scores for `group`, against the ten factors (three queries).

    "Latest" is the most recent start date; an assessment without scores for the group (a diagnostic with findings
    only, or a round that surveyed only the other group) does not hide the last one that had them.
    """
    scores = AssessmentScore.objects.visible_to(user).filter(group=group)
    latest = (
        Assessment.objects.visible_to(user)
        .filter(partner=OuterRef("pk"))
        .filter(Exists(scores.filter(assessment=OuterRef("pk"))))
        .order_by("-started_on", "-pk")
        .values("pk")[:1]
    )
    latest_ids = partners.order_by().annotate(latest_assessment=Subquery(latest)).values("latest_assessment")
    assessments = list(
        Assessment.objects.visible_to(user)
        .filter(pk__in=latest_ids)
        .select_related("partner")
        .only("title", "kind", "started_on", "partner__slug", "partner__country_name")
        .order_by("partner__country_name")
    )
    by_assessment = defaultdict(dict)
    # In no order (they go into a dict): the model's ordering by country name is a collated sort of every score.
    for assessment_id, factor_id, score in (
        scores.filter(assessment__in=[a.pk for a in assessments])
        .order_by()
        .values_list("assessment_id", "factor_id", "score")
    ):
        by_assessment[assessment_id][factor_id] = score
    factors = list(IntegrityFactor.objects.order_by("number"))
    cell = _HeatCellMaker()
    rows = [
        HeatRow(
            partner=assessment.partner,
            assessment=assessment,
            cells=[cell(f, by_assessment[assessment.pk].get(f.pk)) for f in factors],
            url=assessment.partner.get_absolute_url(),
        )
        for assessment in assessments
    ]
    return Heatmap(group=group, group_label=RespondentGroup(group).label, factors=factors, rows=rows)


def one_decimal(value: Decimal, separator: str) -> str:
    """`value` as `floatformat:"-1"` shows it: rounded half up to one decimal, none when it is whole, with the
    language's decimal `separator` (`get_format("DECIMAL_SEPARATOR")`, looked up once by the caller)."""
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return str(int(rounded))
    return f"{rounded:f}".replace(".", separator)


class _HeatCellMaker:
    """Makes the heatmap's cells, with the translation and the decimal separator looked up once per heatmap rather
    than once per cell. The row and column headers name the administration and the factor (for a screen reader
    too), so a cell holds only its score; one without says so in words."""

    def __init__(self):
        self.unscored = gettext("no score")
        self.separator = get_format("DECIMAL_SEPARATOR")

    def __call__(self, factor: IntegrityFactor, score: Decimal | None) -> HeatCell:
        if score is None:
            return HeatCell(factor, None, label=self.unscored)
        return HeatCell(factor, score, one_decimal(score, self.separator))


# ---------------------------------------------------------------------------------------------------------------
# Stage and health over time, from the effective-dated status history


@dataclass
class Timeline:
    years: list[int]
    #: (value, label, counts per year) for each stage and each health
    stages: list[tuple[str, str, list[int]]] = field(default_factory=list)
    healths: list[tuple[str, str, list[int]]] = field(default_factory=list)
    #: how many administrations were in the programme (`PartnerQuerySet.active_on`) at each year end: the headcount
    active: list[int] = field(default_factory=list)

    @property
    def active_rows(self) -> list[tuple[int, int]]:
        return list(zip(self.years, self.active, strict=True))

    @property
    def stage_rows(self) -> list[tuple[int, list[int]]]:
        """The table under the chart: one row per year, one count per stage."""
        return [(year, [counts[i] for _, _, counts in self.stages]) for i, year in enumerate(self.years)]

    @property
    def health_rows(self) -> list[tuple[int, list[int]]]:
        return [(year, [counts[i] for _, _, counts in self.healths]) for i, year in enumerate(self.years)]


def status_over_time(partners: QuerySet, *, today: datetime.date) -> Timeline:
    """How many partners were at each stage and health at the end of each year (this year: today), from the
    effective-dated status history. Two queries, whatever the years: each partner's last status change of each year
    (a window over the history), carried forward here over the years without a change; then the headcount of each
    year end, one filtered count per year."""
    last_of_year = (
        StatusChange.objects.filter(partner__in=partners.values("pk"), effective_on__lte=today)
        .annotate(year=ExtractYear("effective_on"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("partner_id"), F("year")],
                order_by=[F("effective_on").desc(), F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank=1)
        .order_by()
        .values_list("partner_id", "year", "stage", "health")
    )
    by_partner: dict[int, dict[int, tuple[str, str]]] = defaultdict(dict)
    for partner_id, year, stage, health in last_of_year:
        by_partner[partner_id][year] = (stage, health)
    if not by_partner:
        return Timeline(years=[])
    years = list(range(min(min(by_year) for by_year in by_partner.values()), today.year + 1))
    stages, healths = defaultdict(Counter), defaultdict(Counter)
    for by_year in by_partner.values():
        status = None  # a partner with no status yet that year is not counted
        for year in years:
            status = by_year.get(year, status)
            if status is not None:
                stages[status[0]][year] += 1
                healths[status[1]][year] += 1
    return Timeline(
        years=years,
        active=_active_at_year_ends(partners, years, today=today),
        stages=[(value, label, [stages[value][year] for year in years]) for value, label in Stage.choices],
        healths=[(value, label, [healths[value][year] for year in years]) for value, label in Health.choices],
    )


def _active_at_year_ends(partners: QuerySet, years: list[int], *, today: datetime.date) -> list[int]:
    """The headcount at each year end (this year: today), with its one definition (`PartnerQuerySet.active_on`):
    one query of a filtered count per year."""
    model = partners.model
    days = {year: min(datetime.date(year, 12, 31), today) for year in years}
    counts = partners.order_by().aggregate(
        **{
            f"active_{year}": Count("pk", filter=Q(pk__in=model.objects.active_on(day).values("pk")))
            for year, day in days.items()
        }
    )
    return [counts[f"active_{year}"] for year in years]


# ---------------------------------------------------------------------------------------------------------------
# Overdue commitments, coming meetings, pages not updated


#: How many rows the dashboard's lists show (overdue commitments by owner and by administration, stale pages): each
#: grows with the data, so each shows its first rows, says how many more there are and links to a list of them all.
LIST_LIMIT = 10


class Cut(list):
    """The first `limit` of `rows`, with `total`, how many there are in all, and `more`, how many are left out."""

    def __init__(self, rows, limit: int | None = None):
        rows = list(rows)
        super().__init__(rows[: LIST_LIMIT if limit is None else limit])
        self.total = len(rows)

    @property
    def more(self) -> int:
        return self.total - len(self)


@dataclass
class OverdueCommitments:
    total: int
    #: the owners with the most overdue commitments first, and the administrations likewise (`Cut`s)
    by_owner: Cut
    by_partner: Cut


def overdue_commitments(partners: QuerySet, user, *, today: datetime.date) -> OverdueCommitments:
    """Open commitments past their due date, counted by owner (side and person) and by administration."""
    overdue = Commitment.objects.visible_to(user).overdue(today).filter(partner__in=partners.values("pk")).order_by()
    by_owner = list(
        overdue.with_owner_name(user)
        .values("owner", "owner_contact__name", "owner_user__username", person=F("owner_name"))
        .annotate(n=Count("pk"), oldest=Min("due_on"))
        .order_by("-n", "owner", "owner_contact__name", "owner_user__username")
    )
    by_owner = Cut(by_owner)
    for row in by_owner:
        row["owner_label"] = Owner(row["owner"]).label
    by_partner = list(
        overdue.values("partner__slug", "partner__country_name")
        .annotate(n=Count("pk"), oldest=Min("due_on"))
        .order_by("-n", "partner__country_name")
    )
    return OverdueCommitments(total=sum(row["n"] for row in by_partner), by_owner=by_owner, by_partner=Cut(by_partner))


def upcoming_meetings(partners: QuerySet, user, *, today: datetime.date, is_filtered: bool) -> list[Meeting]:
    """Meetings under way or starting in the next 90 days, with how many of the partners attend.

    Unfiltered, every meeting shows (a meeting is often planned before anyone is recorded as attending); once the
    dashboard is filtered, only meetings that one of the filtered partners attends.
    """
    attending = Attendance.objects.filter(partner__in=partners.values("pk"))
    meetings = Meeting.objects.visible_to(user).filter(
        starts_on__lte=today + datetime.timedelta(days=UPCOMING_DAYS), ends_on__gte=today
    )
    if is_filtered:
        meetings = meetings.filter(Exists(attending.filter(meeting=OuterRef("pk"))))
    return list(meetings.annotate(attending_count=count_of(attending, "meeting")).order_by("starts_on", "title"))


def stale_partners(partners: QuerySet, *, today: datetime.date, days: int) -> Cut:
    """Partners still in the programme whose latest programme event is older than `days` (or who have none), the
    oldest first, with their focal point: `PartnerQuerySet.stale()`, the one definition that reminders and the
    partner list share. The first LIST_LIMIT of them, with how many there are in all."""
    return Cut(
        partners.stale(today=today, days=days)
        .select_related("focal_point")
        .only(
            "pk", "slug", "country_name", "focal_point__first_name", "focal_point__last_name", "focal_point__username"
        )
    )


# ---------------------------------------------------------------------------------------------------------------
# Charts


def dashboard_charts(*, counts: StatusCounts, by_region, by_cohort, by_donor, timeline: Timeline) -> dict:
    """The JSON of every dashboard chart; each figure here is also in the table under its chart."""
    return {
        "stage": chart_data(counts.by_stage, title=_("Partners by current stage"), axis=_("Stage")),
        "health": chart_data(counts.by_health, title=_("Partners by current health"), axis=_("Health")),
        "region": chart_data(by_region, title=_("Partners by WCO region"), axis=_("Region")),
        "cohort": chart_data(by_cohort, title=_("Partners by cohort"), axis=_("Cohort")),
        "donor": chart_data(by_donor, title=_("Partners covered by each donor"), axis=_("Donor")),
        "stage_over_time": _series_chart(
            timeline, timeline.stages, title=_("Partners by stage at the end of each year")
        ),
        "health_over_time": _series_chart(
            timeline, timeline.healths, title=_("Partners by health at the end of each year")
        ),
    }


def _series_chart(timeline: Timeline, series, *, title: str) -> dict:
    return {
        "title": str(title),
        "axis": str(_("Year")),
        "value_axis": str(_("Partner administrations")),
        "labels": [str(year) for year in timeline.years],
        "stacked": True,
        "datasets": [{"key": value, "label": str(label), "data": counts} for value, label, counts in series],
    }
