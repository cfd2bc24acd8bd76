"""PDFs made off the request path (acip/pdfs): queued, made by the worker, then served from the stored file; an
edition's once, a donor report's once per version of the records it reads; each seen only by whoever may see it;
the old ones pruned; a read-only list in the admin."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from acip.editions.services import edition_freeze
from acip.lib import pdf
from acip.models import Tier
from acip.pdfs.models import GeneratedPdf, PdfKind, PdfState
from acip.pdfs.services import pdfs_prune
from partners.models import StatusChange
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.acip.test_donor_report import STAFF_MARKER, assert_norad_2024, pdf_text, report_url

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def renders(monkeypatch):
    """Every PDF WeasyPrint makes, counted."""
    calls = []
    real = pdf.pdf_bytes

    def counting(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(pdf, "pdf_bytes", counting)
    return calls


def freeze(staff):
    return edition_freeze(title="Spring edition", frozen_on=datetime.date(2024, 7, 1), meeting=None, created_by=staff)


def test_the_edition_pdf_is_queued_made_by_the_worker_then_served_without_rendering_again(
    client, world, settings, renders, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    # The worker closes the connection between tasks; here that is the test's own transaction (PostgreSQL).
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    staff = make_staff()
    edition = freeze(staff)
    client.force_login(staff)
    url = reverse("editions:pdf", args=[edition.pk])

    response = client.get(url)
    document = GeneratedPdf.objects.get()
    assert response.status_code == 302 and response.url == document.get_absolute_url()
    assert (document.kind, document.edition, document.compared, document.state) == (
        PdfKind.EDITION,
        edition,
        None,
        PdfState.QUEUED,
    )
    page = client.get(response.url).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page and "this page refreshes" in page
    assert document.get_download_url() not in page
    assert client.get(document.get_download_url()).status_code == 404  # not made yet
    assert renders == []

    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.1)

    document.refresh_from_db()
    assert document.state == PdfState.DONE and document.finished_at and len(renders) == 1
    page = client.get(document.get_absolute_url()).content.decode()
    assert "http-equiv" not in page and document.get_download_url() in page
    download = client.get(document.get_download_url())
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="edition-2024-07-01-{edition.pk}.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    text = pdf_text(download.content)
    assert "Spring edition" in text and "Confidential: Staff only" in text and "Ghana" in text

    again = client.get(url)  # another request, another staff member: the stored file, not made again
    assert again.status_code == 200 and again.content == download.content
    client.force_login(make_staff("staff-2"))
    assert client.get(url).content == download.content
    assert len(renders) == 1 and GeneratedPdf.objects.count() == 1


def test_the_donor_report_pdf_is_made_once_and_served_to_whoever_may_see_the_donor(client, world, renders):
    viewer = make_donor_viewer(world["norad"])
    client.force_login(viewer)
    url = report_url(world["norad"], "donors:report_pdf", year=2024)
    response = client.get(url)  # the immediate backend (tests, make run): made in the request and served
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    document = GeneratedPdf.objects.get()
    assert (document.kind, document.donor, document.requested_by, document.query) == (
        PdfKind.DONOR_REPORT,
        world["norad"],
        viewer,
        "year=2024",
    )
    stored = pdf_text(bytes(document.content))
    assert_norad_2024(stored)
    assert STAFF_MARKER not in stored
    assert client.get(url).content == response.content
    client.force_login(make_staff())  # the report is read as Norad's viewers read it, whoever asks
    assert client.get(url).content == response.content
    assert GeneratedPdf.objects.count() == 1 and len(renders) == 1


def test_a_write_to_a_record_the_report_reads_makes_a_new_pdf(client, world, renders):
    client.force_login(make_donor_viewer(world["norad"]))
    url = report_url(world["norad"], "donors:report_pdf", year=2024)
    first = client.get(url)
    hidden = StatusChange.objects.get(partner=world["ghana"], reason=STAFF_MARKER)
    hidden.reason, hidden.tier = "MARKER-NOW-SHARED", Tier.DONORS
    hidden.save()  # through save(), as every service writes: its history moves the report's version

    second = client.get(url)
    assert second.status_code == 200 and second.content != first.content
    assert "MARKER-NOW-SHARED" in pdf_text(second.content) and "MARKER-NOW-SHARED" not in pdf_text(first.content)
    first_document, second_document = GeneratedPdf.objects.order_by("created_at", "pk")
    assert first_document.data_version != second_document.data_version and len(renders) == 2
    hidden.delete()  # a delete moves it too
    client.get(url)
    assert GeneratedPdf.objects.count() == 3 and len(renders) == 3


def test_the_default_period_and_its_year_share_one_pdf(client, world, renders):
    client.force_login(make_staff())
    last_year = timezone.localdate().year - 1
    client.get(report_url(world["norad"], "donors:report_pdf"))
    client.get(report_url(world["norad"], "donors:report_pdf", year=last_year))
    assert GeneratedPdf.objects.get().query == f"year={last_year}" and len(renders) == 1
    client.get(report_url(world["norad"], "donors:report_pdf", agreement=world["mali_agreement"].pk, year=2024))
    assert GeneratedPdf.objects.filter(query=f"agreement={world['mali_agreement'].pk}").count() == 1


def test_a_french_pdf_is_another_document(client, world, renders):
    client.force_login(make_staff())
    client.get(report_url(world["norad"], "donors:report_pdf", year=2024))
    client.get(report_url(world["norad"], "donors:report_pdf", year=2024), headers={"accept-language": "fr"})
    assert sorted(GeneratedPdf.objects.values_list("language", flat=True)) == ["en", "fr"] and len(renders) == 2


def test_a_queued_report_pdf_is_reused_and_shows_its_progress_page(client, world, settings, renders):
    settings.TASKS = DATABASE_TASKS
    client.force_login(make_donor_viewer(world["norad"]))
    url = report_url(world["norad"], "donors:report_pdf", year=2024)
    first, second = client.get(url), client.get(url)
    document = GeneratedPdf.objects.get()
    assert first.url == second.url == document.get_absolute_url() and document.state == PdfState.QUEUED
    assert renders == []


def test_only_whoever_may_see_a_pdf_sees_its_progress_page_and_file(client, world):
    staff = make_staff()
    edition = freeze(staff)
    viewer = make_donor_viewer(world["norad"])
    client.force_login(staff)
    client.get(reverse("editions:pdf", args=[edition.pk]))
    client.force_login(viewer)
    client.get(report_url(world["norad"], "donors:report_pdf", year=2024))
    edition_pdf = GeneratedPdf.objects.get(kind=PdfKind.EDITION)
    report_pdf = GeneratedPdf.objects.get(kind=PdfKind.DONOR_REPORT)

    def status(user, document):
        client.force_login(user)
        return (
            client.get(document.get_absolute_url()).status_code,
            client.get(document.get_download_url()).status_code,
        )

    assert status(viewer, report_pdf) == (200, 200)
    assert status(make_staff("staff-2"), edition_pdf) == (200, 200)
    assert status(viewer, edition_pdf) == (404, 404)
    # A donor report's PDF holds only what Norad's viewers may read, whoever asked: any of them and staff get it.
    assert status(make_donor_viewer(world["norad"], "viewer-2"), report_pdf) == (200, 200)
    assert status(staff, report_pdf) == (200, 200)
    assert status(make_donor_viewer(world["canada"]), report_pdf) == (404, 404)
    delegate = make_delegate(world["ghana"])
    assert status(delegate, report_pdf) == (404, 404)
    assert status(delegate, edition_pdf) == (404, 404)


def test_a_failure_is_recorded_and_shown_and_the_next_request_tries_again(client, world, monkeypatch):
    staff = make_staff()
    edition = freeze(staff)
    client.force_login(staff)

    def broken(html):
        raise RuntimeError("Pango gave up")

    monkeypatch.setattr(pdf, "pdf_bytes", broken)
    response = client.get(reverse("editions:pdf", args=[edition.pk]))
    document = GeneratedPdf.objects.get()
    assert document.state == PdfState.FAILED and document.error == "Pango gave up"
    page = client.get(response.url).content.decode()
    assert "could not be made" in page and "Pango gave up" in page and "http-equiv" not in page
    monkeypatch.undo()
    assert client.get(reverse("editions:pdf", args=[edition.pk])).status_code == 200
    assert GeneratedPdf.objects.filter(state=PdfState.DONE).count() == 1


def stored(staff, **fields):
    defaults = {"kind": PdfKind.DONOR_REPORT, "query": "year=2024", "language": "en", "state": PdfState.DONE}
    document = GeneratedPdf.objects.create(requested_by=staff, content=b"%PDF", **{**defaults, **fields})
    if "created_at" in fields:  # auto_now_add ignores the value given
        GeneratedPdf.objects.filter(pk=document.pk).update(created_at=fields["created_at"])
    return document


def test_pruning_deletes_superseded_old_and_stuck_pdfs_and_keeps_the_rest(world):
    staff = make_staff()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    norad, canada = world["norad"], world["canada"]
    superseded = stored(staff, donor=norad, data_version="1-1", created_at=now - 2 * day, finished_at=now - 2 * day)
    failed_then = stored(staff, donor=norad, data_version="1-1", state=PdfState.FAILED, created_at=now - 2 * day)
    current = stored(staff, donor=norad, data_version="1-2", finished_at=now - day)
    french = stored(staff, donor=norad, data_version="1-1", language="fr", finished_at=now - 2 * day)
    other_donor = stored(staff, donor=canada, data_version="1-1", finished_at=now - 2 * day)
    old = stored(staff, kind=PdfKind.EDITION, edition=freeze(staff), finished_at=now - 31 * day)
    stuck = stored(staff, donor=canada, query="year=2023", state=PdfState.QUEUED, created_at=now - day)
    queued = stored(staff, donor=canada, query="year=2022", state=PdfState.QUEUED)

    assert pdfs_prune(now=now) == 4
    kept = set(GeneratedPdf.objects.values_list("pk", flat=True))
    assert kept == {current.pk, french.pk, other_donor.pk, queued.pk}
    assert not kept & {superseded.pk, failed_then.pk, old.pk, stuck.pk}


def test_the_prune_command_says_how_many_went_and_refuses_a_bad_number(world):
    staff = make_staff()
    stored(staff, donor=world["norad"], finished_at=timezone.now() - datetime.timedelta(days=3))
    out = io.StringIO()
    call_command("prune_pdfs", "--keep-days", "5", stdout=out)
    assert out.getvalue() == "Deleted 0 stored PDF(s).\n"
    call_command("prune_pdfs", "--keep-days", "2", stdout=out)
    assert "Deleted 1 stored PDF(s)." in out.getvalue() and not GeneratedPdf.objects.exists()
    with pytest.raises(CommandError, match="whole number"):
        call_command("prune_pdfs", "--keep-days", "-1")


def test_a_pdf_pruned_while_queued_is_skipped_by_the_worker(world):
    from acip.pdfs.tasks import make_pdf

    document = stored(make_staff(), donor=world["norad"], state=PdfState.QUEUED)
    document.delete()
    make_pdf.call(document.pk)  # nothing to make, no error


def test_the_admin_lists_the_pdfs_read_only_without_reading_their_files(admin_client, world):
    staff = make_staff()
    for year in (2022, 2023, 2024):
        stored(staff, donor=world["norad"], query=f"year={year}", finished_at=timezone.now())
    url = reverse("admin:pdfs_generatedpdf_changelist")
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="field-query"') == 3 and "4\xa0bytes" in page
    assert 'href="/admin/pdfs/generatedpdf/add/"' not in page
    listing = [q["sql"] for q in captured.captured_queries if "pdfs_generatedpdf" in q["sql"]]
    # The file's size is counted by the database (LENGTH), the file itself never read.
    assert listing and not any(re.search(r'(?<!LENGTH\()"pdfs_generatedpdf"\."content"', sql) for sql in listing)
    document = GeneratedPdf.objects.first()
    change = admin_client.get(reverse("admin:pdfs_generatedpdf_change", args=[document.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert admin_client.post(reverse("admin:pdfs_generatedpdf_delete", args=[document.pk])).status_code == 403


def test_the_bench_makes_the_queued_pdf_so_that_it_measures_serving_the_stored_file(client, world, settings):
    from acip.devdata.bench import _stored_pdfs_made

    settings.TASKS = DATABASE_TASKS
    client.force_login(make_staff())
    url = report_url(world["norad"], "donors:report_pdf", year=2024)
    assert client.get(url).status_code == 302
    _stored_pdfs_made()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert GeneratedPdf.objects.get().state == PdfState.DONE
