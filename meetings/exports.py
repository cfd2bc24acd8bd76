"""The CSV/Excel exports of the meetings app: each list's rows from the list's own selector (meetings/selectors.py),
so that an export holds what its page shows (all pages of it) and nothing more.

Free text of text-tiered side meetings (purpose, outcomes) is written only where `text_shared` says so; a side
meeting's atmosphere only for staff.
"""

from django.utils.translation import gettext_lazy as _

from acip.access import require_staff
from acip.lib.exports import Column, chunked, display, field, shared
from meetings.access import sees_staff_only
from meetings.selectors import commitment_rows, meeting_rows, side_meeting_rows


def meetings_export(request):
    columns = [
        field(_("Meeting"), "title"),
        Column(_("Kind"), display("kind")),
        Column(_("Committee"), display("committee")),
        field(_("Session"), "session_number"),
        field(_("CBC session"), "cbc_session_number"),
        field(_("Starts on"), "starts_on"),
        field(_("Ends on"), "ends_on"),
        field(_("Place"), "place"),
        field(_("Online"), "is_online"),
        field(_("Programme"), "programme.short_name"),
        field(_("Administrations attending"), "attendance_count"),
        field(_("Side meetings"), "side_meeting_count"),
    ]
    return columns, chunked(meeting_rows(request).qs)


def side_meetings_export(request):
    columns = [
        field(_("Meeting"), "meeting.title"),
        field(_("Administration"), "partner.country_name"),
        field(_("Held on"), "held_on"),
        Column(
            _("Delegation participants"),
            lambda row: ", ".join(contact.name for contact in row.partner_participants.all()),
        ),
        Column(_("Programme team participants"), shared("wco_participants")),
        Column(_("Purpose"), shared("purpose")),
        Column(_("Key outcomes"), shared("key_outcomes")),
    ]
    if sees_staff_only(request.user):
        columns.append(Column(_("Atmosphere"), display("atmosphere")))
    return columns, chunked(side_meeting_rows(request).qs)


def commitments_export(request):
    require_staff(request.user)  # as the commitment list: a staff page
    columns = [
        field(_("What"), "title"),
        field(_("Details"), "description"),
        field(_("Administration"), "partner.country_name"),
        Column(_("Owner"), display("owner")),
        field(_("Owner (person)"), "owner_name"),
        field(_("Due on"), "due_on"),
        Column(_("Status"), display("status")),
        field(_("Overdue"), "is_overdue"),
        field(_("Raised at"), "side_meeting.meeting.title"),
        field(_("Raised on"), "side_meeting.held_on"),
        field(_("Closed at"), "closed_at"),
        field(_("Closing comment"), "closing_comment"),
    ]
    return columns, chunked(commitment_rows(request).qs)


EXPORTS = {
    "meetings": meetings_export,
    "side_meetings": side_meetings_export,
    "commitments": commitments_export,
}
