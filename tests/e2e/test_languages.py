"""The language switch in a browser: a visitor picks French (or Spanish) on the login page with the navigation bar's
button (a plain form post, no script), logs in with the French (Spanish) form, and reads the main pages in that
language; they pass axe-core and fit a phone as the English ones do (screenshots:
artifacts/screenshots/<role>-<fr|es>-<page>-<desktop|phone>.png). On a phone, English is one tap away in the menu."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.checks import DESKTOP, PHONE, SCREENSHOTS
from tests.e2e.test_pages import demo_records, tour

pytestmark = pytest.mark.browser


def french_staff_pages(r) -> list[tuple[str, str, int]]:
    ghana, meeting = r["ghana"].slug, r["meeting"].uuid
    return [
        ("dashboard", reverse("dashboard:home"), 200),
        ("partner-list", reverse("partners:list"), 200),
        ("country", reverse("partners:detail", args=[ghana]), 200),
        ("meeting-list", reverse("meetings:list"), 200),
        ("meeting-calendar", reverse("meetings:calendar") + f"?month={r['meeting'].starts_on:%Y-%m}", 200),
        ("meeting", reverse("meetings:detail", args=[meeting]), 200),
        ("side-meeting", reverse("meetings:side_meeting", args=[r["side_meeting"].uuid]), 200),
        ("commitment-list", reverse("meetings:commitments"), 200),
        ("briefing", reverse("meetings:briefing", args=[r["coming"].uuid]), 200),
        ("donor-view", reverse("donors:detail", args=["norad"]), 200),
        ("form-status", reverse("partners:status_create", args=[ghana]), 200),
        ("form-assessment-new", reverse("partners:assessment_create", args=[ghana]), 200),
        ("settings", reverse("reminders:preferences"), 200),
    ]


def test_a_visitor_switches_to_french_reads_the_site_in_it_and_switches_back(page, demo):
    page.goto(reverse("login"))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Français").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Connexion à ACIP Tracker")).to_be_visible()
    tour(page, "anonymous-fr", [("login", reverse("login"), 200)])

    page.set_viewport_size(DESKTOP)
    page.get_by_label("Nom d’utilisateur").fill("staff")
    page.get_by_label("Mot de passe").fill(demo["staff"])
    page.get_by_role("button", name="Se connecter").click()
    # Staff land on "My work" (home's first page), in French.
    expect(page.get_by_role("heading", name="Mon travail", exact=True)).to_be_visible()
    tour(page, "staff-fr", french_staff_pages(demo_records()))

    # On a phone the switch sits in the collapsed menu, with the rest of the navigation.
    page.goto(reverse("dashboard:home"))
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Afficher ou masquer la navigation").click()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Programme dashboard")).to_be_visible()
    page.get_by_role("button", name="Toggle navigation").click()
    expect(page.get_by_role("button", name="Français")).to_be_visible()
    expect(page.locator("#main-nav")).not_to_have_class(re.compile("collapsing"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("nav.navbar").screenshot(path=SCREENSHOTS / "staff-navbar-open-phone.png")


def spanish_staff_pages(r) -> list[tuple[str, str, int]]:
    ghana, meeting = r["ghana"].slug, r["meeting"].uuid
    return [
        ("dashboard", reverse("dashboard:home"), 200),
        ("partner-list", reverse("partners:list"), 200),
        ("country", reverse("partners:detail", args=[ghana]), 200),
        ("meeting", reverse("meetings:detail", args=[meeting]), 200),
        ("results", reverse("results:home"), 200),
        ("donor-view", reverse("donors:detail", args=["norad"]), 200),
    ]


def test_a_visitor_switches_to_spanish_and_reads_the_factors_in_spanish(page, demo):
    page.goto(reverse("login"))
    page.get_by_role("button", name="Español").click()

    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Iniciar sesión en ACIP Tracker")).to_be_visible()
    tour(page, "anonymous-es", [("login", reverse("login"), 200)])

    page.set_viewport_size(DESKTOP)
    page.get_by_label("Nombre de usuario").fill("staff")
    page.get_by_label("Contraseña").fill(demo["staff"])
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("heading", name="Mi trabajo", exact=True)).to_be_visible()
    tour(page, "staff-es", spanish_staff_pages(demo_records()))

    # The reference data reads in Spanish; the records stay as entered.
    page.set_viewport_size(DESKTOP)
    page.goto(reverse("dashboard:home"))
    expect(page.get_by_role("heading", name="Panel del programa")).to_be_visible()
    page.locator("summary", has_text="Los diez factores").first.click()
    legend = page.locator("details[open] li strong", has_text="Liderazgo y compromiso").first
    expect(legend).to_be_visible()
    expect(page.get_by_role("button", name="Français")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Programme dashboard")).to_be_visible()
