"""The status editions pages in a browser, on the demo: the list, the freeze form (also with its errors), and an
edition with what changed since the previous one, each through axe-core at desktop and phone width (test_pages'
tour). The edition pages are staff's; the tour of test_pages.py opens only what the demo holds, which has no
edition, so this test freezes two around a change of Ghana's status."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acip.editions.services import edition_freeze
from partners.models import PartnerAdministration
from partners.services import status_change_record
from tests.e2e.checks import PHONE, axe_failures
from tests.e2e.test_pages import tour

pytestmark = pytest.mark.browser


def test_the_edition_pages_pass_axe_and_read_on_a_phone(open_page):
    page = open_page("staff")
    staff = get_user_model().objects.get(username="staff")
    today = timezone.localdate()
    first = edition_freeze(
        title="Before", frozen_on=today - datetime.timedelta(days=1), meeting=None, created_by=staff
    )
    ghana = PartnerAdministration.objects.get(slug="ghana")
    status_change_record(
        partner=ghana,
        effective_on=today,
        stage="monitoring",
        health="at_risk",
        reason="Moved",
        tier="staff",
        recorded_by=staff,
    )
    second = edition_freeze(title="After", frozen_on=today, meeting=None, created_by=staff)
    detail = reverse("editions:detail", args=[second.pk])
    tour(
        page,
        "staff",
        [
            ("edition-list", reverse("editions:list"), 200),
            ("edition-form", reverse("editions:create"), 200),
            ("edition", detail, 200),
            ("edition-first", reverse("editions:detail", args=[first.pk]), 200),
            ("edition-partner", reverse("editions:entry", args=[second.pk, ghana.pk]), 200),
            ("edition-bad-compare", detail + "?compare=junk", 200),
        ],
    )
    page.goto(detail)
    page.get_by_text("1 partner now at risk").click()
    expect(page.get_by_test_id("edition-summary").get_by_role("link", name="Ghana")).to_be_visible()
    # The form's errors, at the field, pass axe too.
    page.goto(reverse("editions:create"))
    page.get_by_label("Date").fill((today + datetime.timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Freeze the edition").click()
    expect(page.get_by_text("not a future date")).to_be_visible()
    problems = axe_failures(page, "edition-form-errors")
    page.set_viewport_size(PHONE)
    problems += axe_failures(page, "edition-form-errors on a phone")
    assert not problems, "\n".join(problems)
