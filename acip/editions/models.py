"""A status edition: what was true of every partner of the programme on a date, frozen as data.

An edition is never re-computed from today's records: `services.edition_freeze` writes one `EditionEntry` per
partner, whose `data` is a JSON snapshot (its shape is `SCHEMA_VERSION` of `acip/editions/snapshot.py`). Nothing
edits an edition afterwards; only a superuser deletes one, in the admin, and simple-history records who did."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from acip.models import TimeStampedModel
from acip.roles import membership_of
from meetings.models import Meeting
from partners.models import PartnerAdministration


class EditionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Editions are for programme staff for now: they hold every tier's text."""
        return self if membership_of(user).sees_everything else self.none()

    def with_counts(self):
        return self.annotate(partner_count=models.Count("entries"))


class Edition(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    frozen_on = models.DateField(_("date"), help_text=_("The day whose status the edition keeps; not in the future."))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="editions",
        null=True,
        blank=True,
        verbose_name=_("committee session"),
        help_text=_("The session the edition is made for, if any."),
    )
    schema_version = models.PositiveSmallIntegerField(_("schema version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="editions",
        verbose_name=_("frozen by"),
    )

    objects = EditionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-frozen_on", "-created_at", "-pk"]
        verbose_name = _("status edition")
        verbose_name_plural = _("status editions")

    def __str__(self):
        return f"{self.title} ({self.frozen_on})"

    def get_absolute_url(self):
        return reverse("editions:detail", args=[self.pk])


class EditionEntry(models.Model):
    """One partner's snapshot in an edition. `partner` links to the administration; the snapshot keeps its names."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="entries", verbose_name=_("edition"))
    partner = models.ForeignKey(
        PartnerAdministration,
        on_delete=models.PROTECT,
        related_name="edition_entries",
        verbose_name=_("administration"),
    )
    data = models.JSONField(_("snapshot"))

    class Meta:
        ordering = ["pk"]  # the order of the freeze: the partners' country order
        verbose_name = _("edition entry")
        verbose_name_plural = _("edition entries")
        constraints = [
            models.UniqueConstraint(fields=["edition", "partner"], name="edition_entry_one_per_partner"),
        ]

    def __str__(self):
        return f"{self.edition}: {self.data['partner']['country_name']}"
