"""The API's pages in a browser, on the demo: the token settings page (axe at both widths, its errors at the field,
a key shown once and revoked), and the Swagger UI documentation and the browsable API drawn under the CSP (no
inline script, nothing from a CDN: a refused script shows in the browser's log)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acip.api.models import ApiToken
from tests.e2e.checks import PHONE, BrowserLog, axe_failures, field_error
from tests.e2e.test_pages import tour

pytestmark = pytest.mark.browser


def test_a_user_makes_and_revokes_a_token_on_an_accessible_page(open_page):
    page = open_page("staff")
    tour(page, "staff", [("api-tokens", reverse("api_tokens:list"), 200)])
    page.goto(reverse("api_tokens:list"))
    page.get_by_label("Name").fill("Dashboard")
    page.get_by_label("Expires on").fill((timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Create token").click()
    assert "later day" in field_error(page.get_by_label("Expires on"))
    problems = axe_failures(page, "api-tokens-errors")
    page.set_viewport_size(PHONE)
    problems += axe_failures(page, "api-tokens-errors on a phone")
    assert not problems, "\n".join(problems)

    page.get_by_label("Expires on").fill((timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Create token").click()
    key = page.get_by_label("New token").input_value()
    assert key.startswith("acip_")
    assert not axe_failures(page, "api-tokens-new-key")
    page.get_by_role("button", name="Revoke Dashboard").click()
    expect(page.get_by_text("is revoked")).to_be_visible()
    assert ApiToken.objects.get(name="Dashboard").revoked_at is not None


def test_the_docs_and_the_browsable_api_draw_under_the_csp(open_page):
    page = open_page("staff")
    log = BrowserLog(page)
    page.goto(reverse("api:docs"))
    expect(page.locator(".swagger-ui .title")).to_contain_text("ACIP Tracker API")
    expect(page.locator(".opblock-tag").first).to_be_visible()
    page.goto(reverse("api:partner-list"))
    expect(page.get_by_text("Ghana").first).to_be_visible()
    assert not log.take()
