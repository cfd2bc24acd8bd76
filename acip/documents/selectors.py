"""The attachments a page lists, as the user may see them, in one query whatever their number."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from acip.documents.models import Attachment, AttachmentVersion
from meetings.models import Meeting, SideMeeting
from partners.models import PartnerAdministration


@dataclass
class Listed:
    attachment: Attachment
    versions: list[AttachmentVersion] = field(default_factory=list)

    @property
    def latest(self) -> AttachmentVersion:
        return self.versions[0]

    @property
    def older(self) -> list[AttachmentVersion]:
        return self.versions[1:]


def record_page(record) -> str:
    """Where a record's documents are listed: its own page, or the country page for a plan, an assessment or an
    activity (they have no page of their own)."""
    page = record if isinstance(record, PartnerAdministration | Meeting | SideMeeting) else record.partner
    return f"{page.get_absolute_url()}#documents"


def _listed(attachments, user) -> list[Listed]:
    # One query: the versions of the visible attachments, each with its attachment (and, for the country page,
    # the plan, assessment or activity it hangs off: visible too, since the attachment is).
    versions = (
        AttachmentVersion.objects.filter(attachment__in=attachments.visible_to(user))
        .select_related("attachment__plan", "attachment__assessment", "attachment__activity", "uploaded_by")
        .order_by("-attachment__dated_on", "attachment__title", "attachment__pk", "-number")
    )
    rows: dict[int, Listed] = {}
    for version in versions:
        rows.setdefault(version.attachment_id, Listed(version.attachment)).versions.append(version)
    return list(rows.values())


def latest_number(attachment: Attachment) -> int:
    """The number of an attachment's latest version (0 before its first)."""
    return attachment.versions.order_by("-number").values_list("number", flat=True).first() or 0


def partner_attachments(partner: PartnerAdministration, user) -> list[Listed]:
    """The country page's documents: the administration's and its plans', assessments' and activities'."""
    return _listed(Attachment.objects.of_partner_page(partner), user)


def meeting_attachments(meeting: Meeting, user) -> list[Listed]:
    return _listed(Attachment.objects.filter(meeting=meeting), user)


def side_meeting_attachments(side_meeting: SideMeeting, user) -> list[Listed]:
    return _listed(Attachment.objects.filter(side_meeting=side_meeting), user)


def attach_targets(page) -> list[tuple[str, str]]:
    """The upload links of the records on a country page that have no page of their own (its plans, assessments,
    activities), from the rows the page has already loaded."""
    plans = [page.plan, *page.other_plans] if page.plan else []
    activities = [*page.late_activities, *page.coming_activities, *page.done_activities]
    targets = [(_("Plan: %(title)s") % {"title": plan.title}, ("plan", plan.pk)) for plan in plans]
    targets += [(_("Assessment: %(title)s") % {"title": a.title}, ("assessment", a.pk)) for a in page.assessments]
    targets += [(_("Activity: %(title)s") % {"title": a.title}, ("activity", a.pk)) for a in activities]
    return [(label, reverse("documents:create", args=key)) for label, key in targets]


#: How far back, and how many at most, the review queue lists the files that delegates uploaded.
DELEGATION_DAYS = 30
DELEGATION_SHOWN = 10


@dataclass
class DelegationUpload:
    version: AttachmentVersion
    partner: PartnerAdministration
    url: str  # where the document is listed


def delegation_uploads(user, *, today: datetime.date) -> list[DelegationUpload]:
    """The files that delegates uploaded in the last DELEGATION_DAYS days, newest first, at most DELEGATION_SHOWN
    (staff's review queue): one query, with the record each hangs off and its administration."""
    since = today - datetime.timedelta(days=DELEGATION_DAYS)
    versions = (
        AttachmentVersion.objects.filter(
            by_delegation=True,
            uploaded_at__date__gte=since,
            attachment__in=Attachment.objects.visible_to(user),
        )
        .select_related(
            "uploaded_by",
            "attachment__partner",
            "attachment__plan__partner",
            "attachment__assessment__partner",
            "attachment__activity__partner",
            "attachment__side_meeting__partner",
            "attachment__side_meeting__meeting",
        )
        .order_by("-uploaded_at", "-pk")[:DELEGATION_SHOWN]
    )
    uploads = []
    for version in versions:
        record = version.attachment.record
        partner = record if isinstance(record, PartnerAdministration) else record.partner
        uploads.append(DelegationUpload(version=version, partner=partner, url=record_page(record)))
    return uploads
