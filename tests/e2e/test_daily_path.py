"""The daily path of issue 20 in a browser, on the demo: one journey per point, each page through axe-core and
saved as a screenshot at desktop and phone width (test_pages' tour, which also checks that nothing overflows a
phone's screen)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.checks import DESKTOP, PHONE, axe_failures, horizontal_overflow, screenshot
from tests.e2e.test_pages import tour

pytestmark = pytest.mark.browser


def test_the_dashboard_says_what_needs_staff_first_and_its_health_cards_open_the_partner_list(open_page):
    page = open_page("staff")
    tour(page, "staff", [("daily-dashboard", reverse("dashboard:home"), 200)])
    page.set_viewport_size(DESKTOP)
    page.goto(reverse("dashboard:home"))
    overdue = page.locator("#overdue-heading").bounding_box()
    health = page.locator("#health-heading").bounding_box()
    assert overdue["y"] < health["y"] < page.locator("#partners-heading").bounding_box()["y"]
    card = page.locator('[data-health="on_track"]')
    counted = int(card.get_by_test_id("health-on_track").inner_text())
    card.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1, name="Partner administrations")).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_contain_text(f"{counted} administration")
    expect(page.get_by_label("Membership")).to_have_value("current")
    tour(page, "staff", [("daily-partners-on-track", page.url, 200)])


def test_a_donor_reads_honest_empty_states_and_a_last_page_with_rows(open_page):
    page = open_page("donor.norad")
    page.goto(reverse("donors:home"))
    pages = page.get_by_role("navigation", name="Pages")
    if pages.count():
        total = pages.inner_text().split()[-1]
        page.goto(reverse("donors:home") + f"?page={total}")
    expect(page.locator('[data-testid^="indicators-"]').first).to_be_visible()
    page.goto(reverse("partners:detail", args=["ghana"]))
    commitments = page.locator("#commitments")
    expect(commitments).not_to_contain_text("No open commitment.")
    tour(page, "donor", [("daily-donor-view", reverse("donors:home"), 200), ("daily-ghana", page.url, 200)])


def test_the_side_meeting_form_knows_the_attendance_the_agenda_and_the_status(open_page):
    from meetings.models import Attendance, Commitment

    attendance = next(
        a
        for a in Attendance.objects.filter(contacts__isnull=False).select_related("meeting", "partner").distinct()
        if Commitment.objects.open().filter(partner=a.partner).exists()
    )
    url = (
        reverse("meetings:side_meeting_create", args=[attendance.meeting.uuid]) + f"?partner={attendance.partner.slug}"
    )
    page = open_page("staff")
    tour(page, "staff", [("daily-side-meeting-form", url, 200)])
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    ticked = page.locator('input[name="partner_participants"]:checked')
    assert ticked.count() == attendance.contacts.count()
    expect(page.get_by_test_id("current-status")).to_be_visible()
    agenda = page.get_by_test_id("carried-agenda")
    first = agenda.locator("li").first
    title = first.get_by_role("link").first.inner_text()
    before = agenda.locator("li").count()
    first.locator("summary").click()
    first.get_by_label("Closing comment").fill("Done at the session")
    first.get_by_role("button", name="Close the commitment").click()
    expect(page.get_by_text("The commitment was closed")).to_be_visible()
    expect(page.get_by_test_id("carried-agenda").locator("li")).to_have_count(before - 1)
    expect(page.get_by_test_id("carried-agenda")).not_to_contain_text(title)


def test_staff_correct_a_note_then_withdraw_it_and_its_delegation_no_longer_reads_it(open_page):
    from meetings.models import Note

    note = (
        Note.objects.filter(tier="partner", side_meeting__partner__slug="ghana").select_related("side_meeting").first()
    )
    side_meeting = note.side_meeting
    page = open_page("staff")
    tour(
        page,
        "staff",
        [
            ("daily-note-edit", reverse("meetings:note_update", args=[note.pk]), 200),
            ("daily-note-withdraw", reverse("meetings:note_withdraw", args=[note.pk]), 200),
        ],
    )
    page.set_viewport_size(DESKTOP)
    page.goto(side_meeting.get_absolute_url())
    item = page.locator(f'[data-note="{note.pk}"]')
    item.get_by_role("link", name="Edit the note").click()
    page.get_by_label("Note").fill("Corrected in the browser")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("The note was saved.")).to_be_visible()
    page.locator(f'[data-note="{note.pk}"]').get_by_role("link", name="Withdraw the note").click()
    page.get_by_role("button", name="Withdraw note").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    page.get_by_label("Why is the note withdrawn?").fill("Recorded against the wrong delegation")
    page.get_by_role("button", name="Withdraw note").click()
    withdrawn = page.locator(f'[data-note="{note.pk}"]')
    expect(withdrawn).to_contain_text("Withdrawn")
    expect(withdrawn).to_contain_text("Recorded against the wrong delegation")
    tour(page, "staff", [("daily-side-meeting-withdrawn-note", side_meeting.get_absolute_url(), 200)])

    delegate = open_page("delegate.ghana")
    delegate.goto(side_meeting.get_absolute_url())
    expect(delegate.locator("#notes")).not_to_contain_text("Corrected in the browser")


def test_an_administrator_gives_a_new_user_a_role_in_one_step_and_invites_them(open_page, mailoutbox):
    from django.contrib.auth import get_user_model

    from acip.roles import membership_of
    from tests.e2e.checks import PHONE, axe_failures, screenshot

    page = open_page("admin")
    page.set_viewport_size(DESKTOP)
    page.goto(reverse("admin:auth_user_add"))
    page.get_by_label("Username").fill("new.delegate")
    page.get_by_label("Email address").fill("new.delegate@example.org")
    page.locator("input[name=usable_password][value=false]").check()
    page.locator("#id_role").select_option("delegate")
    page.locator("input[name=_save]").click()
    expect(page.get_by_text("A partner delegate belongs to one administration: choose it.")).to_be_visible()
    problems = axe_failures(page, "admin-user-add-errors")
    screenshot(page, "daily-admin-user-add-errors-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "daily-admin-user-add-errors-phone")
    page.set_viewport_size(DESKTOP)
    page.locator("#id_role_partner").select_option(label="Ghana")
    page.locator("input[name=_save]").click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    user = get_user_model().objects.get(username="new.delegate")
    assert membership_of(user).role == "delegate"

    page.goto(reverse("admin:auth_user_changelist") + "?q=new.delegate")
    page.get_by_role("checkbox", name="Select this object for an action - new.delegate").check()
    page.locator("select[name=action]").select_option("invite")
    page.locator("button[name=index]").click()
    expect(page.get_by_text("1 invitation was sent.")).to_be_visible()
    assert [message.to for message in mailoutbox] == [["new.delegate@example.org"]]
    screenshot(page, "daily-admin-invited-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "daily-admin-invited-phone")
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_filters_fold_behind_a_button_and_the_partner_table_keeps_stage_and_health(open_page):
    from tests.e2e.checks import PHONE

    page = open_page("staff")
    lists = [
        ("daily-partners-filtered", reverse("partners:list") + "?stage=implementation&membership=current", 200),
        ("daily-meetings", reverse("meetings:list"), 200),
        ("daily-commitments", reverse("meetings:commitments"), 200),
        ("daily-calendar", reverse("meetings:calendar"), 200),
    ]
    tour(page, "staff", lists)
    page.set_viewport_size(PHONE)
    for _, url, _ in lists:
        page.goto(url)
        toggle = page.get_by_test_id("filters-toggle")
        expect(toggle).to_be_visible()
        expect(page.locator("form.filter-form")).to_be_hidden()
        toggle.click()
        expect(page.locator("form.filter-form")).to_be_visible()
    page.goto(lists[0][1])
    expect(page.get_by_test_id("filters-toggle")).to_contain_text("2")
    for header in ("Stage", "Health"):
        box = page.locator(".partner-table thead").get_by_text(header, exact=True).bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"], f"{header} is off the screen"
    page.set_viewport_size(DESKTOP)
    expect(page.locator("form.filter-form")).to_be_visible()
    expect(page.get_by_test_id("filters-toggle")).to_be_hidden()


def _navigation_rows(page) -> list[dict]:
    """Each visible item of the navigation bar: the middle of its box, how many lines high it is, its right edge."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.acip-navbar .navbar-brand, .acip-navbar .nav-item'))
            .filter(e => e.checkVisibility())
            .map(e => {
                const box = e.getBoundingClientRect();
                const line = parseFloat(getComputedStyle(e.querySelector('a, button, span') || e).lineHeight) || 24;
                return {text: e.innerText.trim().slice(0, 20), top: Math.round(box.top + box.height / 2),
                        lines: box.height > line * 1.9 ? 2 : 1, right: Math.round(box.right)};
            })"""
    )


def _in_language(page, language: str, url: str):
    page.goto(url)
    if language != "en":
        page.locator(f'form.language-form button[value="{language}"]').first.click()
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)


# Issue 20, point 8: the bar on one line at 1,280 px and above in every language of the interface, for the role
# with the most items (the administrator: staff's items and the admin's), and on a phone nothing overflows.
@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("width", [1280, 1366, 1920])
def test_the_navigation_fits_on_one_line_from_1280_pixels_in_every_language(open_page, language, width):
    from tests.e2e.checks import PHONE, horizontal_overflow, screenshot

    page = open_page("admin")
    page.set_viewport_size({"width": width, "height": 800})
    _in_language(page, language, reverse("my_work"))
    rows = _navigation_rows(page)
    centres = [row["top"] for row in rows]
    if width == 1280:
        screenshot(page, f"daily-navigation-{language}-1280")
    assert max(centres) - min(centres) <= 4, f"the navigation wraps at {width} px in {language}: {rows}"
    assert all(row["lines"] <= 1 for row in rows), f"a label wraps at {width} px in {language}: {rows}"
    assert max(row["right"] for row in rows) <= width, f"the navigation overflows at {width} px in {language}: {rows}"
    if width == 1280:
        page.set_viewport_size(PHONE)
        page.locator(".navbar-toggler").click()
        expect(page.locator("#main-nav")).to_be_visible()
        assert not horizontal_overflow(page), horizontal_overflow(page)
        screenshot(page, f"daily-navigation-{language}-phone")


# Issue 20, point 7: the calendar shows the whole programme, and each user may subscribe to it.


def test_the_calendar_shows_activities_beside_meetings_with_their_titles_whole(open_page):
    import datetime

    from partners.models import Activity, PartnerAdministration

    ghana = PartnerAdministration.objects.get(slug="ghana")
    day = datetime.date.today().replace(day=12)
    title = "Illustrative: A-CIP integrity workshop for the regional training centre, with the private sector"
    activity = Activity.objects.create(
        partner=ghana, title=title, kind="workshop", tier="partner", planned_start_on=day, planned_end_on=day
    )
    staff_only = Activity.objects.create(
        partner=ghana, title="Staff-only scoping mission", kind="mission", tier="staff", planned_start_on=day
    )
    url = reverse("meetings:calendar") + f"?month={day:%Y-%m}"
    page = open_page("staff")
    tour(page, "staff", [("daily-calendar-activities", url, 200)])
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    link = page.locator(".calendar-month").get_by_role("link", name=title)
    expect(link).to_be_visible()
    # Whole: the link is as tall as its text, nothing cut off.
    assert link.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.innerText.trim() === e.textContent.trim()")
    link.focus()
    expect(link).to_be_focused()
    link.click()
    expect(page.locator(f"#activity-{activity.pk}")).to_contain_text(title)

    delegate = open_page("delegate.ghana")
    tour(delegate, "delegate", [("daily-calendar-activities", url, 200)])
    delegate.goto(url)
    expect(delegate.locator(".calendar-month")).to_contain_text(title)
    expect(delegate.locator("body")).not_to_contain_text(staff_only.title)


def test_a_delegate_subscribes_to_their_calendar_feed_then_revokes_it(open_page, live_server):
    import urllib.error
    import urllib.request

    page = open_page("delegate.ghana")
    page.goto(reverse("reminders:preferences"))
    page.get_by_role("link", name="Your calendar feed").click()
    expect(page.get_by_role("heading", level=1, name="Calendar feed")).to_be_visible()
    tour(page, "delegate", [("daily-calendar-feed", reverse("calendar_feed_settings:settings"), 200)])
    page.set_viewport_size(DESKTOP)
    page.goto(reverse("calendar_feed_settings:settings"))
    page.get_by_role("button", name="Make the feed's address").click()
    address = page.get_by_label("Address of the feed").input_value()
    assert address.startswith(live_server.url) and address.endswith(".ics")
    expect(page.get_by_role("link", name="Subscribe in the calendar app of this computer")).to_have_attribute(
        "href", address.replace("http://", "webcal://")
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("The address is copied.")).to_be_visible()
    problems = axe_failures(page, "delegate-daily-calendar-feed-new")
    screenshot(page, "delegate-daily-calendar-feed-new-desktop")
    page.set_viewport_size(PHONE)
    assert not horizontal_overflow(page)
    problems += axe_failures(page, "delegate-daily-calendar-feed-new on a phone")
    screenshot(page, "delegate-daily-calendar-feed-new-phone")
    page.set_viewport_size(DESKTOP)

    with urllib.request.urlopen(address) as answer:  # a calendar app: no cookie, no login
        body = answer.read().decode()
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body

    page.goto(reverse("calendar_feed_settings:settings"))
    expect(page.get_by_test_id("feed-in-use")).to_contain_text("Last read on")
    page.get_by_role("button", name="Revoke the feed").click()
    expect(page.get_by_text("Your calendar feed is revoked")).to_be_visible()
    try:
        urllib.request.urlopen(address)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 404
    assert not problems, "\n".join(problems)
