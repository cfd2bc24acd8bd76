"""A programme officer's day, on the demo data set: the dashboard, a filter, a country from the heatmap, a change of
status with its reason, a new assessment that moves the factor table, the country page printed as a briefing, and
the partner list exported as CSV."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partners.models import Assessment, PartnerAdministration, StatusChange
from tests.e2e.checks import BrowserLog

pytestmark = pytest.mark.browser

REASON = "The Internal Affairs Unit lost two investigators; the follow-up mission is postponed."
#: The new officials' scores, factor 1 to 10.
SCORES = [52, 61, 63, 72, 55, 58, 64, 73, 47, 57]


def latest_scores(page, group: str) -> list[str]:
    """The last column of the factor table of a respondent group (the latest assessment), one cell per factor."""
    table = page.get_by_role("table", name=f"Factor scores: {group}")
    return table.locator("tbody tr td:last-child").all_inner_texts()


def test_staff_follow_a_country_from_the_dashboard_to_the_export(open_page):
    page = open_page("staff")
    log = BrowserLog(page)

    # Home is My work; the dashboard is one step on, every chart drawn under the Content-Security-Policy.
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.get_by_role("link", name="Programme dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme dashboard")
    expect(page.get_by_text("26 partner administrations")).to_be_visible()
    drawn = page.evaluate("() => [...document.querySelectorAll('canvas[data-chart]')].map(c => !!Chart.getChart(c))")
    assert len(drawn) == 7 and all(drawn), drawn

    # Filtered to one region, the heatmap keeps that region's assessed administrations.
    page.get_by_label("Region", exact=True).select_option(label="West and Central Africa")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("7 partner administrations")).to_be_visible()
    heatmap = page.locator("table.heatmap tbody")
    assessed = PartnerAdministration.objects.filter(region__code="WCA", assessments__scores__isnull=False)
    expect(heatmap.get_by_role("rowheader")).to_have_text(sorted(set(assessed.values_list("country_name", flat=True))))

    # A row of the heatmap shows the country's scores, and its name opens the country.
    ghana = heatmap.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Ghana"))
    expect(ghana.get_by_role("cell").nth(1)).to_have_text("49")  # after the assessment's cell: factor 1
    ghana.get_by_role("link", name="Ghana").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghana")
    status = page.get_by_role("region", name="Status")
    expect(status.locator(".current-status")).to_contain_text("Monitoring")
    expect(status.locator(".current-status")).to_contain_text("On track")

    # A change of status, with its reason: it becomes the current status, the old one moves to the timeline.
    page.get_by_role("link", name="Record a status change").click()
    page.get_by_label("Health").select_option(label="At risk")
    page.get_by_label("Reason for the change").fill(REASON)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The new status of Ghana is recorded.")).to_be_visible()
    expect(status.locator(".current-status")).to_contain_text("At risk")
    expect(status.locator(".current-status")).to_contain_text(REASON)
    today = timezone.localdate()
    expect(status.locator(".current-status")).to_contain_text(f"since {today.day} {today:%B %Y}")
    timeline = status.locator("ol.timeline > li")
    expect(timeline.first).to_contain_text("30 Jun 2023")
    expect(timeline.first).to_contain_text("CIPS round 2 done; results discussed.")
    expect(page.get_by_role("region", name="History")).to_contain_text(REASON)
    assert StatusChange.objects.filter(partner__slug="ghana").first().reason == REASON

    # A new assessment becomes the latest column of the factor table, and the chart draws it.
    latest = Assessment.objects.filter(partner__slug="ghana").order_by("-started_on").first()
    shown = latest.scores.filter(group="officials").order_by("factor__number").values_list("score", flat=True)
    assert latest_scores(page, "Customs officials") == [str(int(score)) for score in shown]
    page.get_by_role("link", name="Record an assessment").click()
    page.get_by_label("Kind").select_option(label="Customs Integrity Perception Survey")
    page.get_by_label("Title").fill("CIPS round 3 (2026)")
    page.get_by_label("Round").fill("3")
    page.get_by_label("Started on").fill(datetime.date(2026, 3, 2).isoformat())
    for number, score in enumerate(SCORES, start=1):
        page.get_by_label(re.compile(rf"^Customs officials: {number}\. ")).fill(str(score))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The assessment “CIPS round 3 (2026)” is saved.")).to_be_visible()
    officials = page.get_by_role("table", name="Factor scores: Customs officials")
    expect(officials.locator("thead th").last).to_contain_text("Mar 2026")
    assert latest_scores(page, "Customs officials") == [str(score) for score in SCORES]
    drawn = page.evaluate("() => ['officials', 'private'].map(g => !!Chart.getChart('factor-chart-' + g))")
    assert drawn == [True, True]

    # Printed, the page is a briefing: no navigation, no buttons.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Print briefing")).to_be_hidden()
    expect(page.get_by_text("A-CIP country status briefing")).to_be_visible()
    page.emulate_media(media="screen")

    # The partner list, filtered, exported through its own link: the CSV has the filtered rows and the new status.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Partners").click()
    page.get_by_label("Region").select_option(label="West and Central Africa")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Ghana", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    assert re.fullmatch(r"partners-\d{4}-\d{2}-\d{2}\.csv", download.value.suggested_filename)
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    expected = PartnerAdministration.objects.filter(region__code="WCA").values_list("country_name", flat=True)
    assert sorted(row["Country"] for row in rows) == sorted(expected)
    ghana = next(row for row in rows if row["Country"] == "Ghana")
    assert (ghana["Stage"], ghana["Health"], ghana["Status since"]) == ("Monitoring", "At risk", today.isoformat())
    assert "Norad" in ghana["Donors"]

    assert log.take() == []
