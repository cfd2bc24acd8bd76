"""Documents in a browser, on the demo: the country page's documents section with its upload form open, a document
uploaded through it, the upload page with its errors and the new-version page, each through axe-core at desktop
and phone width."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from acip.documents.services import attachment_create, attachment_version_add
from partners.models import PartnerAdministration
from tests.e2e.checks import DESKTOP, PHONE, axe_failures
from tests.e2e.test_pages import tour

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.7\n%%EOF\n"


def _pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _both_widths(page, label: str) -> list[str]:
    page.set_viewport_size(DESKTOP)
    problems = axe_failures(page, label)
    page.set_viewport_size(PHONE)
    return problems + axe_failures(page, f"{label} on a phone")


def test_the_documents_section_and_upload_pages_pass_axe(open_page, tmp_path):
    page = open_page("staff")
    staff = get_user_model().objects.get(username="staff")
    ghana = PartnerAdministration.objects.get(slug="ghana")
    data = {"title": "Scoping mission report", "kind": "mission_report", "dated_on": datetime.date(2025, 3, 1)}
    attachment = attachment_create(
        parent=ghana,
        data={**data, "tier": "partner", "upload": _pdf("scoping.pdf"), "content_type": "application/pdf"},
        user=staff,
    )
    attachment_version_add(
        attachment=attachment, data={"upload": _pdf("scoping-v2.pdf"), "content_type": "application/pdf"}, user=staff
    )
    tour(
        page,
        "staff",
        [
            ("document-upload", reverse("documents:create", args=["partner", ghana.slug]), 200),
            ("document-version", reverse("documents:version_create", args=[attachment.uuid]), 200),
        ],
    )
    page.set_viewport_size(DESKTOP)
    page.goto(ghana.get_absolute_url() + "#documents")
    section = page.locator("#documents")
    expect(section.get_by_role("link", name="Scoping mission report", exact=True)).to_be_visible()
    section.get_by_text("1 older version").click()
    section.get_by_text("Upload a document").click()
    problems = _both_widths(page, "documents-section")

    # An upload through the form, then the form's errors at the field.
    page.set_viewport_size(DESKTOP)
    report = tmp_path / "minutes.pdf"
    report.write_bytes(PDF)
    form = section.locator("form")
    form.get_by_label("Title").fill("Minutes of the steering committee")
    form.get_by_label("Date").fill("2025-04-02")
    form.get_by_label("File").set_input_files(str(report))
    form.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("“Minutes of the steering committee” is attached.")).to_be_visible()

    executable = tmp_path / "report.pdf"
    executable.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    page.goto(reverse("documents:create", args=["partner", ghana.slug]))
    page.get_by_label("Title").fill("Renamed program")
    page.get_by_label("Date").fill("2025-04-02")
    page.get_by_label("File").set_input_files(str(executable))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("This kind of file is not accepted")).to_be_visible()
    problems += _both_widths(page, "document-upload-errors")
    assert not problems, "\n".join(problems)


def test_a_delegate_uploads_to_their_page_and_staff_find_it_in_the_review_queue(open_page, tmp_path):
    """delegate.ghana uploads a document to Ghana's page with the tiers they may read, then a newer version of it;
    staff see it marked as the delegation's, with its uploader, in the review queue and on the page."""
    ghana = PartnerAdministration.objects.get(slug="ghana")
    delegate = open_page("delegate.ghana")
    delegate.set_viewport_size(DESKTOP)
    delegate.goto(ghana.get_absolute_url() + "#documents")
    section = delegate.locator("#documents")
    section.get_by_text("Upload a document").click()
    form = section.locator("form")
    tier = form.get_by_label("Confidentiality")
    assert tier.locator("option").all_inner_texts() == ["Shared with the partner", "Shared with donors"]
    problems = _both_widths(delegate, "delegate-documents-section")

    delegate.set_viewport_size(DESKTOP)
    plan = tmp_path / "action-plan.pdf"
    plan.write_bytes(PDF)
    form.get_by_label("Title").fill("Our integrity action plan")
    form.get_by_label("Date").fill("2025-05-06")
    form.get_by_label("File").set_input_files(str(plan))
    form.get_by_role("button", name="Upload").click()
    expect(delegate.get_by_text("“Our integrity action plan” is attached.")).to_be_visible()
    expect(delegate.get_by_role("link", name="Our integrity action plan", exact=True)).to_be_visible()

    # A newer version through the same page as staff's, its errors at the field first.
    delegate.get_by_role("link", name="Upload a new version of “Our integrity action plan”").click()
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    delegate.get_by_label("New version").set_input_files(str(empty))
    delegate.get_by_role("button", name="Upload").click()
    expect(delegate.get_by_text("The file is empty.")).to_be_visible()
    problems += _both_widths(delegate, "delegate-version-errors")
    delegate.set_viewport_size(DESKTOP)
    delegate.get_by_label("New version").set_input_files(str(plan))
    delegate.get_by_role("button", name="Upload").click()
    expect(delegate.get_by_text("Version 2 of “Our integrity action plan” is uploaded")).to_be_visible()

    staff = open_page("staff")
    staff.set_viewport_size(DESKTOP)
    staff.goto(reverse("participation:queue"))
    uploads = staff.get_by_test_id("delegation-uploads")
    expect(uploads).to_contain_text("Ghana: Our integrity action plan")
    expect(uploads).to_contain_text("version 2, action-plan.pdf")
    problems += _both_widths(staff, "queue-with-delegation-uploads")
    staff.set_viewport_size(DESKTOP)
    uploads.get_by_role("link", name="Ghana: Our integrity action plan").first.click()
    expect(staff.locator("#documents").get_by_test_id("from-delegation").first).to_be_visible()
    assert not problems, "\n".join(problems)
