"""Writing documents: an attachment with its first file, and a newer file of one.

The file reaches the storage only on the success path, after the form has passed it and inside the transaction
that writes its row: a failure after the file was stored (a constraint, a lost connection) deletes the file again,
so that nothing half-written is left behind.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from acip.documents.forms import UPLOAD_FIELDS
from acip.documents.models import Attachment, AttachmentVersion, parent_name_of
from acip.lib.history import person_name
from acip.lib.services import apply_fields, validated_save
from acip.roles import Role, membership_of


@contextmanager
def _files_removed_on_failure(stored: list) -> Iterator[None]:
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise


def _add_version(attachment: Attachment, *, upload, content_type: str, user, number: int, stored: list):
    version = AttachmentVersion(
        attachment=attachment,
        number=number,
        original_name=upload.name,
        size=upload.size,
        content_type=content_type,
        uploaded_by=user,
        by_delegation=membership_of(user).role == Role.DELEGATE,
    )
    version.file.save(upload.name, upload, save=False)
    stored.append(version.file)
    validated_save(version)
    return version


def attachment_create(*, parent, data: dict, user) -> Attachment:
    """A new attachment on `parent` (one of the records of `PARENTS`), with `data["upload"]` as its version 1.
    `data` is AttachmentForm's cleaned_data (the upload's content type judged there)."""
    parent_field = parent_name_of(parent)
    stored: list = []
    with _files_removed_on_failure(stored):
        attachment = Attachment(created_by=user, **{parent_field: parent})
        apply_fields(attachment, data, UPLOAD_FIELDS)
        validated_save(attachment)
        _add_version(
            attachment, upload=data["upload"], content_type=data["content_type"], user=user, number=1, stored=stored
        )
    return attachment


def _refuse_if_newer(attachment: Attachment, opened: int | None, user) -> int:
    """The latest version's number; a ValidationError at the file when it is not `opened`, the one the form was
    opened on (None: nothing to check). Only staff are told who uploaded it, as only they see it on the pages."""
    latest = attachment.versions.select_related("uploaded_by").order_by("-number").first()
    number = latest.number if latest else 0
    if opened is not None and number != opened:
        message = _(
            "Version %(number)s was uploaded by %(who)s on %(when)s, after you opened this page. Download it and "
            "look at it first; to upload your file as version %(next)s, choose it again."
        ) % {
            "number": number,
            "who": person_name(latest.uploaded_by) if membership_of(user).sees_everything else _("someone else"),
            "when": formats.date_format(timezone.localtime(latest.uploaded_at), "DATETIME_FORMAT"),
            "next": number + 1,
        }
        raise ValidationError({"upload": ValidationError(message, code="newer_version")})
    return number


def attachment_version_add(*, attachment: Attachment, data: dict, user) -> AttachmentVersion:
    """A newer file of `attachment`; the older ones stay. `data` is VersionForm's cleaned_data; its
    `opened_number`, when given, must still be the latest version's (nobody uploaded one since)."""
    stored: list = []
    with _files_removed_on_failure(stored):
        # The attachment's row is locked, so that two uploads at once get two numbers, not a clash, and the check
        # of the latest number holds until the new one is written.
        Attachment.objects.select_for_update().filter(pk=attachment.pk).first()
        latest = _refuse_if_newer(attachment, data.get("opened_number"), user)
        return _add_version(
            attachment,
            upload=data["upload"],
            content_type=data["content_type"],
            user=user,
            number=latest + 1,
            stored=stored,
        )


def _delete_with_files(obj, names: list[str]) -> None:
    storage = AttachmentVersion._meta.get_field("file").storage
    with transaction.atomic():
        obj.delete()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def attachment_delete(*, attachment: Attachment) -> None:
    """Delete an attachment with its versions, then their files once the deletion is committed (a rollback keeps
    both). Only a superuser deletes, in the admin."""
    _delete_with_files(attachment, list(attachment.versions.values_list("file", flat=True)))


def version_delete(*, version: AttachmentVersion) -> None:
    """Delete one version (a file uploaded by mistake), then its file once committed."""
    _delete_with_files(version, [version.file.name])
