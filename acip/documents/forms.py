"""The one form of an upload, used by the pages and the admin: every rule about a file is here.

A refused file is never written: the form only reads the upload (Django holds it in memory or in a temporary file),
and the service writes it to the storage once every check has passed (acip/documents/services.py).
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from acip.documents.models import NAME_LENGTH, Attachment
from acip.documents.sniffing import type_for
from acip.lib.forms import DateInput
from acip.models import Tier
from acip.roles import membership_of

UPLOAD_FIELDS = ["title", "kind", "dated_on", "tier"]
# A name that reaches the form with one of these was not a plain file name (Django strips folders from what a
# browser sends; a name given any other way may still carry them).
PATH_PARTS = ("/", "\\", "\x00")


def check_upload(upload, *, name_had_path: bool = False) -> str:
    """The content type of an acceptable upload; a ValidationError saying what is wrong with any other."""
    name = upload.name or ""
    if name_had_path or any(part in name for part in PATH_PARTS) or name in {".", ".."}:
        raise forms.ValidationError(
            _("Give the file a plain name, without folders (it has “%(name)s”)."),
            code="path",
            params={"name": name},
        )
    if len(name) > NAME_LENGTH:
        raise forms.ValidationError(
            _("Shorten the file name to %(limit)s characters at most (it has %(length)s)."),
            code="name_length",
            params={"limit": NAME_LENGTH, "length": len(name)},
        )
    if not upload.size:
        raise forms.ValidationError(_("The file is empty."), code="empty")
    limit = settings.ACIP_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is too large (%(size)s): the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    found = type_for(data, name)
    if found is None:
        raise forms.ValidationError(
            _(
                "This kind of file is not accepted. Upload a PDF, a Word, Excel or PowerPoint document, an image "
                "(PNG, JPEG, GIF, WebP), or a CSV or text file."
            ),
            code="type",
        )
    if not name.lower().endswith(found.extensions):
        raise forms.ValidationError(
            _("The file's content does not match its name: name it with %(extensions)s."),
            code="extension",
            params={"extensions": ", ".join(found.extensions)},
        )
    return found.content_type


class UploadField(forms.FileField):
    """A file field whose widget tells the browser the limit and the types (the server checks both again)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("File"))
        kwargs.setdefault("help_text", _("PDF, Office document, image, CSV or text; %(limit)s at most."))
        super().__init__(max_length=None, allow_empty_file=True, **kwargs)
        self.widget.attrs["accept"] = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp,.csv,.txt"


class UploadMixin:
    """The `upload` field and its checks; `name_had_path` comes from the view's parser (acip/documents/uploads.py)."""

    def __init__(self, *args, name_had_path: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_had_path = name_had_path
        self.fields["upload"].help_text = self.fields["upload"].help_text % {
            "limit": filesizeformat(settings.ACIP_UPLOAD_MAX_BYTES)
        }

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.cleaned_data["content_type"] = check_upload(upload, name_had_path=self.name_had_path)
        return upload


class AttachmentForm(UploadMixin, forms.ModelForm):
    """A new document on a record: what it is, who may read it, and its first file. The tiers offered are those that
    `user` may read (a delegate's document is at least their administration's, never staff-only); a forged one is
    refused at the field."""

    # The page that shows this form may show another one with a "tier" field (a side meeting's note form).
    prefix = "document"
    upload = UploadField()

    class Meta:
        model = Attachment
        fields = UPLOAD_FIELDS
        widgets = {"dated_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        readable = membership_of(user).readable_tiers
        tier = self.fields["tier"]
        tier.choices = [(value, label) for value, label in Tier.choices if value in readable]
        if Tier.STAFF not in readable:
            tier.initial = Tier.PARTNER
            tier.error_messages["invalid_choice"] = _(
                "Choose who may read the document among the choices given: shared with your administration, or "
                "with donors too."
            )


class VersionForm(UploadMixin, forms.Form):
    """A newer file of a document; the older ones are kept. It carries the number of the latest version when it was
    opened, and is refused (at the file) when someone uploaded a newer one since: its uploader should look at it
    first. A post without that number (a script) is not checked."""

    prefix = "document"
    upload = UploadField(label=_("New version"))
    opened_number = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, latest: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_number"].initial = latest

    def clean_opened_number(self) -> int | None:
        # Anything but a number (a forged post) reads as none, as a script's post without one; the page always
        # sends the right one.
        value = self.cleaned_data.get("opened_number", "")
        return int(value) if value.isdecimal() and len(value) < 6 else None

    def show_newer(self, latest: int) -> None:
        """After a refusal, carry the newer number, so that the next upload (after a look) goes through."""
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_number")] = str(latest)
