"""The donor report in a browser, on the demo: Norad's report for 2024 and for one agreement's period, and the
period picker with an error at its field, each through axe-core at desktop and phone width (test_pages' tour), as
Norad's officer and as staff."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from acip.models import Donor
from tests.e2e.test_pages import tour

pytestmark = pytest.mark.browser


def test_the_donor_report_passes_axe_and_reads_on_a_phone(open_page):
    norad = Donor.objects.get(slug="norad")
    url = reverse("donors:report", args=[norad.slug])
    agreement = norad.agreements.order_by("starts_on").first()
    page = open_page("donor.norad")
    tour(
        page,
        "donor",
        [
            ("report", f"{url}?year=2024", 200),
            ("report-agreement", f"{url}?agreement={agreement.pk}", 200),
            ("report-bad-year", f"{url}?year=junk", 200),
        ],
    )
    page.goto(reverse("donors:home"))
    page.get_by_test_id("donor-report-link").click()
    page.get_by_label("Calendar year").fill("1900")
    page.get_by_role("button", name="Show the report").click()
    expect(page.locator("#year-error")).to_contain_text("Choose a year")


def test_staff_reach_every_donors_report_from_the_list(open_page):
    page = open_page("staff")
    page.goto(reverse("donors:home"))
    page.get_by_role("link", name="Report to Norad").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Norwegian Agency")
    tour(page, "staff", [("report", page.url, 200)])
