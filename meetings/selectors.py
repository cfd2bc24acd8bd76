"""The lists of the meetings app, each read once for its page and its CSV/Excel export (meetings/exports.py).

Each selector answers the list's filterset, bound to the query string: `.qs` holds the rows (every page of them,
scoped to the user through the access layer, with what the page and the export show preloaded) and `.form` the
filters for the page.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone

from meetings.filters import CommitmentFilter, MeetingFilter, SideMeetingFilter
from meetings.models import Attendance, Commitment, Meeting, SideMeeting
from partners.models import Contact, StatusChange


def meeting_rows(request) -> MeetingFilter:
    meetings = Meeting.objects.visible_to(request.user).with_counts(request.user)
    return MeetingFilter(request.GET or None, queryset=meetings, request=request)


def commitment_rows(request) -> CommitmentFilter:
    """The commitments list. With no filter chosen it opens on what still needs doing (`status=open`), so its
    `data` is the query string the page and its export links carry."""
    user = request.user
    params = request.GET.copy()
    if not any(key != "page" for key in params):
        # The default first, so that the page's links read `?status=open&page=2`.
        params = QueryDict("status=open", mutable=True)
        params.update(request.GET)
    commitments = (
        Commitment.objects.visible_to(user)
        .with_people(user)
        .with_is_overdue(timezone.localdate())
        # Where it was raised, and what it serves, as the user may see them: for staff (the page) a join, for
        # the API's other readers a hidden side meeting, outcome or activity reads as None.
        .with_links_visible_to(user)
    )
    return CommitmentFilter(params, queryset=commitments, request=request)


def side_meeting_rows(request) -> SideMeetingFilter:
    user = request.user
    side_meetings = (
        SideMeeting.objects.visible_to(user)
        .select_related("meeting", "partner")
        .prefetch_related(
            Prefetch("partner_participants", queryset=Contact.objects.visible_to(user).order_by("name", "pk"))
        )
    )
    return SideMeetingFilter(request.GET or None, queryset=side_meetings, request=request)


# ---------------------------------------------------------------------------------------------------------------
# What the side-meeting form knows before anyone types (issue 20)


@dataclass
class SideMeetingContext:
    #: the contacts of the delegation recorded as attending the meeting, ticked on a new side meeting's form
    attendee_ids: list[int]
    #: the delegation's open commitments carried over to this side meeting, each closable from the form
    agenda: list[Commitment]
    #: the administration's current status (its latest status change the user may see), or None
    status: StatusChange | None


def side_meeting_context(side_meeting: SideMeeting, user) -> SideMeetingContext:
    """What the app already knows about a side meeting being recorded or edited: who of the delegation attends
    the meeting, what is on its agenda (its administration's open commitments raised before it; for a new one,
    every open commitment of the administration) and where the administration stands. Three queries."""
    partner_id, meeting_id = side_meeting.partner_id, side_meeting.meeting_id
    attendee_ids = list(
        Attendance.contacts.through.objects.filter(
            attendance__meeting_id=meeting_id, attendance__partner_id=partner_id
        ).values_list("contact_id", flat=True)
    )
    commitments = Commitment.objects.visible_to(user).with_people(user).with_is_overdue(timezone.localdate())
    if side_meeting.pk:
        agenda = commitments.agenda_for(side_meeting)
    else:
        agenda = commitments.open().filter(partner_id=partner_id)
    status = (
        StatusChange.objects.visible_to(user)
        .filter(partner_id=partner_id)
        .order_by("-effective_on", "-created_at", "-pk")
        .first()
    )
    return SideMeetingContext(
        attendee_ids=attendee_ids,
        agenda=list(agenda.select_related("side_meeting__meeting").order_by("due_on", "pk")),
        status=status,
    )
