"""A partner delegate, on the demo data set (the Ghana delegate): their own page first, the notes shared with them
and never the staff-only ones, their administration's commitment closed, and the same clear "not found" page for
another administration's page as for one that does not exist."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Commitment, CommitmentStatus
from tests.e2e.checks import BrowserLog, field_error

pytestmark = pytest.mark.browser

SHARED_NOTE = "The delegation presented its integrity programme"
STAFF_NOTE = "Staff only: the coordinator may change later this year."
COMMITMENT = "Illustrative: Send ideas for the new phase"


def test_delegate_reads_their_page_and_closes_their_commitment(open_page):
    page = open_page("delegate.ghana")
    log = BrowserLog(page)

    # Home is My work: their administration's commitments first, then the way on to their own page.
    expect(page).to_have_url(reverse("my_work"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("region", name="Your administration's overdue commitments")).to_contain_text(COMMITMENT)
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(nav.get_by_test_id("my-work-count")).to_be_visible()
    # Their own administration's page, without the staff's tools or history.
    nav.get_by_role("link", name="Our programme").click()
    expect(page).to_have_url(reverse("partners:detail", args=["ghana"]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghana")
    expect(page.get_by_role("link", name="Record a status change")).to_have_count(0)
    expect(page.get_by_role("region", name="History")).to_have_count(0)
    for staff_page in ("Dashboard", "Partners", "Commitments", "Donor view"):
        expect(nav.get_by_role("link", name=staff_page)).to_have_count(0)

    # The 2019 side meeting's note is shared with the partner; the 2025 one's is for staff only, and so is the
    # atmosphere of a side meeting.
    nav.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="10th Capacity Building Committee and 18th Integrity Sub-Committee").click()
    page.get_by_role("link", name="With Ghana").click()
    expect(page.get_by_role("region", name="Notes")).to_contain_text(SHARED_NOTE)
    nav.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="A-CIP Coordinators' Meeting 2025").click()
    page.get_by_role("link", name="With Ghana").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Side meeting with Ghana")
    expect(page.get_by_text("Illustrative: the administration will send its ideas for the new phase.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(STAFF_NOTE)
    expect(page.get_by_role("heading", name="Atmosphere")).to_have_count(0)
    expect(page.get_by_role("textbox", name="Note")).to_have_count(0)

    # Their commitment, closed as done; a comment is required first.
    page.get_by_role("link", name=COMMITMENT).click()
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    page.get_by_role("button", name="Close commitment").click()
    comment = page.get_by_label("Closing comment")
    expect(comment).to_have_attribute("aria-invalid", "true")
    assert field_error(comment) == "This field is required."
    assert Commitment.objects.get(title=COMMITMENT).status == CommitmentStatus.OPEN
    comment.fill("The ideas were sent to the A-CIP team by e-mail.")
    page.get_by_role("button", name="Close commitment").click()
    expect(page.get_by_text("The commitment was closed as Done.")).to_be_visible()
    assert Commitment.objects.get(title=COMMITMENT).status == CommitmentStatus.DONE
    # Closed, it leaves the open commitments of their page.
    page.goto(reverse("partners:detail", args=["ghana"]))
    expect(page.get_by_role("region", name="Open commitments")).not_to_contain_text(COMMITMENT)

    # Another administration's page answers like a page that does not exist: the same clear page, nothing more.
    response = page.goto(reverse("partners:detail", args=["mozambique"]))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("There is no page at this address, or it is not open to your account.")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    not_found = page.locator("main").inner_text()
    assert page.goto(reverse("partners:detail", args=["atlantis"])).status == 404
    assert page.locator("main").inner_text() == not_found
    page.get_by_role("link", name="Go to the home page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")

    # A staff page says plainly that it is not theirs.
    assert page.goto(reverse("dashboard:home")).status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You may not do this")

    assert log.take() == []
