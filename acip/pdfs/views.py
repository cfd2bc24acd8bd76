"""A generated PDF's progress page and its download, for whoever may see it (GeneratedPdf.objects.visible_to)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from acip.lib.pdf import PDF_CONTENT_TYPE
from acip.pdfs.models import GeneratedPdf, PdfState

#: seconds between two loads of the progress page while the PDF is being made
REFRESH_SECONDS = 3


def pdf_file_response(document: GeneratedPdf) -> HttpResponse:
    response = HttpResponse(bytes(document.content), content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def pdf_progress(request, uuid):
    document = get_object_or_404(GeneratedPdf.objects.visible_to(request.user).defer("content"), uuid=uuid)
    pending = document.state in (PdfState.QUEUED, PdfState.RUNNING)
    return render(
        request, "pdfs/progress.html", {"document": document, "pending": pending, "refresh": REFRESH_SECONDS}
    )


@require_safe
def pdf_download(request, uuid):
    document = get_object_or_404(GeneratedPdf.objects.visible_to(request.user), uuid=uuid, state=PdfState.DONE)
    return pdf_file_response(document)
