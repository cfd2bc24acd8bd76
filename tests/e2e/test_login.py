"""The first journey: logging in, and being refused with a wrong password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.templatetags.static import static
from django.urls import reverse
from playwright.sync_api import expect

from acip.roles import GROUP_STAFF

pytestmark = pytest.mark.browser

PASSWORD = "a long and secret passphrase"


@pytest.fixture
def staff_member():
    user = get_user_model().objects.create_user(username="amina.staff", password=PASSWORD, first_name="Amina")
    user.groups.add(Group.objects.get_or_create(name=GROUP_STAFF)[0])
    return user


def test_staff_member_logs_in_and_lands_on_the_programme_overview(page, screenshot, staff_member):
    bootstrap = static("vendor/bootstrap/bootstrap.min.css")
    with page.expect_response(lambda response: response.url.endswith(bootstrap)) as stylesheet:
        page.goto(reverse("home"))
    # The live server serves static files (see conftest.py): without them every page would be unstyled.
    assert stylesheet.value.status == 200

    expect(page).to_have_url(re.compile(re.escape(reverse("login"))))
    expect(page.get_by_role("heading", name="Log in to ACIP Tracker")).to_be_visible()
    screenshot("login")

    page.get_by_label("Username").fill("amina.staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Home is where staff work: the overview "at a glance", or the programme dashboard that home sends staff to
    # once it exists (DESIGN.md, "The pages"); narrow this to the one heading when the dashboard has landed.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("A-CIP Programme at a glance|Programme dashboard")
    )
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text("Amina")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    screenshot("home")


def test_wrong_password_shows_the_error_on_the_login_page(page, login, screenshot, staff_member):
    login(page, "amina.staff", "not the password")

    expect(page.get_by_text("Please enter a correct username and password.")).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(reverse("login"))))
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    screenshot("error")
