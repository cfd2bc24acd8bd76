"""Documents attached to the programme's records: a Project Information Document on a plan, a mission report on an
activity, a survey deck on an assessment, the minutes of a meeting.

An `Attachment` hangs off exactly one record (one of the six nullable keys of `PARENTS`, a CHECK constraint says
so) and carries its own tier; its files are `AttachmentVersion` rows, never overwritten: a newer upload is a new
version and the older ones stay downloadable. Who may see an attachment is the access layer's answer for its record
AND its tier (`AttachmentQuerySet.visible_to`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from acip.access import ScopedQuerySet
from acip.lib.urls import reverse_one
from acip.models import TieredModel, TimeStampedModel
from acip.roles import membership_of
from meetings.models import Meeting, SideMeeting
from partners.models import Activity, Assessment, CountryPlan, PartnerAdministration

#: The records an attachment may hang off, by the name of its key.
PARENTS = ("partner", "plan", "assessment", "activity", "meeting", "side_meeting")
#: The longest original file name kept (and accepted).
NAME_LENGTH = 200


class DocumentKind(models.TextChoices):
    PID = "pid", _("Project Information Document")
    MISSION_REPORT = "mission_report", _("Mission report")
    SURVEY_RESULTS = "survey_results", _("Survey results")
    MINUTES = "minutes", _("Minutes")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other")


class AttachmentQuerySet(ScopedQuerySet):
    tier_scope = "row"

    def visible_to(self, user):
        """The attachments whose record the user may see (each record's own rules: a meeting through its
        attendance, a plan by its tier...) and whose own tier the user may read."""
        membership = membership_of(user)
        if membership.sees_everything:
            return self
        records = Q()
        for name in PARENTS:
            related = self.model._meta.get_field(name).related_model
            records |= Q(**{f"{name}__in": related.objects.visible_to(user).values("pk")})
        return self.filter(records, tier__in=membership.readable_tiers)

    def of_partner_page(self, partner: PartnerAdministration):
        """What the country page lists: the administration's own attachments and its plans', assessments' and
        activities'."""
        return self.filter(
            Q(partner=partner)
            | Q(plan__partner=partner)
            | Q(assessment__partner=partner)
            | Q(activity__partner=partner)
        )


def parent_name_of(record) -> str:
    """The key of `PARENTS` that points at a record of this kind."""
    return next(name for name in PARENTS if Attachment._meta.get_field(name).related_model is type(record))


def _exactly_one(names) -> Q:
    """One of the keys `names` set, the others empty."""
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__isnull": False}, **{other: None for other in names if other != name})
    return condition


def _parent_key(model, label):
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        related_name="attachments",
        null=True,
        blank=True,
        verbose_name=label,
    )


class Attachment(TieredModel, TimeStampedModel):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    dated_on = models.DateField(_("date"), help_text=_("The date of the document itself (of a mission, a meeting)."))
    partner = _parent_key(PartnerAdministration, _("administration"))
    plan = _parent_key(CountryPlan, _("country plan"))
    assessment = _parent_key(Assessment, _("assessment"))
    activity = _parent_key(Activity, _("activity"))
    meeting = _parent_key(Meeting, _("meeting"))
    side_meeting = _parent_key(SideMeeting, _("side meeting"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("uploaded by")
    )

    objects = AttachmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-dated_on", "title", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one(PARENTS),
                name="attachment_on_exactly_one_record",
                violation_error_message=_("Attach the document to exactly one record."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_one("documents:download", self.uuid)

    @property
    def parent_name(self) -> str:
        """The key of `PARENTS` that is set."""
        return next(name for name in PARENTS if getattr(self, f"{name}_id") is not None)

    @property
    def record(self):
        """The record the attachment hangs off (loaded with it by the selectors)."""
        return getattr(self, self.parent_name)


def version_key(version: "AttachmentVersion", filename: str) -> str:
    """Where a version's file is stored: named by ids alone, never by what the uploader called it."""
    return f"attachments/{version.attachment.uuid}/{uuid.uuid4().hex}"


class AttachmentVersion(models.Model):
    """One uploaded file of an attachment. Rows are never changed: a newer file is a new version."""

    attachment = models.ForeignKey(
        Attachment, on_delete=models.CASCADE, related_name="versions", verbose_name=_("attachment")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_key, max_length=300)
    original_name = models.CharField(_("file name"), max_length=NAME_LENGTH)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="attachment_versions",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    by_delegation = models.BooleanField(
        _("uploaded by the delegation"),
        default=False,
        help_text=_("Uploaded by a delegate of the administration rather than by the programme staff."),
    )

    class Meta:
        ordering = ["attachment", "-number"]
        verbose_name = _("attachment version")
        verbose_name_plural = _("attachment versions")
        constraints = [
            models.UniqueConstraint(fields=["attachment", "number"], name="attachment_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.attachment} (v{self.number})"

    def get_absolute_url(self):
        return reverse("documents:version_download", args=[self.attachment.uuid, self.number])
