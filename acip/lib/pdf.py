"""PDF documents made on the server by WeasyPrint from the same template as their page.

A page's template extends `{{ layout }}`: `base.html` in the browser, `print_base.html` here, which has no navigation,
loads only our print stylesheet (`static/css/print.css`: the cover, page numbers, the date and "Confidential:
<tier>" in the page margins) and opens with a cover. WeasyPrint reads the stylesheet from our static files through
`StaticFetcher`, never over the network: any other URL is refused.

WeasyPrint needs Pango (Debian's libpango-1.0-0 and libpangoft2-1.0-0) and fonts; without them, or without the
package, `pdf_response` answers a page that says the PDF cannot be made (503), never a 500.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

PDF_CONTENT_TYPE = "application/pdf"
PRINT_LAYOUT = "print_base.html"
SCREEN_LAYOUT = "base.html"
#: The address WeasyPrint resolves the page's relative URLs against; nothing is ever fetched from it.
BASE_URL = "http://pdf.invalid/"


def weasyprint_error() -> str | None:
    """Why WeasyPrint cannot be loaded here, or None when it can (its import loads Pango)."""
    try:
        import weasyprint  # noqa: F401 (imported to see whether it loads)
    except (ImportError, OSError) as error:
        return str(error)
    return None


def static_file(url: str) -> Path | None:
    """The file of one of our static URLs (`/static/css/print.css`), or None for any other URL."""
    path = unquote(urlsplit(url).path)
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not path.startswith(prefix):
        return None
    relative = path.removeprefix(prefix)
    if ".." in Path(relative).parts:
        return None
    collected = Path(settings.STATIC_ROOT) / relative
    if collected.is_file():
        return collected
    found = finders.find(relative)
    return Path(found) if found else None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        """Serves our static files to WeasyPrint and refuses every other URL, so that making a PDF never goes out
        to the network (data: URLs are read in place)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = static_file(url)
            if found is None:
                raise ValueError(f"Not one of our static files: {url}")
            mime_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": mime_type})

    return StaticFetcher(allowed_protocols=("http", "https", "data"))


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


def unavailable_response(request, page_url: str) -> HttpResponse | None:
    """The 503 page saying why when WeasyPrint cannot be loaded here; None when PDFs can be made."""
    error = weasyprint_error()
    if error is None:
        return None
    logger.error("PDF unavailable: WeasyPrint cannot be loaded: %s", error)
    return render(request, "pdf_unavailable.html", {"back_url": page_url}, status=503)


def render_pdf(request, template: str, context: dict, *, tier_label: str) -> bytes:
    """The page's template rendered in the print layout, made into a PDF (by the task worker, see acip/pdfs)."""
    context = {
        **context,
        "layout": PRINT_LAYOUT,
        "for_print": True,
        "confidential": tier_label,
        "printed_on": timezone.localdate(),
    }
    return pdf_bytes(render_to_string(template, context, request=request))


def pdf_response(
    request, template: str, context: dict, *, filename: str, tier_label: str, page_url: str
) -> HttpResponse:
    """The page's template rendered in the print layout, as a PDF download named `<filename>.pdf`; a 503 page saying
    why when WeasyPrint cannot be loaded."""
    unavailable = unavailable_response(request, page_url)
    if unavailable is not None:
        return unavailable
    response = HttpResponse(
        render_pdf(request, template, context, tier_label=tier_label), content_type=PDF_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
