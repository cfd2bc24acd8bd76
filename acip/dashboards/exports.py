"""The export endpoints: every list, and the dashboard's heatmap, as CSV or Excel.

Each export reads the same query string as its list page through the same filterset, from a queryset the access
layer scoped to the user, so it holds the rows the page shows (all pages of them) and nothing more. Free text of
text-tiered records (status reasons, side-meeting purpose and outcomes) is written only where `text_shared` says so;
what is for staff alone (a side meeting's atmosphere, who recorded a status) only for staff.
"""

from collections.abc import Callable, Iterable

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from acip.access import require_staff
from acip.dashboards import selectors
from acip.dashboards.filters import (
    ActivityFilter,
    IndicatorValueFilter,
    ProgrammeFilter,
    SideMeetingFilter,
    StatusChangeFilter,
    options_from,
)
from acip.exports import Column, export_response, field
from meetings.access import sees_staff_only
from meetings.filters import CommitmentFilter, MeetingFilter
from meetings.models import Commitment, Meeting, SideMeeting
from partners.filters import PartnerFilter
from partners.models import (
    Activity,
    Contact,
    Health,
    IndicatorValue,
    PartnerAdministration,
    Stage,
    StatusChange,
)

#: Rows are read from the database in chunks of this many, so a large export does not sit in memory twice.
CHUNK = 2000


def display(path: str) -> Callable:
    """A column value: the label of a choice field (`get_<field>_display`)."""
    return lambda row: getattr(row, f"get_{path}_display")()


def label_of(choices, attribute: str) -> Callable:
    """A column value: the label of an annotated choice value (the current stage or health)."""
    labels = dict(choices.choices)
    return lambda row: labels.get(getattr(row, attribute), getattr(row, attribute))


def shared(attribute: str) -> Callable:
    """A column value: free text of a text-tiered row, or a marker where it is not shared with the user."""
    return lambda row: getattr(row, attribute) if row.text_shared else _("Not shared")


def _rows(queryset) -> Iterable:
    return queryset.iterator(chunk_size=CHUNK)


# ---------------------------------------------------------------------------------------------------------------
# One function per export: (columns, rows) for the request


def partners_export(request):
    user = request.user
    partners = (
        PartnerAdministration.objects.visible_to(user)
        .select_related("region", "programme")
        .with_current_status()
        .with_last_update(user)
        .with_donors()
    )
    rows = PartnerFilter(request.GET or None, queryset=partners, request=request).qs
    columns = [
        field(gettext_lazy("Country"), "country_name"),
        field(gettext_lazy("Country code"), "country_code"),
        field(gettext_lazy("Administration"), "name"),
        field(gettext_lazy("Acronym"), "acronym"),
        field(gettext_lazy("Region"), "region.name"),
        Column(gettext_lazy("Cohort"), display("cohort")),
        field(gettext_lazy("Programme"), "programme.short_name"),
        field(gettext_lazy("Joined on"), "joined_on"),
        field(gettext_lazy("Exited on"), "exited_on"),
        Column(gettext_lazy("Stage"), label_of(Stage, "current_stage")),
        Column(gettext_lazy("Health"), label_of(Health, "current_health")),
        field(gettext_lazy("Status since"), "status_effective_on"),
        Column(gettext_lazy("Donors"), _donor_names),
        field(gettext_lazy("Last update"), "last_updated_at"),
    ]
    return columns, _rows(rows)


def _donor_names(partner) -> str:
    return ", ".join(dict.fromkeys(agreement.donor.short_name for agreement in partner.funding_agreements.all()))


def meetings_export(request):
    meetings = Meeting.objects.visible_to(request.user).with_counts(request.user)
    rows = MeetingFilter(request.GET or None, queryset=meetings, request=request).qs
    columns = [
        field(gettext_lazy("Meeting"), "title"),
        Column(gettext_lazy("Kind"), display("kind")),
        Column(gettext_lazy("Committee"), display("committee")),
        field(gettext_lazy("Session"), "session_number"),
        field(gettext_lazy("Starts on"), "starts_on"),
        field(gettext_lazy("Ends on"), "ends_on"),
        field(gettext_lazy("Place"), "place"),
        field(gettext_lazy("Online"), "is_online"),
        field(gettext_lazy("Programme"), "programme.short_name"),
        field(gettext_lazy("Administrations attending"), "attendance_count"),
        field(gettext_lazy("Side meetings"), "side_meeting_count"),
    ]
    return columns, _rows(rows)


def side_meetings_export(request):
    user = request.user
    side_meetings = (
        SideMeeting.objects.visible_to(user)
        .select_related("meeting", "partner")
        .prefetch_related(
            Prefetch("partner_participants", queryset=Contact.objects.visible_to(user).order_by("name", "pk"))
        )
    )
    rows = SideMeetingFilter(request.GET or None, queryset=side_meetings, request=request).qs
    columns = [
        field(gettext_lazy("Meeting"), "meeting.title"),
        field(gettext_lazy("Administration"), "partner.country_name"),
        field(gettext_lazy("Held on"), "held_on"),
        Column(
            gettext_lazy("Delegation participants"),
            lambda row: ", ".join(contact.name for contact in row.partner_participants.all()),
        ),
        Column(gettext_lazy("Programme team participants"), shared("wco_participants")),
        Column(gettext_lazy("Purpose"), shared("purpose")),
        Column(gettext_lazy("Key outcomes"), shared("key_outcomes")),
    ]
    if sees_staff_only(user):
        columns.append(Column(gettext_lazy("Atmosphere"), display("atmosphere")))
    return columns, _rows(rows)


def commitments_export(request):
    user = request.user
    require_staff(user)  # as the commitment list: a staff page
    params = request.GET.copy()
    if not any(key != "page" for key in params):
        # The same default as the commitment list, which opens on what still needs doing.
        params["status"] = "open"
    commitments = (
        Commitment.objects.visible_to(user)
        .with_people()
        .with_is_overdue(timezone.localdate())
        .select_related("side_meeting__meeting")
    )
    rows = CommitmentFilter(params, queryset=commitments, request=request).qs
    columns = [
        field(gettext_lazy("What"), "title"),
        field(gettext_lazy("Details"), "description"),
        field(gettext_lazy("Administration"), "partner.country_name"),
        Column(gettext_lazy("Owner"), display("owner")),
        Column(gettext_lazy("Owner (person)"), _owner_name),
        field(gettext_lazy("Due on"), "due_on"),
        Column(gettext_lazy("Status"), display("status")),
        field(gettext_lazy("Overdue"), "is_overdue"),
        field(gettext_lazy("Raised at"), "side_meeting.meeting.title"),
        field(gettext_lazy("Raised on"), "side_meeting.held_on"),
        field(gettext_lazy("Closed at"), "closed_at"),
        field(gettext_lazy("Closing comment"), "closing_comment"),
    ]
    return columns, _rows(rows)


def _owner_name(commitment) -> str:
    if commitment.owner_contact:
        return commitment.owner_contact.name
    if commitment.owner_user:
        return commitment.owner_user.get_full_name() or commitment.owner_user.get_username()
    return ""


def activities_export(request):
    activities = Activity.objects.visible_to(request.user).select_related("partner", "outcome")
    rows = ActivityFilter(request.GET or None, queryset=activities, request=request).qs
    columns = [
        field(gettext_lazy("Activity"), "title"),
        field(gettext_lazy("Administration"), "partner.country_name"),
        Column(gettext_lazy("Kind"), display("kind")),
        Column(gettext_lazy("Component"), display("component")),
        Column(gettext_lazy("Modality"), display("modality")),
        Column(gettext_lazy("Status"), display("status")),
        field(gettext_lazy("Planned start"), "planned_start_on"),
        field(gettext_lazy("Planned end"), "planned_end_on"),
        field(gettext_lazy("Actual start"), "actual_start_on"),
        field(gettext_lazy("Actual end"), "actual_end_on"),
        field(gettext_lazy("Outcome served"), "outcome.title"),
        field(gettext_lazy("Women participants"), "participants_women"),
        field(gettext_lazy("Men participants"), "participants_men"),
        field(gettext_lazy("Description"), "description"),
    ]
    return columns, _rows(rows)


def indicator_values_export(request):
    values = (
        IndicatorValue.objects.visible_to(request.user)
        .select_related("indicator__outcome__plan__partner", "indicator__programme")
        .order_by("indicator__outcome__plan__partner__country_name", "indicator__position", "indicator__pk", "period")
    )
    rows = IndicatorValueFilter(request.GET or None, queryset=values, request=request).qs
    columns = [
        field(gettext_lazy("Administration"), "indicator.outcome.plan.partner.country_name"),
        field(gettext_lazy("Programme"), "indicator.programme.short_name"),
        field(gettext_lazy("Plan"), "indicator.outcome.plan.title"),
        field(gettext_lazy("Outcome"), "indicator.outcome.title"),
        field(gettext_lazy("Code"), "indicator.code"),
        field(gettext_lazy("Indicator"), "indicator.name"),
        Column(gettext_lazy("Level"), lambda row: row.indicator.get_level_display()),
        field(gettext_lazy("Unit"), "indicator.unit"),
        Column(gettext_lazy("Direction"), lambda row: row.indicator.get_direction_display()),
        field(gettext_lazy("Baseline"), "indicator.baseline"),
        field(gettext_lazy("Year"), "period"),
        field(gettext_lazy("Target"), "target"),
        field(gettext_lazy("Actual"), "actual"),
        field(gettext_lazy("Source"), "source"),
        field(gettext_lazy("Comment"), "comment"),
    ]
    return columns, _rows(rows)


def status_changes_export(request):
    user = request.user
    statuses = StatusChange.objects.visible_to(user).select_related("partner", "recorded_by")
    rows = StatusChangeFilter(request.GET or None, queryset=statuses, request=request).qs
    columns = [
        field(gettext_lazy("Administration"), "partner.country_name"),
        field(gettext_lazy("Effective on"), "effective_on"),
        Column(gettext_lazy("Stage"), display("stage")),
        Column(gettext_lazy("Health"), display("health")),
        Column(gettext_lazy("Reason"), shared("reason")),
    ]
    if sees_staff_only(user):
        columns.append(
            Column(
                gettext_lazy("Recorded by"),
                lambda row: (
                    (row.recorded_by.get_full_name() or row.recorded_by.get_username()) if row.recorded_by else ""
                ),
            )
        )
    return columns, _rows(rows)


def heatmap_export(request):
    """The dashboard's heatmap with the dashboard's filters and respondent group: a staff page, a staff export."""
    user = request.user
    require_staff(user)
    partners = ProgrammeFilter(request.GET or None, queryset=PartnerAdministration.objects.visible_to(user)).qs
    group, _stale_days = options_from(request.GET).values()
    heatmap = selectors.heatmap(partners, user, group=group)
    columns = [
        field(gettext_lazy("Administration"), "partner.country_name"),
        field(gettext_lazy("Assessment"), "assessment.title"),
        Column(gettext_lazy("Kind"), lambda row: row.assessment.get_kind_display()),
        field(gettext_lazy("Started on"), "assessment.started_on"),
        Column(gettext_lazy("Respondents"), lambda row: heatmap.group_label),
    ]
    for index, factor in enumerate(heatmap.factors):
        columns.append(Column(str(factor), lambda row, index=index: row.cells[index].score))
    return columns, heatmap.rows


EXPORTS = {
    "partners": partners_export,
    "meetings": meetings_export,
    "side_meetings": side_meetings_export,
    "commitments": commitments_export,
    "activities": activities_export,
    "indicator_values": indicator_values_export,
    "status_changes": status_changes_export,
    "heatmap": heatmap_export,
}


@require_safe
def export(request, fmt, dataset: str):
    columns, rows = EXPORTS[dataset](request)
    return export_response(columns=columns, rows=rows, fmt=fmt, filename=dataset.replace("_", "-"))
