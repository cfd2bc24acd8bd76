"""Writes for meetings: each one a transaction, every row validated with full_clean() before it is saved. Every
service follows the contract of acip/lib/services.py: a `data` dict of which it writes only its own field list."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acip.lib.concurrency import VERSION
from acip.lib.services import apply_fields, locked, validated_save
from meetings.models import Attendance, Commitment, CommitmentStatus, Meeting, Note, SideMeeting
from partners.models import Contact, PartnerAdministration, StatusChange
from partners.services import status_change_record

# The fields that each form edits and each service writes: one list, so that they cannot drift apart.
MEETING_FIELDS = [
    "programme",
    "kind",
    "committee",
    "session_number",
    "cbc_session_number",
    "title",
    "starts_on",
    "ends_on",
    "place",
    "is_online",
    "theme",
]
SIDE_MEETING_FIELDS = ["held_on", "wco_participants", "purpose", "key_outcomes", "atmosphere", "tier"]
COMMITMENT_FIELDS = [
    "title",
    "description",
    "owner",
    "owner_contact",
    "owner_user",
    "due_on",
    "outcome",
    "activity",
    "tier",
]


@transaction.atomic
def meeting_save(
    *,
    data: dict,
    partners: Iterable[PartnerAdministration],
    contacts: Iterable[Contact] = (),
    meeting: Meeting | None = None,
) -> Meeting:
    """Create or update a meeting and make its attendance exactly `partners`, each with its own `contacts`.

    Attendance rows of administrations no longer listed are deleted, unless the administration had a side meeting at
    this meeting; a contact whose administration is not listed is refused.
    """
    partners = {partner.pk: partner for partner in partners}
    contacts_by_partner: dict[int, list[Contact]] = {pk: [] for pk in partners}
    for contact in contacts:
        if contact.partner_id not in partners:
            raise ValidationError(
                {"contacts": _("%(name)s belongs to an administration that is not attending.") % {"name": contact}}
            )
        contacts_by_partner[contact.partner_id].append(contact)

    meeting = locked(meeting, version=data.get(VERSION)) if meeting else Meeting()
    apply_fields(meeting, data, MEETING_FIELDS)
    existing = {}
    if meeting.pk is not None:
        existing = {attendance.partner_id: attendance for attendance in meeting.attendances.select_related("partner")}
        held = set(meeting.side_meetings.values_list("partner_id", flat=True))
        dropped = [attendance.partner for pk, attendance in existing.items() if pk not in partners and pk in held]
        if dropped:
            raise ValidationError(
                {
                    "partners": _("%(names)s had a side meeting here and must stay on the attendance list.")
                    % {"names": ", ".join(str(partner) for partner in dropped)}
                }
            )

    validated_save(meeting)

    for partner_id, attendance in existing.items():
        if partner_id not in partners:
            attendance.delete()
    for partner_id, partner in partners.items():
        attendance = existing.get(partner_id)
        if attendance is None:
            attendance = Attendance(meeting=meeting, partner=partner)
            attendance.full_clean()
            attendance.save()
        attendance.contacts.set(contacts_by_partner[partner_id])
    return meeting


@transaction.atomic
def side_meeting_save(
    *,
    data: dict,
    participants: Iterable[Contact] = (),
    meeting: Meeting | None = None,
    partner: PartnerAdministration | None = None,
    side_meeting: SideMeeting | None = None,
) -> SideMeeting:
    """Create a side meeting of `meeting` with `partner`, or update `side_meeting`, with the delegation's
    participants (contacts of its administration only)."""
    side_meeting = (
        locked(side_meeting, version=data.get(VERSION))
        if side_meeting
        else SideMeeting(meeting=meeting, partner=partner)
    )
    apply_fields(side_meeting, data, SIDE_MEETING_FIELDS)
    participants = list(participants)
    if any(contact.partner_id != side_meeting.partner_id for contact in participants):
        raise ValidationError({"partner_participants": _("Choose contacts of this administration only.")})
    if not side_meeting.meeting.attendances.filter(partner_id=side_meeting.partner_id).exists():
        raise ValidationError({"partner": _("This administration is not recorded as attending the meeting.")})
    validated_save(side_meeting)
    side_meeting.partner_participants.set(participants)
    return side_meeting


@transaction.atomic
def note_create(*, side_meeting: SideMeeting, author, text: str, tier: str) -> Note:
    note = Note(side_meeting=side_meeting, author=author, text=text.strip(), tier=tier)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_update(*, note: Note, data: dict) -> Note:
    """Correct a note's text or tier; the history keeps what it said before and who changed it."""
    note = locked(note, version=data.get(VERSION))
    if note.is_withdrawn:
        raise ValidationError(_("A withdrawn note cannot be edited."))
    apply_fields(note, {**data, "text": data.get("text", note.text).strip()}, ["text", "tier"])
    validated_save(note)
    return note


@transaction.atomic
def note_withdraw(*, note: Note, user, reason: str) -> Note:
    """Withdraw a note instead of deleting it: it stays for staff, marked withdrawn with the reason, and leaves
    every other reader's view (NoteQuerySet.visible_to)."""
    note = locked(note)
    if note.is_withdrawn:
        raise ValidationError(_("This note is already withdrawn."))
    note.withdrawn_at = timezone.now()
    note.withdrawn_by = user
    note.withdrawal_reason = reason.strip()
    validated_save(note, reason=note.withdrawal_reason)
    return note


@transaction.atomic
def commitment_save(
    *, data: dict, side_meeting: SideMeeting | None = None, commitment: Commitment | None = None, reason: str = ""
) -> Commitment:
    """Create a commitment raised at `side_meeting`, or update `commitment`. One raised at a side meeting belongs to
    that meeting's administration."""
    commitment = locked(commitment, version=data.get(VERSION)) if commitment else Commitment(side_meeting=side_meeting)
    apply_fields(commitment, data, COMMITMENT_FIELDS)
    if commitment.side_meeting_id is not None:
        commitment.partner_id = commitment.side_meeting.partner_id
    validated_save(commitment, reason=reason)
    return commitment


@transaction.atomic
def side_meeting_record_status(
    *,
    side_meeting: SideMeeting,
    user,
    effective_on: datetime.date,
    stage: str,
    health: str,
    reason: str,
    tier: str,
) -> StatusChange:
    """Record the administration's new status as agreed at this side meeting and link the two, so that the country's
    timeline shows where the change was agreed. A side meeting records at most one status change."""
    partner = side_meeting.partner
    # Lock the side meeting so that two people recording at once cannot both link a status change.
    side_meeting = SideMeeting.objects.select_for_update().get(pk=side_meeting.pk)
    if side_meeting.status_change_id is not None:
        raise ValidationError(_("A status change is already recorded for this side meeting."))
    change = status_change_record(
        partner=partner,
        effective_on=effective_on,
        stage=stage,
        health=health,
        reason=reason.strip(),
        tier=tier,
        recorded_by=user,
    )
    side_meeting.status_change = change
    side_meeting._change_reason = change.reason
    side_meeting.save(update_fields=["status_change", "updated_at"])
    return change


@transaction.atomic
def commitment_close(*, commitment: Commitment, user, status: str, comment: str) -> Commitment:
    """Mark an open commitment done or dropped, recording who closed it, when and why.

    Access (who may close which commitment) is the caller's job: see meetings.access.get_commitment_to_close.
    """
    if status not in (CommitmentStatus.DONE, CommitmentStatus.DROPPED):
        raise ValidationError({"status": _("A commitment is closed as done or dropped.")})
    # Re-read under a lock: two people closing at once must not both succeed and overwrite each other's comment.
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.status != CommitmentStatus.OPEN:
        raise ValidationError(_("This commitment is already closed."))
    commitment.status = status
    commitment.closed_at = timezone.now()
    commitment.closed_by = user
    commitment.closing_comment = comment.strip()
    commitment.full_clean()
    commitment._change_reason = commitment.closing_comment
    commitment.save(update_fields=["status", "closed_at", "closed_by", "closing_comment", "updated_at"])
    return commitment
