"""Journeys through the country status page in a real browser: the charts draw under the Content-Security-Policy,
the page reads on a phone and prints as a briefing, axe finds no serious accessibility violation, and a delegate
lands on their own page."""

import datetime
import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acip.models import Region
from acip.roles import GROUP_DELEGATES, GROUP_STAFF
from tests.acip.factories import ProfileFactory
from tests.partners.conftest import fill_partner
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.browser

PASSWORD = "a long and secret passphrase"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


@pytest.fixture(autouse=True)
def _reference_data():
    """Put the regions and integrity factors back if an earlier browser test's flush took them.

    Serialized rollback should restore them, but when ordinary database tests ran earlier in the session, the
    connection that Django uses once Playwright has started is a new object without `_test_serialized_contents`,
    so nothing is restored after the first browser test (a harness problem, reported to its owner). Loading them
    with the data migration's own function keeps these journeys independent of what ran before them.
    """
    if not Region.objects.exists():
        importlib.import_module("acip.migrations.0003_load_integrity_factors_and_regions").load(apps, None)


def person(username: str, group: str, **profile):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, first_name=username.title())
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    if profile:
        ProfileFactory(user=user, **profile)
    return user


@pytest.fixture
def ghana():
    partner = PartnerFactory(country_name="Ghana", name="Ghana Revenue Authority", slug="ghana", country_code="GH")
    fill_partner(partner, 4, today=timezone.localdate())
    return partner


def serious_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol: a <script> tag would be refused by our own CSP, as it should be.
    page.evaluate(AXE.read_text())
    # The page's own content: the navigation bar and footer belong to base.html, which has its own checks.
    result = page.evaluate("async () => await axe.run('main', {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}) {json.dumps([n['target'] for n in v['nodes']])}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_staff_reads_a_country_status_page_with_its_charts(page, login, screenshot, ghana):
    person("amina", GROUP_STAFF)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, "amina", PASSWORD)

    page.goto(reverse("partners:detail", args=[ghana.slug]))

    expect(page.get_by_role("heading", level=1)).to_have_text("Ghana")
    expect(page.get_by_role("heading", name="Integrity factor profile")).to_be_visible()
    # Chart.js drew both radars: it keeps each chart on its canvas.
    drawn = page.evaluate(
        "() => ['officials', 'private'].map(g => !!Chart.getChart(document.getElementById('factor-chart-' + g)))"
    )
    assert drawn == [True, True]
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
    screenshot("desktop")
    assert serious_violations(page) == []

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.get_by_role("heading", name="Open commitments")).to_be_visible()
    # Nothing wider than the phone's screen, except inside the tables' own scrolling boxes.
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot("phone")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Print briefing")).to_be_hidden()
    expect(page.get_by_text("A-CIP country status briefing")).to_be_visible()
    screenshot("print")


def test_the_partner_list_is_accessible_and_filters(page, login, screenshot, ghana):
    person("amina", GROUP_STAFF)
    PartnerFactory(country_name="Nepal", slug="nepal", country_code="NP")
    login(page, "amina", PASSWORD)

    page.goto(reverse("partners:list"))
    expect(page.get_by_role("link", name="Ghana")).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_label("Search").fill("nep")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Nepal")).to_be_visible()
    expect(page.get_by_role("link", name="Ghana")).to_have_count(0)
    screenshot("filtered")


def test_delegate_lands_on_their_own_page_without_staff_tools(page, login, screenshot, ghana):
    person("kofi", GROUP_DELEGATES, partner=ghana)
    login(page, "kofi", PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Ghana")
    expect(page.get_by_role("link", name="Record a status change")).to_have_count(0)
    expect(page.get_by_role("heading", name="History")).to_have_count(0)
    assert serious_violations(page) == []
    screenshot("delegate")


def test_staff_records_an_assessment_on_one_screen(page, login, ghana):
    person("amina", GROUP_STAFF)
    login(page, "amina", PASSWORD)
    page.goto(reverse("partners:assessment_create", args=[ghana.slug]))

    page.get_by_label("Kind").select_option("cips")
    page.get_by_label("Title").fill("CIPS round 3")
    page.get_by_label("Started on").fill(datetime.date(2024, 2, 1).isoformat())
    page.get_by_label("Customs officials: 1. Leadership and Commitment").fill("150")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("A score is between 0 and 100.").first).to_be_visible()
    assert serious_violations(page) == []
