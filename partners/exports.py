"""The CSV/Excel exports of the partners app: each list's rows from the list's own selector (partners/selectors.py),
so that an export holds what its page shows (all pages of it) and nothing more.

Status reasons, text-tiered, are written only where `text_shared` says so; who recorded a status only for staff.
"""

from django.utils.translation import gettext_lazy as _

from acip.lib.exports import Column, chunked, display, field, shared
from acip.lib.history import person_name
from acip.roles import membership_of
from partners.selectors import activity_rows, indicator_value_rows, partner_rows, status_change_rows


def partners_export(request):
    columns = [
        field(_("Country"), "country_name"),
        field(_("Country code"), "country_code"),
        field(_("Administration"), "name"),
        field(_("Acronym"), "acronym"),
        field(_("Region"), "region.label"),
        Column(_("Cohort"), display("cohort")),
        field(_("Programme"), "programme.short_name"),
        field(_("Joined on"), "joined_on"),
        field(_("Exited on"), "exited_on"),
        Column(_("Exit reason"), display("exit_reason")),
        field(_("Stage"), "stage_label"),
        field(_("Health"), "health_label"),
        field(_("Status since"), "status_effective_on"),
        Column(_("Donors"), _donor_names),
        field(_("Last event"), "last_event"),
    ]
    return columns, chunked(partner_rows(request).qs)


def _donor_names(partner) -> str:
    return ", ".join(dict.fromkeys(agreement.donor.short_name for agreement in partner.funding_agreements.all()))


def activities_export(request):
    columns = [
        field(_("Activity"), "title"),
        field(_("Administration"), "partner.country_name"),
        Column(_("Kind"), display("kind")),
        Column(_("Component"), display("component")),
        Column(_("Modality"), display("modality")),
        Column(_("Status"), display("status")),
        field(_("Planned start"), "planned_start_on"),
        field(_("Planned end"), "planned_end_on"),
        field(_("Actual start"), "actual_start_on"),
        field(_("Actual end"), "actual_end_on"),
        field(_("Outcome served"), "outcome.title"),
        field(_("Women participants"), "participants_women"),
        field(_("Men participants"), "participants_men"),
        field(_("Description"), "description"),
    ]
    return columns, chunked(activity_rows(request).qs)


def indicator_values_export(request):
    columns = [
        field(_("Administration"), "indicator.outcome.plan.partner.country_name"),
        field(_("Programme"), "indicator.programme.short_name"),
        field(_("Plan"), "indicator.outcome.plan.title"),
        field(_("Outcome"), "indicator.outcome.title"),
        field(_("Code"), "indicator.code"),
        field(_("Indicator"), "indicator.name"),
        Column(_("Level"), lambda row: row.indicator.get_level_display()),
        field(_("Unit"), "indicator.unit"),
        Column(_("Direction"), lambda row: row.indicator.get_direction_display()),
        field(_("Baseline"), "indicator.baseline"),
        field(_("Year"), "period"),
        field(_("Target"), "target"),
        field(_("Actual"), "actual"),
        field(_("Source"), "source"),
        field(_("Comment"), "comment"),
    ]
    return columns, chunked(indicator_value_rows(request).qs)


def status_changes_export(request):
    columns = [
        field(_("Administration"), "partner.country_name"),
        field(_("Effective on"), "effective_on"),
        Column(_("Stage"), display("stage")),
        Column(_("Health"), display("health")),
        Column(_("Reason"), shared("reason")),
    ]
    if membership_of(request.user).sees_everything:
        columns.append(Column(_("Recorded by"), lambda row: person_name(row.recorded_by)))
    return columns, chunked(status_change_rows(request).qs)


EXPORTS = {
    "partners": partners_export,
    "activities": activities_export,
    "indicator_values": indicator_values_export,
    "status_changes": status_changes_export,
}
