"""A donor viewer, on the demo data set (Norad's): the donor view first, with its charts and their figures, only the
administrations Norad funds, and no staff-only text on any page they can reach from it."""

import html
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from playwright.sync_api import expect

from acip.models import Tier
from tests.e2e.checks import BrowserLog

pytestmark = pytest.mark.browser


def staff_only_texts() -> set[str]:
    """Every free text of a staff-only record of the programme (a note, a status reason, a commitment...), found
    through the models that carry a confidentiality tier, so that a new tiered model is covered too."""
    texts = set()
    for label in ("acip", "partners", "meetings"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical") or "tier" not in {f.name for f in model._meta.fields}:
                continue
            names = [
                f.name
                for f in model._meta.fields
                if isinstance(f, models.TextField | models.CharField) and not f.choices
            ]
            for row in model.objects.filter(tier=Tier.STAFF).values(*names):
                texts.update(value for value in row.values() if value and len(value) >= 12)
    return texts


def test_donor_viewer_sees_their_donor_view_and_nothing_staff_only(open_page):
    page = open_page("donor.norad")
    log = BrowserLog(page)

    # Home is their donor's view, with its charts drawn and the figures behind them.
    expect(page).to_have_url(reverse("donors:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Norwegian Agency for Development Cooperation")
    drawn = page.evaluate("() => [...document.querySelectorAll('canvas[data-chart]')].map(c => !!Chart.getChart(c))")
    assert drawn and all(drawn), drawn
    page.get_by_text("Show the figures").first.click()
    expect(page.locator("table[data-chart-table='chart-donor-stage']")).to_be_visible()
    expect(page.get_by_role("heading", name="17 administrations covered")).to_be_visible()

    # Only what Norad funds: Ghana, not Mexico (Global Affairs Canada's), and no staff pages.
    covered = page.locator("[data-testid='covered-partners']")
    expect(covered.get_by_role("link", name="Ghana")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Mexico")
    expect(page.get_by_role("link", name="Dashboard")).to_have_count(0)
    assert page.request.get(reverse("dashboard:home")).status == 403
    assert page.request.get(reverse("partners:detail", args=["mexico"])).status == 404

    # No staff-only text on the donor view nor on any page it links to (every covered country's page).
    secrets = staff_only_texts()
    assert len(secrets) >= 5, secrets  # the demo's staff-only notes, reasons and commitments
    hrefs = page.locator("main a[href^='/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    pages = {reverse("donors:home")} | {urlsplit(href).path for href in hrefs if "/exports/" not in href}
    assert reverse("partners:detail", args=["ghana"]) in pages and len(pages) > 17
    leaks = []
    for path in sorted(pages):
        response = page.request.get(path)
        assert response.status == 200, path
        body = response.text()
        leaks += [f"{path}: {text!r}" for text in secrets if text in body or html.escape(text) in body]
        if "Staff only" in body:
            leaks.append(f"{path}: a 'Staff only' label")
    assert leaks == []

    # The country page itself, as they see it.
    covered.get_by_role("link", name="Ghana").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghana")
    expect(page.get_by_role("link", name="Record a status change")).to_have_count(0)
    expect(page.get_by_role("region", name="History")).to_have_count(0)

    assert log.take() == []
