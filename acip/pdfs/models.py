"""A PDF made by the task worker: what it is, who asked, how far it got, and the file.

The file is kept in a BinaryField, not in the default storage: these PDFs are a few hundred KB, served only through
the access checks of this app (never by a storage URL), and a row and its file then go together (no orphan files, no
bucket settings, the database backup holds them).

An edition is immutable, so its PDF is made once per (edition, compared edition, language) and served to every
staff member after. A donor report reads live records: its PDF is made once per (donor, period, language, version of
the records it reads) and served to whoever may see the donor until one of those records changes (the invalidation
rule: `acip.dashboards.reports.report_data_version`, a stamp of the history tables of every model the report reads;
a save or a delete of any of their rows makes the next request make a new PDF). Every reader gets the same document:
the report is read as the donor's viewers see it, whoever asks (`acip.access.donor_reader`).

Old and superseded PDFs are deleted by `manage.py prune_pdfs` (acip/pdfs/services.py, `pdfs_prune`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from acip.access import donors_visible_to, membership_of


class PdfKind(models.TextChoices):
    EDITION = "edition", _("Status edition")
    DONOR_REPORT = "donor_report", _("Donor report")


class PdfState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class GeneratedPdfQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An edition's PDF for whoever may read the edition (staff); a donor report's for whoever may see the
        donor (its viewers and staff: the report holds only what the donor's viewers may read, whoever asked)."""
        from acip.editions.models import Edition

        membership = membership_of(user)
        if not user.is_authenticated:
            return self.none()
        editions = Q(kind=PdfKind.EDITION, edition__in=Edition.objects.visible_to(user))
        if not membership.sees_everything:
            editions = Q(pk__in=[])
        reports = Q(kind=PdfKind.DONOR_REPORT, donor__in=donors_visible_to(user))
        return self.filter(editions | reports)


class GeneratedPdf(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=PdfKind.choices)
    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, null=True, blank=True, related_name="pdfs"
    )
    compared = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    donor = models.ForeignKey("acip.Donor", on_delete=models.CASCADE, null=True, blank=True, related_name="pdfs")
    #: the report page's query string (the period asked for: `year=2024` or `agreement=3`), read again by the task
    query = models.CharField(_("query"), max_length=500, blank=True)
    #: a donor report's: the version of the records it was made from (`report_data_version`), reused while it holds
    data_version = models.CharField(_("data version"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=10)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=PdfState.choices, default=PdfState.QUEUED)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content = models.BinaryField(_("content"), blank=True, default=b"")
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = GeneratedPdfQuerySet.as_manager()

    class Meta:
        verbose_name = _("generated PDF")
        verbose_name_plural = _("generated PDFs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "edition", "compared", "language"], name="pdfs_edition_key"),
            models.Index(fields=["kind", "donor", "query", "language", "data_version"], name="pdfs_donor_report_key"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.uuid}"

    def get_absolute_url(self):
        return reverse("pdfs:progress", args=[self.uuid])

    def page_url(self):
        """The page this PDF was made from."""
        if self.kind == PdfKind.EDITION:
            return self.edition.get_absolute_url()
        url = reverse("donors:report", args=[self.donor.slug])
        return f"{url}?{self.query}" if self.query else url

    def get_download_url(self):
        return reverse("pdfs:download", args=[self.uuid])
