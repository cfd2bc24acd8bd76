"""Single attachments and the records that take them, for a user: 404 when hidden or missing, 403 on a write by a
reader.

Staff upload everything. A delegate uploads to their own administration's records that they may see (another
administration's are hidden from them: 404), at the tiers they may read (`AttachmentForm`): the administration
itself, its plans, assessments and activities, and its side meetings, which are between the programme team and that
one delegation. Not to a meeting: a committee session is every attending administration's, so a delegate's file
there would reach the other delegations, and it is the programme's record, not theirs (403, like any reader's
write). A donor viewer uploads nothing."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from acip.access import get_visible_or_404
from acip.documents.models import Attachment, AttachmentVersion, parent_name_of
from acip.roles import Role, membership_of
from meetings.models import Meeting, SideMeeting
from partners.models import Activity, Assessment, CountryPlan, PartnerAdministration

#: The records in the upload URL (`documents:create`): the URL's name of the kind, its model and the key it is
#: looked up by.
RECORDS = {
    "partner": (PartnerAdministration, "slug"),
    "plan": (CountryPlan, "pk"),
    "assessment": (Assessment, "pk"),
    "activity": (Activity, "pk"),
    "meeting": (Meeting, "uuid"),
    "side-meeting": (SideMeeting, "uuid"),
}
#: The keys of `PARENTS` whose records a delegate may upload to (those of their own administration).
DELEGATE_PARENTS = ("partner", "plan", "assessment", "activity", "side_meeting")


def uploads_to(user, parent_name: str) -> bool:
    """Whether `user` may upload to a record that they see, of the kind that `parent_name` (a key of `PARENTS`)
    points at: staff to any; a delegate to those of `DELEGATE_PARENTS` (the access layer shows them their own
    administration's only)."""
    membership = membership_of(user)
    return membership.sees_everything or (membership.role == Role.DELEGATE and parent_name in DELEGATE_PARENTS)


def get_record_for_user(user, kind: str, key: str, *, write: bool = False):
    """The record an upload goes to, by the URL's kind and key."""
    if kind not in RECORDS:
        raise Http404
    model, field = RECORDS[kind]
    record = get_visible_or_404(model.objects.all(), user, **{field: key})
    if write and not uploads_to(user, parent_name_of(record)):
        raise PermissionDenied
    return record


def get_attachment_for_user(user, uuid: UUID, *, write: bool = False) -> Attachment:
    attachment = get_visible_or_404(Attachment.objects.all(), user, uuid=uuid)
    if write and not uploads_to(user, attachment.parent_name):
        raise PermissionDenied
    return attachment


def get_version_for_user(user, uuid: UUID, number: int | None = None) -> AttachmentVersion:
    """A file of an attachment the user may see: the given version, or the latest."""
    attachment = get_attachment_for_user(user, uuid)
    versions = attachment.versions.all()
    version = versions.filter(number=number).first() if number is not None else versions.order_by("-number").first()
    if version is None:
        raise Http404
    version.attachment = attachment
    return version
