"""The import pages in a browser, on the demo: the list, the upload form (also with the errors of a wrong file), the
preview and the page after the confirmation, each through axe-core at desktop and phone width."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partners.models import AssessmentScore
from tests.e2e.checks import DESKTOP, PHONE, axe_failures
from tests.e2e.test_pages import tour

pytestmark = pytest.mark.browser

HEADER = "country,round,started_on,group,factor,score\n"


def at_both_widths(page, label: str) -> list[str]:
    page.set_viewport_size(DESKTOP)
    problems = axe_failures(page, label)
    page.set_viewport_size(PHONE)
    problems += axe_failures(page, f"{label} on a phone")
    page.set_viewport_size(DESKTOP)
    return problems


def test_the_import_pages_pass_axe_and_an_upload_goes_through_preview_to_confirmation(open_page, tmp_path):
    page = open_page("staff")
    upload = reverse("imports:upload", args=["survey"])
    tour(page, "staff", [("import-list", reverse("imports:list"), 200), ("import-upload", upload, 200)])

    wrong = tmp_path / "wrong.csv"
    wrong.write_text(HEADER + "Atlantis,9,2026-13-01,officials,1,140\n")
    page.goto(upload)
    page.get_by_label("File").set_input_files(str(wrong))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text("Row 2, column A (country): unknown country")
    problems = at_both_widths(page, "import-upload-errors")

    right = tmp_path / "right.csv"
    right.write_text(HEADER + "GH,9,2026-03-01,officials,1,61.5\nGH,9,2026-03-01,private,1,58\n")
    page.get_by_label("File").set_input_files(str(right))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("import-counts")).to_have_text("2 rows to create, 0 to update, 0 left alone.")
    problems += at_both_widths(page, "import-preview")
    before = AssessmentScore.objects.count()

    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_text("Imported: 2 rows created, 0 updated, 0 left alone.")).to_be_visible()
    problems += at_both_widths(page, "import-confirmed")
    assert AssessmentScore.objects.count() == before + 2
    assert not problems, "\n".join(problems)
