"""Reads behind the programme dashboard: every block is computed from one filtered partner set, in the database.

Each function takes the partner queryset (already scoped with `visible_to(user)` and narrowed by the dashboard's
filters) and answers with a fixed number of queries, whatever the number of partners, meetings or commitments:
counts are `GROUP BY` queries, the latest assessment and the status at each year end are correlated subqueries, and
Python only shapes the few aggregated rows for the page.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from acip.models import Donor, IntegrityFactor, Region
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
CLOSED_STAGES = (Stage.COMPLETED, Stage.EXITED)
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
    return [Bar(str(pk), name, n) for pk, name, n in rows]


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
    partners: list[PartnerAdministration]


def health_at_a_glance(partners: QuerySet, counts: StatusCounts) -> list[HealthGroup]:
    """How many partners are on track, at risk and off track, and which: one row per partner, names and links."""
    listed = (
        partners.with_current_status()
        .filter(current_health__isnull=False)
        .only("pk", "slug", "country_name")
        .order_by("country_name")
    )
    which = defaultdict(list)
    for partner in listed:
        which[partner.current_health].append(partner)
    return [HealthGroup(bar.key, bar.label, bar.count, which[bar.key]) for bar in counts.by_health]


# ---------------------------------------------------------------------------------------------------------------
# Heatmap: latest assessment against the ten factors


@dataclass
class HeatCell:
    factor: IntegrityFactor
    score: Decimal | None
    # The score as shown and the cell's accessible name are worked out here, not in the template: at the size of
    # the whole WCO the heatmap has 1,860 cells, and template tags per cell made it most of the page's time.
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
    for assessment_id, factor_id, score in scores.filter(assessment__in=[a.pk for a in assessments]).values_list(
        "assessment_id", "factor_id", "score"
    ):
        by_assessment[assessment_id][factor_id] = score
    factors = list(IntegrityFactor.objects.order_by("number"))
    cell = _HeatCellMaker()
    rows = [
        HeatRow(
            partner=assessment.partner,
            assessment=assessment,
            cells=[cell(assessment.partner, f, by_assessment[assessment.pk].get(f.pk)) for f in factors],
            url=assessment.partner.get_absolute_url(),
        )
        for assessment in assessments
    ]
    return Heatmap(group=group, group_label=RespondentGroup(group).label, factors=factors, rows=rows)


class _HeatCellMaker:
    """Makes the heatmap's cells, with the translations and the decimal separator looked up once per heatmap rather
    than once per cell. A score shows as `floatformat:"-1"` would show it: one decimal, none when it is whole."""

    def __init__(self):
        self.scored = gettext("%(partner)s, %(factor)s: %(score)s")
        self.unscored = gettext("%(partner)s, %(factor)s: no score")
        self.separator = get_format("DECIMAL_SEPARATOR")

    def __call__(self, partner: PartnerAdministration, factor: IntegrityFactor, score: Decimal | None) -> HeatCell:
        names = {"partner": partner.country_name, "factor": factor.name}
        if score is None:
            return HeatCell(factor, None, label=self.unscored % names)
        rounded = score.quantize(Decimal("0.1"))
        if rounded == rounded.to_integral_value():
            text = str(int(rounded))
        else:
            text = f"{rounded:f}".replace(".", self.separator)
        return HeatCell(factor, score, text, self.scored % {**names, "score": text})


# ---------------------------------------------------------------------------------------------------------------
# Stage and health over time, from the effective-dated status history


@dataclass
class Timeline:
    years: list[int]
    #: (value, label, counts per year) for each stage and each health
    stages: list[tuple[str, str, list[int]]] = field(default_factory=list)
    healths: list[tuple[str, str, list[int]]] = field(default_factory=list)

    @property
    def stage_rows(self) -> list[tuple[int, list[int]]]:
        """The table under the chart: one row per year, one count per stage."""
        return [(year, [counts[i] for _, _, counts in self.stages]) for i, year in enumerate(self.years)]

    @property
    def health_rows(self) -> list[tuple[int, list[int]]]:
        return [(year, [counts[i] for _, _, counts in self.healths]) for i, year in enumerate(self.years)]


def status_over_time(partners: QuerySet, *, today: datetime.date) -> Timeline:
    """How many partners were at each stage and health at the end of each year (this year: today), from the
    effective-dated status history. Two queries: the first year, then one UNION of a `GROUP BY` per year end, each
    reading every partner's latest status on or before that day."""
    first = StatusChange.objects.filter(partner__in=partners.values("pk"), effective_on__lte=today).aggregate(
        first=Min("effective_on")
    )["first"]
    if first is None:
        return Timeline(years=[])
    years = list(range(first.year, today.year + 1))
    per_year = [_status_at(partners, year, min(datetime.date(year, 12, 31), today)) for year in years]
    rows = per_year[0].union(*per_year[1:], all=True) if len(per_year) > 1 else per_year[0]
    stages, healths = defaultdict(Counter), defaultdict(Counter)
    for row in rows:
        stages[row["stage_at"]][row["year"]] += row["n"]
        healths[row["health_at"]][row["year"]] += row["n"]
    return Timeline(
        years=years,
        stages=[(value, label, [stages[value][year] for year in years]) for value, label in Stage.choices],
        healths=[(value, label, [healths[value][year] for year in years]) for value, label in Health.choices],
    )


def _status_at(partners: QuerySet, year: int, day: datetime.date) -> QuerySet:
    latest = StatusChange.objects.filter(partner=OuterRef("pk"), effective_on__lte=day).order_by(
        "-effective_on", "-created_at", "-pk"
    )
    return (
        partners.order_by()
        .annotate(
            year=Value(year),
            stage_at=Subquery(latest.values("stage")[:1]),
            health_at=Subquery(latest.values("health")[:1]),
        )
        # Partners with no status yet that day fall in a group of their own (stage None), which the counts skip:
        # filtering them out here would run the stage subquery a third time for every partner and year.
        .values("year", "stage_at", "health_at")
        .annotate(n=Count("pk"))
    )


# ---------------------------------------------------------------------------------------------------------------
# Overdue commitments, coming meetings, pages not updated


@dataclass
class OverdueCommitments:
    total: int
    by_owner: list[dict]
    by_partner: list[dict]


def overdue_commitments(partners: QuerySet, user, *, today: datetime.date) -> OverdueCommitments:
    """Open commitments past their due date, counted by owner (side and person) and by administration."""
    overdue = Commitment.objects.visible_to(user).overdue(today).filter(partner__in=partners.values("pk")).order_by()
    by_owner = list(
        overdue.values(
            "owner",
            "owner_user__username",
            "owner_user__first_name",
            "owner_user__last_name",
            "owner_contact__name",
        )
        .annotate(n=Count("pk"), oldest=Min("due_on"))
        .order_by("-n", "owner", "owner_contact__name", "owner_user__username")
    )
    for row in by_owner:
        full_name = f"{row['owner_user__first_name'] or ''} {row['owner_user__last_name'] or ''}".strip()
        row["person"] = row["owner_contact__name"] or full_name or row["owner_user__username"] or ""
        row["owner_label"] = Owner(row["owner"]).label
    by_partner = list(
        overdue.values("partner__slug", "partner__country_name")
        .annotate(n=Count("pk"), oldest=Min("due_on"))
        .order_by("-n", "partner__country_name")
    )
    return OverdueCommitments(total=sum(row["n"] for row in by_partner), by_owner=by_owner, by_partner=by_partner)


def upcoming_meetings(partners: QuerySet, user, *, today: datetime.date, is_filtered: bool) -> list[Meeting]:
    """Meetings under way or starting in the next 90 days, with how many of the partners attend.

    Unfiltered, every meeting shows (a meeting is often planned before anyone is recorded as attending); once the
    dashboard is filtered, only meetings that one of the filtered partners attends.
    """
    attending = Attendance.objects.filter(meeting=OuterRef("pk"), partner__in=partners.values("pk"))
    meetings = Meeting.objects.visible_to(user).filter(
        starts_on__lte=today + datetime.timedelta(days=UPCOMING_DAYS), ends_on__gte=today
    )
    if is_filtered:
        meetings = meetings.filter(Exists(attending))
    count = attending.order_by().values("meeting").annotate(n=Count("pk")).values("n")
    return list(meetings.annotate(attending_count=Coalesce(Subquery(count), 0)).order_by("starts_on", "title"))


def stale_partners(partners: QuerySet, user, *, today: datetime.date, days: int) -> list[PartnerAdministration]:
    """Partners still in the programme whose page has had no update (to any record `user` may see) for `days`."""
    cutoff = today - datetime.timedelta(days=days)
    stale = list(
        partners.with_current_status()
        .with_last_update(user)
        .filter(Q(current_stage__isnull=True) | ~Q(current_stage__in=CLOSED_STAGES))
        .filter(last_updated_at__date__lt=cutoff)
        .only("pk", "slug", "country_name")
        .order_by(F("last_updated_at").asc(), "country_name")
    )
    for partner in stale:
        partner.stage_label = Stage(partner.current_stage).label if partner.current_stage else None
    return stale


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
