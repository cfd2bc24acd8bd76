"""Staff at a committee session, on the demo data set: the meeting and who attends in one form, a side meeting with
one delegation, a staff-only note and a shared one, a commitment, and the briefing pack printed (and saved as PDF)
with a page for each delegation."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acip.models import Tier
from meetings.models import Commitment, Meeting, Note
from tests.e2e.checks import BrowserLog, screenshot

pytestmark = pytest.mark.browser

TODAY = timezone.localdate()
TITLE = "26th Integrity Sub-Committee"
GHANA_DELEGATE = "Illustrative coordinator, Ghana (A-CIP Coordinator (illustrative contact, not a real person))"
STAFF_NOTE = "The Commissioner may retire before the next session."
SHARED_NOTE = "The delegation will send the draft code of conduct for comments."
COMMITMENT = "Send the draft code of conduct to the A-CIP team"


def test_staff_record_a_committee_session_and_print_its_briefing_pack(open_page):
    page = open_page("staff")
    log = BrowserLog(page)

    # The meeting and its attendance in one form; the search narrows the administrations, a ticked one shows its
    # delegates.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Meetings").click()
    page.goto(reverse("meetings:create"))
    page.get_by_label("Kind").select_option(label="Committee session")
    page.get_by_label("Committee", exact=True).select_option(label="Integrity Sub-Committee")
    page.get_by_label("Session number").fill("26")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Starts on").fill((TODAY + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Ends on").fill((TODAY + datetime.timedelta(days=32)).isoformat())
    page.get_by_label("Place").fill("Brussels")
    delegate = page.get_by_label(GHANA_DELEGATE)
    expect(delegate).to_be_hidden()
    page.get_by_label("Find an administration").fill("gha")
    expect(page.get_by_label("Nepal – Department of Customs, Nepal")).to_be_hidden()
    page.get_by_label("Ghana – Ghana Revenue Authority – Customs Division").check()
    delegate.check()
    page.get_by_label("Find an administration").fill("mozam")
    page.get_by_label(re.compile("^Mozambique – ")).check()
    page.get_by_role("button", name="Create meeting").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    attending = page.get_by_role("region", name="Administrations attending")
    expect(attending.get_by_role("link", name="Ghana", exact=True)).to_be_visible()
    expect(attending.get_by_role("link", name="Mozambique", exact=True)).to_be_visible()
    expect(attending).to_contain_text(f"Delegates: {GHANA_DELEGATE}")
    meeting = Meeting.objects.get(title=TITLE)
    assert sorted(meeting.partners.values_list("slug", flat=True)) == ["ghana", "mozambique"]

    # A side meeting with Ghana.
    page.get_by_role("link", name="Record a side meeting with Ghana").click()
    page.get_by_label(GHANA_DELEGATE).check()
    page.get_by_label("Key outcomes").fill("Roadmap for the Internal Affairs Unit agreed.")
    page.get_by_role("button", name="Record side meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Side meeting with Ghana")

    # A staff-only note and a shared one.
    notes = page.get_by_role("region", name="Notes")
    for text, tier in ((STAFF_NOTE, "Staff only"), (SHARED_NOTE, "Shared with the partner")):
        page.get_by_role("textbox", name="Note").fill(text)
        page.get_by_role("radio", name=tier).check()
        page.get_by_role("button", name="Add note").click()
        expect(page.get_by_text("The note was added.")).to_be_visible()
        expect(notes.locator("li", has_text=text)).to_contain_text(tier)
    assert dict(Note.objects.filter(side_meeting__meeting=meeting).values_list("text", "tier")) == {
        STAFF_NOTE: Tier.STAFF,
        SHARED_NOTE: Tier.PARTNER,
    }

    # A commitment raised there.
    page.get_by_role("link", name="Record a commitment").click()
    page.get_by_label("What").fill(COMMITMENT)
    page.get_by_label("Administration", exact=True).check()
    page.get_by_label("Due on").fill((TODAY + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Record commitment").click()
    expect(
        page.get_by_role("region", name="Commitments raised here").get_by_role("link", name=COMMITMENT)
    ).to_be_visible()
    assert Commitment.objects.get(title=COMMITMENT).partner.slug == "ghana"

    # The briefing pack: a part for each delegation, each on its own printed page, without the navigation.
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Briefing pack").click()
    delegations = page.locator("article.briefing-delegation")
    expect(delegations).to_have_count(2)
    ghana = page.locator("#delegation-ghana")
    expect(ghana.get_by_role("heading", level=2)).to_contain_text("Ghana")
    expect(ghana).to_contain_text(COMMITMENT)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    for index in range(2):
        expect(delegations.nth(index)).to_be_visible()
    breaks = delegations.evaluate_all("articles => articles.map(a => getComputedStyle(a).breakBefore)")
    assert breaks[1:] == ["page"], breaks
    screenshot(page, "staff-briefing-print-desktop")

    # Saved as PDF (headless Chromium's own printing): at least a page per delegation.
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2
    page.emulate_media(media="screen")

    assert log.take() == []
