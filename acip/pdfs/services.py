"""Asking for a PDF: reuse the finished (or queued) one of the same key, or record a new document and hand it to the
task worker; and deleting the old ones (`pdfs_prune`, run by `manage.py prune_pdfs`)."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from acip.pdfs.models import GeneratedPdf, PdfKind, PdfState

#: A finished PDF is kept this long after it was made (a new one is made on the next request after that).
KEEP_DAYS = 30
#: A document still queued or being made after this long was lost by a worker that stopped: it may go.
STUCK_HOURS = 6


def _enqueue(document: GeneratedPdf) -> GeneratedPdf:
    from acip.pdfs.tasks import make_pdf

    make_pdf.enqueue(document.pk)
    # The immediate backend (development, tests) has made it by now; the database backend has only queued it.
    document.refresh_from_db()
    return document


def _reused_or_new(*, user, **key) -> GeneratedPdf:
    """The document of this key that is ready, queued or being made, or a new one handed to the worker (one that
    failed is made again)."""
    existing = GeneratedPdf.objects.filter(**key).exclude(state=PdfState.FAILED).first()
    if existing is not None:
        return existing
    return _enqueue(GeneratedPdf.objects.create(requested_by=user, **key))


def edition_pdf_request(*, edition, compared, language: str, user) -> GeneratedPdf:
    """An edition is immutable: its PDF (with this comparison, in this language) is made once and reused."""
    return _reused_or_new(
        user=user, kind=PdfKind.EDITION, edition=edition, compared=compared, language=language, data_version=""
    )


def donor_report_pdf_request(*, donor, query: str, language: str, data_version: str, user) -> GeneratedPdf:
    """A donor report's PDF for a period (`query`) in a language is made once per version of the records it reads
    (`acip.dashboards.reports.report_data_version`) and reused by whoever may see the donor until they change."""
    return _reused_or_new(
        user=user,
        kind=PdfKind.DONOR_REPORT,
        donor=donor,
        query=query,
        language=language,
        data_version=data_version,
    )


def pdfs_prune(*, now: datetime.datetime | None = None, keep_days: int = KEEP_DAYS) -> int:
    """Delete the PDFs nobody will be served again, and return how many went:

    - a donor report's made from records that have changed since: a newer document of the same donor, period and
      language is ready (the next request would make a new one anyway);
    - any document finished (made or failed) more than `keep_days` ago: it is made again if someone asks;
    - a document queued or being made for more than STUCK_HOURS (its worker stopped).
    """
    now = now or timezone.now()
    newer = GeneratedPdf.objects.filter(
        kind=PdfKind.DONOR_REPORT,
        donor=OuterRef("donor"),
        query=OuterRef("query"),
        language=OuterRef("language"),
        state=PdfState.DONE,
        created_at__gt=OuterRef("created_at"),
    ).exclude(data_version=OuterRef("data_version"))
    pending = Q(state__in=[PdfState.QUEUED, PdfState.RUNNING])
    doomed = GeneratedPdf.objects.filter(
        Q(kind=PdfKind.DONOR_REPORT, state__in=[PdfState.DONE, PdfState.FAILED]) & Q(Exists(newer))
        | Q(finished_at__lt=now - datetime.timedelta(days=keep_days)) & ~pending
        | Q(created_at__lt=now - datetime.timedelta(hours=STUCK_HOURS)) & pending
    )
    with transaction.atomic():
        deleted, _by_model = doomed.delete()
    return deleted
