"""Every main page, for every role, on the demo data set: it answers, its charts draw under the
Content-Security-Policy, the browser reports no error, axe-core finds no violation of any impact at desktop or at
phone width, nothing is wider than a phone's screen, and a full-page screenshot at both widths goes to
artifacts/screenshots/ (<role>-<page>-<desktop|phone>.png) for a person to look at.

One test per role, sharing one logged-in page: each test visits all of its role's pages and reports every problem
it found at the end, not only the first."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Commitment, Meeting, SideMeeting
from partners.models import CountryPlan, PartnerAdministration
from tests.e2e.checks import DESKTOP, PHONE, BrowserLog, axe_failures, horizontal_overflow, screenshot

pytestmark = pytest.mark.browser


def demo_records():
    """The demo records whose pages the tour opens: Ghana (a delegate's and a donor's country), Palestine (the
    country with a plan, outcome and indicator), the 2025 coordinators' meeting and Ghana's side meeting there, with
    Ghana's open commitment, and the coming 2027 meeting, whose briefing pack has three delegations."""
    ghana = PartnerAdministration.objects.get(slug="ghana")
    plan = CountryPlan.objects.get(partner__slug="palestine")
    outcome = plan.outcomes.get()
    indicator = outcome.indicators.get()
    meeting = Meeting.objects.get(title="A-CIP Coordinators' Meeting 2025")
    side_meeting = SideMeeting.objects.get(meeting=meeting, partner=ghana)
    return {
        "ghana": ghana,
        "plan": plan,
        "outcome": outcome,
        "indicator": indicator,
        "value": indicator.values.order_by("period").first(),
        "assessment": ghana.assessments.first(),
        "activity": ghana.activities.first(),
        "meeting": meeting,
        "coming": Meeting.objects.get(starts_on=datetime.date(2027, 2, 16)),
        "side_meeting": side_meeting,
        "commitment": Commitment.objects.get(side_meeting=side_meeting, title__contains="Send ideas"),
    }


def staff_pages(r) -> list[tuple[str, str]]:
    ghana, palestine = r["ghana"].slug, r["plan"].partner.slug
    meeting, side_meeting, commitment = r["meeting"].uuid, r["side_meeting"].uuid, r["commitment"].uuid
    return [
        ("my-work", reverse("my_work")),
        ("dashboard", reverse("dashboard:home")),
        ("partner-list", reverse("partners:list")),
        ("country", reverse("partners:detail", args=[ghana])),
        ("meeting-list", reverse("meetings:list")),
        ("meeting-calendar", reverse("meetings:calendar") + f"?month={r['meeting'].starts_on:%Y-%m}"),
        ("meeting-calendar-this-month", reverse("meetings:calendar")),
        ("meeting", reverse("meetings:detail", args=[meeting])),
        ("side-meeting", reverse("meetings:side_meeting", args=[side_meeting])),
        ("commitment-list", reverse("meetings:commitments")),
        ("commitment", reverse("meetings:commitment", args=[commitment])),
        ("briefing", reverse("meetings:briefing", args=[r["coming"].uuid])),
        ("briefing-region", reverse("meetings:briefing", args=[r["coming"].uuid]) + "?region=WCA"),
        ("briefing-one", reverse("meetings:briefing", args=[r["coming"].uuid]) + f"?partner={ghana}"),
        ("donor-list", reverse("donors:home")),
        ("donor-view", reverse("donors:detail", args=["norad"])),
        ("settings", reverse("reminders:preferences")),
        ("results", reverse("results:home")),
        # The staff forms.
        ("form-focal-point", reverse("partners:focal_point_update", args=[ghana])),
        ("form-status", reverse("partners:status_create", args=[ghana])),
        ("form-plan-new", reverse("partners:plan_create", args=[ghana])),
        ("form-plan-edit", reverse("partners:plan_update", args=[palestine, r["plan"].pk])),
        ("form-outcome-new", reverse("partners:outcome_create", args=[palestine, r["plan"].pk])),
        ("form-outcome-edit", reverse("partners:outcome_update", args=[palestine, r["outcome"].pk])),
        ("form-indicator-new", reverse("partners:indicator_create", args=[palestine, r["outcome"].pk])),
        ("form-indicator-edit", reverse("partners:indicator_update", args=[palestine, r["indicator"].pk])),
        ("form-value-new", reverse("partners:value_create", args=[palestine, r["indicator"].pk])),
        ("form-value-edit", reverse("partners:value_update", args=[palestine, r["value"].pk])),
        ("form-assessment-new", reverse("partners:assessment_create", args=[ghana])),
        ("form-assessment-edit", reverse("partners:assessment_update", args=[ghana, r["assessment"].pk])),
        ("form-activity-new", reverse("partners:activity_create", args=[ghana])),
        ("form-activity-edit", reverse("partners:activity_update", args=[ghana, r["activity"].pk])),
        ("form-meeting-new", reverse("meetings:create")),
        ("form-meeting-edit", reverse("meetings:update", args=[meeting])),
        ("form-side-meeting-pick", reverse("meetings:side_meeting_create", args=[r["coming"].uuid])),
        ("form-side-meeting-new", reverse("meetings:side_meeting_create", args=[r["coming"].uuid]) + "?partner=ghana"),
        ("form-side-meeting-edit", reverse("meetings:side_meeting_update", args=[side_meeting])),
        ("form-note", reverse("meetings:note_create", args=[side_meeting])),
        ("form-status-agreed", reverse("meetings:side_meeting_status", args=[side_meeting])),
        ("form-commitment-new", reverse("meetings:commitment_create", args=[side_meeting])),
        ("form-commitment-edit", reverse("meetings:commitment_update", args=[commitment])),
    ]


def delegate_pages(r) -> list[tuple[str, str, int]]:
    return [
        ("my-work", reverse("my_work"), 200),
        ("country", reverse("partners:detail", args=[r["ghana"].slug]), 200),
        ("meeting-list", reverse("meetings:list"), 200),
        ("meeting-calendar", reverse("meetings:calendar") + f"?month={r['meeting'].starts_on:%Y-%m}", 200),
        ("meeting", reverse("meetings:detail", args=[r["meeting"].uuid]), 200),
        ("side-meeting", reverse("meetings:side_meeting", args=[r["side_meeting"].uuid]), 200),
        ("commitment", reverse("meetings:commitment", args=[r["commitment"].uuid]), 200),
        ("settings", reverse("reminders:preferences"), 200),
        # Another administration's page, and a staff page: the error pages are pages too.
        ("not-found", reverse("partners:detail", args=["mozambique"]), 404),
        ("forbidden", reverse("dashboard:home"), 403),
    ]


def donor_pages(r) -> list[tuple[str, str, int]]:
    return [
        ("donor-view", reverse("donors:home"), 200),
        ("country", reverse("partners:detail", args=[r["ghana"].slug]), 200),
        ("settings", reverse("reminders:preferences"), 200),
        ("results", reverse("results:home"), 200),
    ]


def anonymous_pages() -> list[tuple[str, str, int]]:
    return [
        ("login", reverse("login"), 200),
        ("password-reset", reverse("password_reset"), 200),
    ]


def tour(page, role: str, pages: list[tuple[str, str, int]]) -> None:
    """Open each page as `role` and check it; fail at the end with every problem found on every page."""
    log = BrowserLog(page)
    problems = []
    for name, url, status in pages:
        label = f"{role}-{name}"
        page.set_viewport_size(DESKTOP)
        response = page.goto(url)
        if response.status != status:
            problems.append(f"{label}: {url} answered {response.status}, not {status}")
            continue
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        undrawn = page.evaluate(
            "() => Array.from(document.querySelectorAll('canvas'))"
            ".filter(c => !(window.Chart && window.Chart.getChart(c))).map(c => c.id || c.dataset.chart)"
        )
        if undrawn:
            problems.append(f"{label}: charts not drawn: {undrawn}")
        problems += axe_failures(page, label)
        screenshot(page, f"{label}-desktop")
        page.set_viewport_size(PHONE)
        if overflow := horizontal_overflow(page):
            problems.append(f"{label} on a phone: {overflow}")
        problems += axe_failures(page, f"{label} on a phone")
        screenshot(page, f"{label}-phone")
        problems += [f"{label}: {entry}" for entry in log.take()]
    assert not problems, "\n".join(problems)


def test_every_staff_page_passes_axe_and_reads_on_a_phone(open_page):
    page = open_page("staff")
    tour(page, "staff", [(name, url, 200) for name, url in staff_pages(demo_records())])


def test_every_delegate_page_passes_axe_and_reads_on_a_phone(open_page):
    page = open_page("delegate.ghana")
    tour(page, "delegate", delegate_pages(demo_records()))


def test_every_donor_page_passes_axe_and_reads_on_a_phone(open_page):
    page = open_page("donor.norad")
    tour(page, "donor", donor_pages(demo_records()))


def test_the_pages_before_logging_in_pass_axe_and_read_on_a_phone(page):
    tour(page, "anonymous", anonymous_pages())
