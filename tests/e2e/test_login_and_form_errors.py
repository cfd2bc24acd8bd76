"""What everyone meets when something is wrong: a wrong password is refused with a message on the login page, and
bad input in a form gets its message next to the field (linked to it for a screen reader) with nothing saved."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Meeting
from partners.models import Assessment, StatusChange
from tests.e2e.checks import axe_failures, field_error, screenshot

pytestmark = pytest.mark.browser


def test_a_wrong_password_is_refused_with_a_message(page, login):
    get_user_model().objects.create_user(username="amina", password="a long and secret passphrase")
    bootstrap = static("vendor/bootstrap/bootstrap.min.css")
    with page.expect_response(lambda response: response.url.endswith(bootstrap)) as stylesheet:
        page.goto(reverse("home"))
    # The live server serves static files (see conftest.py): without them every page would be unstyled.
    assert stylesheet.value.status == 200
    expect(page).to_have_url(re.compile(re.escape(reverse("login"))))
    expect(page.get_by_role("heading", name="Log in to ACIP Tracker")).to_be_visible()

    login(page, "amina", "not the passphrase")

    expect(page.get_by_text("Please enter a correct username and password.")).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(reverse("login"))))
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    expect(page.get_by_label("Username")).to_have_value("amina")
    assert axe_failures(page, "anonymous-login-error") == []
    screenshot(page, "anonymous-login-error-desktop")

    login(page, "amina", "a long and secret passphrase")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_bad_input_in_a_form_shows_a_message_at_the_field(open_page):
    page = open_page("staff")
    statuses, assessments, meetings = StatusChange.objects.count(), Assessment.objects.count(), Meeting.objects.count()

    # A status change without its reason.
    page.goto(reverse("partners:status_create", args=["ghana"]))
    page.get_by_label("Health").select_option(label="Off track")
    page.get_by_role("button", name="Save").click()
    reason = page.get_by_label("Reason for the change")
    expect(reason).to_have_attribute("aria-invalid", "true")
    assert field_error(reason) == "Give the reason for this status."
    expect(page.get_by_label("Health")).to_have_value("off_track")  # what was typed is kept
    assert axe_failures(page, "staff-form-status-error") == []
    screenshot(page, "staff-form-status-error-desktop")

    # A score out of range, in the assessment's table of scores.
    page.goto(reverse("partners:assessment_create", args=["ghana"]))
    page.get_by_label("Kind").select_option(label="Customs Integrity Perception Survey")
    page.get_by_label("Title").fill("CIPS round 3")
    page.get_by_label("Started on").fill("2026-03-02")
    score = page.get_by_label("Customs officials: 1. Leadership and Commitment")
    score.fill("150")
    page.get_by_role("button", name="Save").click()
    score = page.get_by_label("Customs officials: 1. Leadership and Commitment")
    assert field_error(score) == "A score is between 0 and 100."
    assert axe_failures(page, "staff-form-assessment-error") == []

    # A meeting that ends before it starts.
    page.goto(reverse("meetings:create"))
    page.get_by_label("Kind").select_option(label="Workshop")
    page.get_by_label("Title").fill("Regional integrity workshop")
    page.get_by_label("Starts on").fill(datetime.date(2027, 5, 12).isoformat())
    page.get_by_label("Ends on").fill(datetime.date(2027, 5, 10).isoformat())
    page.get_by_role("button", name="Create meeting").click()
    assert field_error(page.get_by_label("Ends on")) == "The meeting cannot end before it starts."
    assert axe_failures(page, "staff-form-meeting-error") == []

    assert (StatusChange.objects.count(), Assessment.objects.count(), Meeting.objects.count()) == (
        statuses,
        assessments,
        meetings,
    )
