"""A textarea with a limit shows a character counter once the text nears it (static/js/char-count.js): seen as the
person types, heard by a screen reader when typing pauses (a polite live region that the field names in its
aria-describedby). Over the limit, the form says so at the field and keeps nothing."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Note, SideMeeting
from tests.e2e.checks import axe_failures, field_error, screenshot

pytestmark = pytest.mark.browser


def counter_text(page) -> str:
    return page.locator("[data-char-count-for='id_text'] [data-char-count-shown]").inner_text()


def test_the_note_form_counts_down_to_its_limit_and_refuses_one_character_over(open_page):
    page = open_page("staff")
    side_meeting = SideMeeting.objects.order_by("pk").first()
    notes = Note.objects.count()
    page.goto(reverse("meetings:note_create", args=[side_meeting.uuid]))
    note = page.get_by_label("Note")
    live = page.locator("#id_text_count")

    expect(note).to_have_attribute("maxlength", "5000")
    assert "id_text_count" in note.get_attribute("aria-describedby").split()
    expect(live).to_have_attribute("aria-live", "polite")
    note.fill("A short note.")
    assert counter_text(page) == ""  # far from the limit: nothing to count

    note.fill("x" * 4100)
    assert counter_text(page) == "900 characters left"
    expect(live).to_have_text("900 characters left")  # once typing pauses
    assert axe_failures(page, "staff-note-counter") == []
    screenshot(page, "staff-note-counter-desktop")

    note.fill("x" * 4999)
    assert counter_text(page) == "1 character left"
    note.press("End")
    note.press_sequentially("yz")  # the browser stops at the limit
    expect(note).to_have_value("x" * 4999 + "y")
    assert counter_text(page) == "0 characters left"

    # A longer text set by a script (the browser's maxlength only limits what a person types) reaches the server.
    note.evaluate("(field, text) => { field.value = text; field.dispatchEvent(new Event('input')); }", "x" * 5001)
    assert counter_text(page) == "1 character too many"
    page.get_by_role("button", name="Add note").click()
    note = page.get_by_label("Note")
    assert field_error(note) == "Shorten this to 5,000 characters at most (it has 5,001)."
    assert counter_text(page) == "1 character too many"  # counted again when the page comes back
    expect(page.locator("[data-char-count-for='id_text']")).to_have_class("form-text char-count text-danger")
    assert axe_failures(page, "staff-note-too-long") == []
    assert Note.objects.count() == notes


def test_the_counter_speaks_the_language_of_the_page(open_page, live_server):
    page = open_page("staff")
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    page.goto(reverse("meetings:note_create", args=[SideMeeting.objects.order_by("pk").first().uuid]))
    note = page.locator("#id_text")

    note.fill("x" * 4000)
    assert counter_text(page) == "1\u202f000 caractères restants"  # grouped as French writes numbers
    note.fill("x" * 4999)
    assert counter_text(page) == "1 caractère restant"
    note.fill("x" * 5000)
    assert counter_text(page) == "0 caractère restant"  # French takes the singular for 0
    expect(page.locator("#id_text_count")).to_have_text("0 caractère restant")
    assert axe_failures(page, "staff-note-counter-fr") == []
