"""Writes for meetings: each one a transaction, every row validated with full_clean() before it is saved."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Attendance, Commitment, CommitmentStatus, Meeting, Note, SideMeeting
from partners.models import Contact, PartnerAdministration, StatusChange
from partners.services import status_change_record


@transaction.atomic
def meeting_save(
    *,
    meeting: Meeting,
    partners: Iterable[PartnerAdministration],
    contacts: Iterable[Contact] = (),
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

    meeting.full_clean()
    meeting.save()

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
def side_meeting_save(*, side_meeting: SideMeeting, participants: Iterable[Contact] = ()) -> SideMeeting:
    """Create or update a side meeting with the delegation's participants (contacts of its administration only)."""
    participants = list(participants)
    if any(contact.partner_id != side_meeting.partner_id for contact in participants):
        raise ValidationError({"partner_participants": _("Choose contacts of this administration only.")})
    if not side_meeting.meeting.attendances.filter(partner_id=side_meeting.partner_id).exists():
        raise ValidationError({"partner": _("This administration is not recorded as attending the meeting.")})
    side_meeting.full_clean()
    side_meeting.save()
    side_meeting.partner_participants.set(participants)
    return side_meeting


@transaction.atomic
def note_create(*, side_meeting: SideMeeting, author, text: str, tier: str) -> Note:
    note = Note(side_meeting=side_meeting, author=author, text=text.strip(), tier=tier)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def commitment_save(*, commitment: Commitment) -> Commitment:
    """Create or update a commitment. One raised at a side meeting belongs to that meeting's administration."""
    if commitment.side_meeting_id is not None:
        commitment.partner_id = commitment.side_meeting.partner_id
    commitment.full_clean()
    commitment.save()
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
