"""The task that makes a PDF, run by the worker (`manage.py db_worker`) or inline by the immediate backend.

It renders the page's own view code (the edition page's context, the donor report) for a request made up for the
user who asked, in the language they asked in, so that the PDF holds exactly what that page shows them."""

import logging

from django.contrib.messages.storage.cookie import CookieStorage
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone, translation
from django_tasks import task

from acip.pdfs.models import GeneratedPdf, PdfKind, PdfState

logger = logging.getLogger(__name__)


def _request_for(document: GeneratedPdf, path: str, query: QueryDict):
    request = RequestFactory().get(path, query)
    request.user = document.requested_by
    request._messages = CookieStorage(request)
    return request


def _render(document: GeneratedPdf) -> tuple[bytes, str]:
    if document.kind == PdfKind.EDITION:
        from acip.editions.views import edition_pdf_document

        query = QueryDict(mutable=True)
        if document.compared_id:
            query["compare"] = str(document.compared_id)
        request = _request_for(document, document.edition.get_absolute_url(), query)
        return edition_pdf_document(request, document.edition_id)
    from acip.dashboards.views import donor_report_pdf_document

    request = _request_for(document, "/", QueryDict(document.query))
    return donor_report_pdf_document(request, document.donor.slug)


@task()
def make_pdf(document_id: int) -> None:
    document = GeneratedPdf.objects.select_related("requested_by", "edition", "donor").filter(pk=document_id).first()
    if document is None or document.state == PdfState.DONE:  # pruned while queued (pdfs_prune), or made already
        return
    GeneratedPdf.objects.filter(pk=document.pk).update(state=PdfState.RUNNING)
    try:
        with translation.override(document.language):
            content, filename = _render(document)
    except Exception as error:  # recorded on the document and shown on its page, never lost in the worker's log
        logger.exception("PDF %s could not be made", document.uuid)
        GeneratedPdf.objects.filter(pk=document.pk).update(
            state=PdfState.FAILED, error=str(error)[:2000] or type(error).__name__, finished_at=timezone.now()
        )
        return
    GeneratedPdf.objects.filter(pk=document.pk).update(
        state=PdfState.DONE, content=content, filename=filename, finished_at=timezone.now()
    )
