"""Who may see and change meetings, side meetings and commitments: built on the one access layer (acip.access).

Each helper returns 404 for an object that the user may not see (the same as a missing one) and raises
PermissionDenied (403) when the user may see it but not make the change asked for.
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from acip.access import get_visible_or_404, require_staff
from acip.roles import Role, membership_of
from meetings.models import Commitment, Meeting, Note, Owner, SideMeeting


def sees_staff_only(user) -> bool:
    """Whether the user reads what is for the programme staff alone (a side meeting's atmosphere, history)."""
    return membership_of(user).sees_everything


def get_meeting_for_user(user, uuid: UUID, *, write: bool = False) -> Meeting:
    meeting = get_visible_or_404(Meeting.objects.select_related("programme"), user, uuid=uuid)
    if write:
        require_staff(user)
    return meeting


def get_side_meeting_for_user(user, uuid: UUID, *, write: bool = False) -> SideMeeting:
    side_meeting = get_visible_or_404(
        SideMeeting.objects.select_related("meeting", "partner"),
        user,
        uuid=uuid,
    )
    if write:
        require_staff(user)
    return side_meeting


def get_note_for_user(user, pk: int, *, write: bool = False) -> Note:
    """A note the user may read (a withdrawn one: staff only); with `write`, one the user may correct or withdraw:
    its author's, or any for staff."""
    note = get_visible_or_404(
        Note.objects.select_related("side_meeting__meeting", "side_meeting__partner"), user, pk=pk
    )
    if write and not may_edit_note(user, note):
        raise PermissionDenied
    return note


def may_edit_note(user, note: Note) -> bool:
    """The rule of `get_note_for_user(write=True)`, for showing or hiding the links."""
    return membership_of(user).sees_everything or note.author_id == user.pk


def get_commitment_for_user(user, uuid: UUID, *, write: bool = False) -> Commitment:
    """The commitment with its people, where it was raised, whether it is overdue, and what it serves."""
    queryset = Commitment.objects.with_people(user).with_is_overdue(timezone.localdate()).with_links_visible_to(user)
    commitment = get_visible_or_404(queryset, user, uuid=uuid)
    if write:
        require_staff(user)
    return commitment


def get_commitment_to_close(user, uuid: UUID) -> Commitment:
    """A commitment the user may close: staff close any; a delegate only one owned by their own administration.

    Another administration's commitment is not visible to a delegate, so it answers 404 before this rule applies.
    """
    commitment = get_commitment_for_user(user, uuid)
    if not may_close(user, commitment):
        raise PermissionDenied
    return commitment


def may_close(user, commitment: Commitment) -> bool:
    """The same rule as `get_commitment_to_close`, for showing or hiding the form."""
    membership = membership_of(user)
    if membership.sees_everything:
        return True
    return (
        membership.role == Role.DELEGATE
        and commitment.owner == Owner.ADMINISTRATION
        and commitment.partner_id == membership.partner_id
    )
