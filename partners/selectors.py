"""Reads that compose the country status page, and the lists of this app: the partner list and the lists that only
an export shows (activities, indicator values, status changes).

Each list's selector answers its filterset, bound to the query string: `.qs` holds the rows, for the page and for
its CSV/Excel export (partners/exports.py) alike, and `.form` the filters for the page.

Every read asks the access layer (`visible_to(user)`) and preloads what the template shows, so that a page makes
the same number of queries whether a country has three status changes or three hundred. Where the page needs a
figure worked out from several rows (the on-track reading, the factor profile, late activities), it is worked out
here, once, in Python over rows already loaded.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Prefetch, Window
from django.utils.translation import gettext_lazy as _

from acip.access import donors_visible_to, knows_of_donors
from acip.lib.history import HistoryEntry, latest_changes, person_name
from acip.models import Donor, IntegrityFactor
from acip.roles import membership_of
from partners.filters import ActivityFilter, IndicatorValueFilter, PartnerFilter, StatusChangeFilter
from partners.indicators import Progress, latest_reading
from partners.models import (
    Activity,
    ActivityStatus,
    Assessment,
    AssessmentScore,
    Contact,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    RespondentGroup,
    Stage,
    StatusChange,
)

#: The programme journey, in order; `suspended` and `exited` are states outside it.
JOURNEY = [
    Stage.PROSPECTIVE,
    Stage.SCOPING,
    Stage.PLANNING,
    Stage.IMPLEMENTATION,
    Stage.MONITORING,
    Stage.COMPLETED,
]
FINISHED = (ActivityStatus.COMPLETED, ActivityStatus.CANCELLED)
#: How many changes the staff-only history section shows per kind of record.
HISTORY_LIMIT = 15
#: How many earlier status changes the country page's timeline shows, the newest first; the status-change export
#: (`exports:status_changes?partner=<slug>`) holds them all.
EARLIER_STATUS_LIMIT = 10
#: How many of an indicator's latest years the country page shows (and the judged year, when older); the indicator
#: values export holds every year.
INDICATOR_YEARS = 3
#: How many done or cancelled activities the page lists, the newest first; the activities export holds them all.
DONE_ACTIVITY_LIMIT = 10


# ---------------------------------------------------------------------------------------------------------------
# The lists


def partner_rows(request) -> PartnerFilter:
    user = request.user
    partners = (
        PartnerAdministration.objects.visible_to(user)
        .select_related("region", "programme")
        .with_current_status()
        .with_last_event(user=user)
        .with_open_commitment_count(user)
        .with_donors(user)
    )
    return PartnerFilter(request.GET or None, queryset=partners, request=request)


def activity_rows(request) -> ActivityFilter:
    user = request.user
    activities = Activity.objects.visible_to(user).select_related("partner").with_related_visible_to(user, "outcome")
    return ActivityFilter(request.GET or None, queryset=activities, request=request)


def indicator_value_rows(request) -> IndicatorValueFilter:
    values = (
        IndicatorValue.objects.visible_to(request.user)
        .select_related("indicator__outcome__plan__partner", "indicator__programme")
        .order_by("indicator__outcome__plan__partner__country_name", "indicator__position", "indicator__pk", "period")
    )
    return IndicatorValueFilter(request.GET or None, queryset=values, request=request)


def status_change_rows(request) -> StatusChangeFilter:
    statuses = StatusChange.objects.visible_to(request.user).select_related("partner", "recorded_by")
    return StatusChangeFilter(request.GET or None, queryset=statuses, request=request)


def label_current_status(partners) -> list[PartnerAdministration]:
    """Give each administration of a page of the list the labels of its current stage and health, which
    `with_current_status()` annotates as raw values. Returns them as a list (the page's rows, loaded once)."""
    partners = list(partners)
    for partner in partners:
        partner.donor_names = sorted({agreement.donor.short_name for agreement in partner.funding_agreements.all()})
    return partners


# ---------------------------------------------------------------------------------------------------------------
# The status page


@dataclass
class JourneyStep:
    stage: Stage
    state: str  # "done", "current" or "todo"


@dataclass
class FactorGroup:
    factor: IntegrityFactor | None
    outcomes: list[Outcome]


@dataclass
class ProfileColumn:
    key: str  # "baseline", "previous" or "latest"
    label: str
    assessment: Assessment


@dataclass
class ProfileRow:
    factor: IntegrityFactor
    scores: list  # one score (or None) per column


@dataclass
class ProfileTable:
    group: str
    label: str
    rows: list[ProfileRow]


@dataclass
class FactorProfile:
    columns: list[ProfileColumn]
    tables: list[ProfileTable]
    chart: dict


@dataclass
class LastUpdate:
    when: datetime
    who: str


@dataclass
class StatusPage:
    partner: PartnerAdministration
    donors: list[Donor] | None
    current_status: StatusChange | None
    #: the latest EARLIER_STATUS_LIMIT statuses before the current one, newest first
    earlier_statuses: list[StatusChange]
    #: how many earlier statuses there are in all (the page says how many it leaves to the export)
    earlier_status_count: int
    journey: list[JourneyStep]
    plan: CountryPlan | None
    other_plans: list[CountryPlan]
    factor_groups: list[FactorGroup]
    progress_counts: list[tuple[Progress, int]]
    assessments: list[Assessment]
    profile: FactorProfile | None
    late_activities: list[Activity]
    coming_activities: list[Activity]
    #: the DONE_ACTIVITY_LIMIT latest done or cancelled, and how many there are in all
    done_activities: list[Activity]
    done_activity_count: int
    open_commitments: list
    last_meeting: object
    next_meeting: object
    contacts: list[Contact]
    last_update: LastUpdate | None
    last_event: date | None = None
    #: the latest confirmation of the page by the administration (acip.participation, through the reverse relation)
    confirmation: object = None
    history: list[HistoryEntry] = field(default_factory=list)


def partner_status_page(*, partner: PartnerAdministration, user, today: date, with_history: bool) -> StatusPage:
    """Everything the country status page shows, for `user`, in a fixed number of queries."""
    statuses, status_count = _statuses(partner, user)
    plans = list(partner.plans.visible_to(user))
    plan = plans[0] if plans else None
    outcomes = _outcomes(plan, user) if plan else []
    assessments = list(
        partner.assessments.visible_to(user)
        .prefetch_related(
            Prefetch("scores", queryset=AssessmentScore.objects.visible_to(user).select_related("factor"))
        )
        .order_by("started_on", "pk")
    )
    activities = list(partner.activities.visible_to(user).with_is_late(today).with_related_visible_to(user, "outcome"))
    done = [a for a in activities if a.status in FINISHED]
    meetings = partner.meetings.visible_to(user)
    return StatusPage(
        partner=partner,
        donors=_donors(partner, user),
        current_status=statuses[0] if statuses else None,
        earlier_statuses=statuses[1:],
        earlier_status_count=max(status_count - 1, 0),
        journey=_journey(statuses, partner, user, complete=len(statuses) == status_count),
        plan=plan,
        other_plans=plans[1:],
        factor_groups=_group_by_factor(outcomes),
        progress_counts=_progress_counts(outcomes),
        assessments=assessments[::-1],
        profile=_factor_profile(assessments),
        late_activities=[a for a in activities if a.is_late],
        coming_activities=[a for a in activities if not a.is_late and a.status not in FINISHED][::-1],
        done_activities=done[:DONE_ACTIVITY_LIMIT],
        done_activity_count=len(done),
        open_commitments=_open_commitments(partner, user, today),
        last_meeting=meetings.filter(ends_on__lt=today).order_by("-starts_on", "pk").first(),
        next_meeting=meetings.filter(ends_on__gte=today).order_by("starts_on", "pk").first(),
        contacts=list(partner.contacts.visible_to(user).coordinator_first()),
        last_update=last_update_of(partner, user),
        last_event=PartnerAdministration.objects.with_last_event(today=today, user=user)
        .filter(pk=partner.pk)
        .values_list("last_event", flat=True)
        .first(),
        confirmation=partner.confirmations.visible_to(user).select_related("confirmed_by").first(),
        history=status_and_indicator_history(partner) if with_history else [],
    )


@dataclass
class PlanSummary:
    """A country's current plan with its outcomes by integrity factor and each indicator's reading (the country
    page's plan section, for other pages that summarise it: the briefing pack)."""

    plan: CountryPlan | None
    factor_groups: list[FactorGroup]
    progress_counts: list[tuple[Progress, int]]


def plan_summary(partner: PartnerAdministration, user) -> PlanSummary:
    """The latest plan the user may see, with its outcomes and indicators, in a fixed number of queries."""
    plan = partner.plans.visible_to(user).first()
    outcomes = _outcomes(plan, user) if plan else []
    return PlanSummary(plan=plan, factor_groups=_group_by_factor(outcomes), progress_counts=_progress_counts(outcomes))


def _donors(partner: PartnerAdministration, user) -> list[Donor] | None:
    """The donors whose agreements cover the administration, of those the user may know of (a donor viewer their
    own, never another's); None for a user who may know of no donor, to whom the page does not speak of funding."""
    if not knows_of_donors(user):
        return None
    agreements = (
        partner.funding_agreements.filter(donor__in=donors_visible_to(user))
        .select_related("donor")
        .order_by("donor__short_name")
    )
    donors = {}
    for agreement in agreements:
        donors.setdefault(agreement.donor_id, agreement.donor)
    return list(donors.values())


def _statuses(partner: PartnerAdministration, user) -> tuple[list[StatusChange], int]:
    """The current status and the EARLIER_STATUS_LIMIT before it, newest first, each with the side meeting where it
    was agreed (as the user may see it) and, for staff alone, who recorded it (the exports' rule too); and how many
    statuses the user may see in all (a window count in the same query)."""
    # `side_meeting` is the reverse one-to-one from meetings.SideMeeting: reached here, never imported.
    staff = membership_of(user).sees_everything
    statuses = (
        partner.status_changes.visible_to(user)
        .with_related_visible_to(user, "side_meeting__meeting")
        .annotate(total=Window(Count("pk")))
    )
    statuses = list((statuses.select_related("recorded_by") if staff else statuses)[: EARLIER_STATUS_LIMIT + 1])
    for status in statuses:
        status.recorder_name = person_name(status.recorded_by) if staff and status.recorded_by else ""
        side_meeting = getattr(status, "side_meeting", None)
        status.side_meeting_link = (
            {"url": side_meeting.get_absolute_url(), "meeting": side_meeting.meeting, "held_on": side_meeting.held_on}
            if side_meeting
            else None
        )
    return statuses, statuses[0].total if statuses else 0


def _journey(statuses: list[StatusChange], partner, user, *, complete: bool) -> list[JourneyStep]:
    """The six stages with the one reached marked: the latest status on the journey (a suspension keeps the place
    where the administration stopped). `statuses` are the latest ones; when none of them is on the journey and
    there are older ones (`complete` false: a long suspension), one query finds the latest that is."""
    reached = next((s.stage for s in statuses if s.stage in JOURNEY), None)
    if reached is None and not complete:
        reached = partner.status_changes.visible_to(user).filter(stage__in=JOURNEY).values_list("stage", flat=True)
        reached = reached.first()
    position = JOURNEY.index(reached) if reached else -1
    steps = []
    for index, stage in enumerate(JOURNEY):
        state = "done" if index < position else "current" if index == position else "todo"
        steps.append(JourneyStep(stage=stage, state=state))
    return steps


def _outcomes(plan: CountryPlan, user) -> list[Outcome]:
    values = IndicatorValue.objects.visible_to(user).order_by("period")
    indicators = Indicator.objects.visible_to(user).prefetch_related(Prefetch("values", queryset=values))
    outcomes = list(
        Outcome.objects.visible_to(user)
        .filter(plan=plan)
        .prefetch_related(
            Prefetch("factors", queryset=IntegrityFactor.objects.order_by("number")),
            Prefetch("indicators", queryset=indicators),
        )
    )
    for outcome in outcomes:
        outcome.factor_list = list(outcome.factors.all())
        outcome.indicator_list = list(outcome.indicators.all())
        for indicator in outcome.indicator_list:
            indicator.value_list = list(indicator.values.all())
            indicator.reading = latest_reading(
                direction=indicator.direction, baseline=indicator.baseline, values=indicator.value_list
            )
            _recent_values(indicator)
    return outcomes


def _recent_values(indicator: Indicator) -> None:
    """`shown_values`: the values of the indicator's INDICATOR_YEARS latest years, and of the year it is judged on
    when that is older; `earlier_value_count`: how many the page leaves to the indicator values export."""
    years = sorted({value.period for value in indicator.value_list}, reverse=True)[:INDICATOR_YEARS]
    indicator.shown_values = [
        value for value in indicator.value_list if value.period in years or value.period == indicator.reading.period
    ]
    indicator.earlier_value_count = len(indicator.value_list) - len(indicator.shown_values)


def _group_by_factor(outcomes: list[Outcome]) -> list[FactorGroup]:
    """Outcomes under their first (lowest-numbered) factor; the page names the other factors each one serves."""
    groups: dict[int | None, FactorGroup] = {}
    for outcome in outcomes:
        first = outcome.factor_list[0] if outcome.factor_list else None
        key = first.number if first else None
        groups.setdefault(key, FactorGroup(factor=first, outcomes=[])).outcomes.append(outcome)
        outcome.other_factors = outcome.factor_list[1:]
    # Untagged outcomes come last.
    return sorted(groups.values(), key=lambda group: group.factor.number if group.factor else 99)


def _progress_counts(outcomes: list[Outcome]) -> list[tuple[Progress, int]]:
    counts = Counter(indicator.reading.progress for outcome in outcomes for indicator in outcome.indicator_list)
    return [(progress, counts[progress]) for progress in Progress if counts[progress]]


def _factor_profile(assessments: list[Assessment]) -> FactorProfile | None:
    """Latest round against the previous one and the baseline (the first), per factor and respondent group.

    `assessments` are oldest first; rounds without scores (a diagnostic with findings only) are left out.
    """
    rounds = []
    for assessment in assessments:
        assessment.score_map = {(s.factor_id, s.group): s.score for s in assessment.scores.all()}
        if assessment.score_map:
            rounds.append(assessment)
    if not rounds:
        return None
    factors = sorted({s.factor.pk: s.factor for a in rounds for s in a.scores.all()}.values(), key=lambda f: f.number)
    columns = [ProfileColumn("latest", _("Latest"), rounds[-1])]
    if len(rounds) >= 2:
        columns.insert(0, ProfileColumn("baseline", _("Baseline (first round)"), rounds[0]))
    if len(rounds) >= 3:
        columns.insert(1, ProfileColumn("previous", _("Previous"), rounds[-2]))
    tables, chart_groups = [], []
    for group, group_label in RespondentGroup.choices:
        if not any((f.pk, group) in c.assessment.score_map for f in factors for c in columns):
            continue
        rows = [ProfileRow(f, [c.assessment.score_map.get((f.pk, group)) for c in columns]) for f in factors]
        tables.append(ProfileTable(group=group, label=group_label, rows=rows))
        chart_groups.append(
            {
                "key": group,
                "label": str(group_label),
                "datasets": [
                    {
                        "key": column.key,
                        # Short, for the legend: the page names each round in full above the charts.
                        "label": f"{column.label} ({column.assessment.started_on.year})",
                        "data": [float(score) if score is not None else None for score in _column(rows, i)],
                    }
                    for i, column in enumerate(columns)
                ],
            }
        )
    chart = {"factors": [str(f) for f in factors], "groups": chart_groups, "max": 100}
    return FactorProfile(columns=columns, tables=tables, chart=chart)


def _column(rows: list[ProfileRow], index: int) -> list:
    return [row.scores[index] for row in rows]


def _open_commitments(partner: PartnerAdministration, user, today: date) -> list:
    return list(
        partner.commitments.visible_to(user)
        .open()
        .with_is_overdue(today)
        .select_related("owner_user")
        .with_related_visible_to(user, "owner_contact", "side_meeting__meeting")
        .with_owner_name(user)
        .order_by("due_on", "pk")
    )


# ---------------------------------------------------------------------------------------------------------------
# Last update and history


#: Records whose changes count as an update of a country's page, with the lookup to the administration.
UPDATE_SOURCES = [
    (PartnerAdministration, "id"),
    (StatusChange, "partner"),
    (CountryPlan, "partner"),
    (Outcome, "plan__partner"),
    (Indicator, "outcome__plan__partner"),
    (IndicatorValue, "indicator__outcome__plan__partner"),
    (Assessment, "partner"),
    (Activity, "partner"),
    (Contact, "partner"),
]


def last_update_of(partner: PartnerAdministration, user) -> LastUpdate | None:
    """The latest change, with who made it, among the administration's records that `user` may see.

    One query: the history tables are read as one UNION, each filtered to the rows the access layer lets `user`
    see, so that a change to a staff-only record never shows as an update to a delegate.
    """
    columns = ["history_date", "history_user__username", "history_user__first_name", "history_user__last_name"]
    parts = [
        model.history.filter(
            **{path: partner.pk},
            id__in=model.objects.visible_to(user).values("pk"),
        )
        .order_by()
        .values(*columns)
        for model, path in UPDATE_SOURCES
    ]
    latest = parts[0].union(*parts[1:], all=True).order_by("-history_date")[:1]
    row = next(iter(latest), None)
    if row is None:
        return None
    first, last = row["history_user__first_name"] or "", row["history_user__last_name"] or ""
    full_name = f"{first} {last}".strip()
    return LastUpdate(when=row["history_date"], who=full_name or row["history_user__username"] or "")


#: Per kind of record: how it reaches the administration, the fields whose changes the history section lists, how
#: to name one record, and what naming it reads through a relation.
HISTORY_SOURCES = [
    (
        StatusChange,
        "partner",
        ["effective_on", "stage", "health", "tier", "reason"],
        _("Status"),
        lambda record: record.effective_on,
        (),
    ),
    (
        Indicator,
        "outcome__plan__partner",
        ["name", "unit", "direction", "baseline", "baseline_on", "baseline_source"],
        _("Indicator"),
        lambda record: record.name,
        (),
    ),
    (
        IndicatorValue,
        "indicator__outcome__plan__partner",
        ["period", "target", "actual", "source"],
        _("Indicator value"),
        lambda record: f"{record.indicator.name if record.indicator else '?'} – {record.period}",
        ("indicator",),
    ),
]


def status_and_indicator_history(partner: PartnerAdministration) -> list[HistoryEntry]:
    """The latest changes to the administration's statuses, indicators and indicator values, newest first, each with
    what changed (old and new value), who changed it and the reason given. Staff only: the page asks only for them.
    One query per kind of record (`acip.lib.history.latest_changes`)."""
    entries = []
    for model, path, fields, label, subject, related in HISTORY_SOURCES:
        entries += latest_changes(
            model,
            filters={path: partner},
            fields=fields,
            label=str(label),
            subject=subject,
            limit=HISTORY_LIMIT,
            related=related,
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:HISTORY_LIMIT]
