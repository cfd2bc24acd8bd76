"""Partners take part (issue 16), on the demo: delegate.ghana confirms the page, proposes a new e-mail for the
coordinator and submits the 2025 actual of an indicator; staff return the value with a comment; the delegate
resubmits, staff approve, and the country page shows the value with its history. delegate.mozambique, forging
Ghana's ids in the URL and in a form, writes nothing. Every new page passes axe at desktop and phone width."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acip.participation.models import PageConfirmation, Proposal, ValueReport
from partners.models import Contact, Indicator, IndicatorValue
from tests.e2e.test_pages import tour

pytestmark = pytest.mark.browser

INDICATOR = "Illustrative: share of officers trained on the code of conduct"
COORDINATOR = "Illustrative coordinator, Ghana"


def test_a_delegate_confirms_proposes_and_reports_and_staff_review(open_page):
    today = timezone.localdate()
    ghana_page = reverse("partners:detail", args=["ghana"])
    delegate = open_page("delegate.ghana")

    # The page explains itself; the delegate confirms it.
    delegate.goto(ghana_page)
    expect(delegate.get_by_test_id("page-explained")).to_be_visible()
    delegate.get_by_role("link", name="Confirm the page").click()
    delegate.get_by_label("Comment").fill("Checked with the Commissioner.")
    delegate.get_by_role("button", name="Confirm the page").click()
    expect(delegate.get_by_test_id("confirmation")).to_have_text(
        f"Confirmed by Demo Delegate (Ghana), {today.day} {today:%B %Y}"
    )

    # A new e-mail for the coordinator, proposed: nothing changes yet.
    delegate.get_by_role("link", name=f"Propose a correction · {COORDINATOR}").click()
    delegate.get_by_label("E-mail").fill("coordinator.new@example.org")
    delegate.get_by_label("Why (evidence or reason)").fill("The coordinator has a new address.")
    delegate.get_by_role("button", name="Send the proposal").click()
    expect(delegate.get_by_test_id("sent-items")).to_contain_text("coordinator.new@example.org")
    assert not Contact.objects.filter(email="coordinator.new@example.org").exists()

    # The 2025 actual of the indicator, submitted.
    delegate.goto(ghana_page)
    delegate.get_by_role("link", name=f"Report an actual value · {INDICATOR}").click()
    delegate.get_by_label("Year").fill("2025")
    delegate.get_by_label("Actual").fill("71")
    delegate.get_by_label("Comment").fill("Training records")
    delegate.get_by_role("button", name="Submit for review").click()
    expect(delegate.get_by_test_id("sent-items")).to_contain_text("Submitted, waiting for review")
    report = ValueReport.objects.get()

    # Staff return it with a comment.
    staff = open_page("staff")
    staff.goto(reverse("participation:queue"))
    staff.locator(f"#report-{report.pk}").check()
    staff.get_by_label("Return with a comment").check()
    staff.get_by_label("Comment", exact=True).fill("Say which training records.")
    staff.get_by_role("button", name="Apply the decision").click()
    expect(staff.get_by_text("1 item decided.")).to_be_visible()

    # The delegate reads the comment, and resubmits.
    delegate.goto(reverse("participation:sent", args=["ghana"]))
    expect(delegate.get_by_test_id("sent-items")).to_contain_text("Say which training records.")
    delegate.get_by_role("link", name=f"Change and resubmit · {INDICATOR} 2025").click()
    delegate.get_by_label("Comment").fill("Training records of the academy, 2025")
    delegate.get_by_role("button", name="Submit for review").click()

    # Staff approve the value and accept the e-mail, both at once; the page shows the value and its history.
    staff.goto(reverse("participation:queue"))
    staff.locator(f"#report-{report.pk}").check()
    staff.locator(f"#proposal-{Proposal.objects.get().pk}").check()
    staff.get_by_label("Accept (approve)").check()
    staff.get_by_role("button", name="Apply the decision").click()
    expect(staff.get_by_text("2 items decided.")).to_be_visible()
    staff.goto(ghana_page)
    indicator = Indicator.objects.get(name=INDICATOR)
    expect(staff.locator(f"#indicator-{indicator.pk}")).to_contain_text("71")
    expect(staff.get_by_role("region", name="History")).to_contain_text("Training records of the academy, 2025")
    assert IndicatorValue.objects.get(indicator=indicator, period=2025).actual == 71
    assert Contact.objects.filter(email="coordinator.new@example.org").exists()

    # Mozambique's delegate, forging Ghana's ids: 404 in the URL, 404 from a form aimed at Ghana's; nothing written.
    counts = (PageConfirmation.objects.count(), Proposal.objects.count(), ValueReport.objects.count())
    mozambique = open_page("delegate.mozambique")
    forged = reverse("participation:report_create", args=["ghana", indicator.pk])
    assert mozambique.goto(forged).status == 404
    mozambique.goto(reverse("participation:confirm", args=["mozambique"]))
    confirm_ghana = reverse("participation:confirm", args=["ghana"])
    mozambique.evaluate(f"document.querySelector('main form').action = '{confirm_ghana}'")
    with mozambique.expect_response(lambda response: response.request.method == "POST") as answer:
        mozambique.get_by_role("button", name="Confirm the page").click()
    assert answer.value.status == 404
    assert (PageConfirmation.objects.count(), Proposal.objects.count(), ValueReport.objects.count()) == counts


def test_the_participation_pages_pass_axe_at_both_widths(open_page):
    delegate = open_page("delegate.ghana")
    contact = Contact.objects.get(name=COORDINATOR)
    indicator = Indicator.objects.get(name=INDICATOR)
    delegate.goto(reverse("participation:report_create", args=["ghana", indicator.pk]))
    delegate.get_by_label("Actual").fill("5")
    delegate.get_by_role("button", name="Save the draft").click()
    report = ValueReport.objects.get()
    tour(
        delegate,
        "delegate",
        [
            ("page", reverse("partners:detail", args=["ghana"]), 200),
            ("confirm", reverse("participation:confirm", args=["ghana"]), 200),
            ("propose", reverse("participation:propose", args=["ghana", "contact", contact.pk]), 200),
            ("report", reverse("participation:report_create", args=["ghana", indicator.pk]), 200),
            ("report-draft", reverse("participation:report_update", args=["ghana", report.pk]), 200),
            ("sent", reverse("participation:sent", args=["ghana"]), 200),
            ("my-details", reverse("participation:contact"), 200),
        ],
    )
    delegate.goto(reverse("participation:report_update", args=["ghana", report.pk]))
    delegate.get_by_role("button", name="Submit for review").click()
    tour(open_page("staff"), "staff", [("queue", reverse("participation:queue"), 200)])
