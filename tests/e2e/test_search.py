"""The search in a browser, on the demo: the navigation's box, the results of every kind, one kind's page and a
bad query's message, each through axe-core at desktop and phone width (test_pages' tour), for staff and a delegate."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_pages import tour

pytestmark = pytest.mark.browser

RESULTS = reverse("search:results")


def test_staff_search_from_the_navigation_and_the_pages_pass_axe(open_page):
    page = open_page("staff")
    page.goto(reverse("meetings:list"))
    page.get_by_role("search", name="Search every record").get_by_label("Search for").fill("integrity")
    page.get_by_role("search", name="Search every record").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Notes")).to_be_visible()
    expect(page.get_by_test_id("results-notes").locator("mark").first).to_have_text("integrity", ignore_case=True)
    tour(
        page,
        "staff",
        [
            ("search", f"{RESULTS}?q=integrity", 200),
            ("search-notes", f"{RESULTS}?q=integrity&kind=notes", 200),
            ("search-empty", RESULTS, 200),
            ("search-bad", f"{RESULTS}?q=%26%7C%21", 200),
        ],
    )
    page.goto(f"{RESULTS}?q=%26%7C%21")
    expect(page.get_by_text("punctuation and operators alone match nothing")).to_be_visible()


def test_a_delegate_search_passes_axe(open_page):
    page = open_page("delegate.ghana")
    tour(page, "delegate", [("search", f"{RESULTS}?q=integrity", 200)])
