"""A person locked out by wrong passwords reads why on a page in the site's layout, resets the password from there
and logs in at once with the new one."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import caches
from playwright.sync_api import expect

from tests.e2e.checks import axe_failures, screenshot

pytestmark = pytest.mark.browser


def test_a_locked_out_person_resets_the_password_and_logs_in(page, login, settings):
    settings.AXES_ENABLED = True
    caches["default"].clear()  # the throttles' table is no model's: the live server's flush between tests keeps it
    get_user_model().objects.create_user(
        username="amina", email="amina@example.org", password="a long and secret passphrase"
    )
    for _ in range(10):
        login(page, "amina", "not the passphrase")

    expect(page.get_by_role("heading", name="This account is locked for now")).to_be_visible()
    expect(page.get_by_text("You can still reset your password now")).to_be_visible()
    assert axe_failures(page, "anonymous-locked-out") == []
    screenshot(page, "anonymous-locked-out-desktop")

    page.get_by_role("link", name="Reset your password").click()
    page.get_by_label("Email").fill("amina@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    link = re.search(r"https?://\S+/accounts/reset/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("New password*", exact=True).fill("an entirely new passphrase")  # crispy marks it required
    page.get_by_label("New password confirmation").fill("an entirely new passphrase")
    page.get_by_role("button", name="Change my password").click()
    expect(page.get_by_role("heading", name="Your password has been changed")).to_be_visible()

    login(page, "amina", "an entirely new passphrase")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
