"""Journeys through the meetings pages in a real browser: staff record a meeting and who attended in one form, hold
a side meeting with a note and a commitment, a delegate closes their administration's commitment, and the pages pass
axe and read on a phone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acip.roles import GROUP_DELEGATES, GROUP_STAFF
from meetings.models import Commitment, Meeting
from tests.acip.factories import ProgrammeFactory
from tests.e2e.test_partner_status import (  # noqa: F401 - _reference_data is an autouse fixture, see its docstring
    PASSWORD,
    _reference_data,
    person,
    serious_violations,
)
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory, SideMeetingFactory
from tests.partners.factories import ContactFactory, PartnerFactory

pytestmark = pytest.mark.browser

TODAY = timezone.localdate()


@pytest.fixture
def ghana():
    partner = PartnerFactory(country_name="Ghana", name="Ghana Revenue Authority", slug="ghana", country_code="GH")
    ContactFactory(partner=partner, name="Ama Mensah", job_title="A-CIP Coordinator")
    return partner


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_staff_record_a_meeting_and_its_attendance_in_one_form(page, login, screenshot, ghana):
    ProgrammeFactory()
    PartnerFactory(country_name="Nepal", slug="nepal", country_code="NP")
    person("amina", GROUP_STAFF)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, "amina", PASSWORD)

    page.goto(reverse("meetings:create"))
    delegate = page.get_by_label("Ama Mensah (A-CIP Coordinator)")
    expect(delegate).to_be_hidden()
    page.get_by_label("Kind").select_option("committee")
    page.get_by_label("Committee", exact=True).select_option("isc")
    page.get_by_label("Title").fill("23rd Integrity Sub-Committee")
    page.get_by_label("Starts on").fill((TODAY + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Ends on").fill((TODAY + datetime.timedelta(days=32)).isoformat())
    page.get_by_label("Place").fill("Brussels")
    page.get_by_label("Find an administration").fill("gha")
    expect(page.get_by_label("Nepal – Customs of Nepal")).to_be_hidden()
    page.get_by_label("Ghana – Ghana Revenue Authority").check()
    expect(delegate).to_be_visible()
    delegate.check()
    screenshot("form")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Create meeting").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("23rd Integrity Sub-Committee")
    expect(page.get_by_text("Delegates: Ama Mensah (A-CIP Coordinator)")).to_be_visible()
    assert Meeting.objects.get().partners.get() == ghana
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert no_horizontal_scroll(page)
    screenshot("phone")


def test_staff_hold_a_side_meeting_with_a_note_and_a_commitment(page, login, screenshot, ghana):
    meeting = MeetingFactory(starts_on=TODAY, ends_on=TODAY + datetime.timedelta(days=2))
    AttendanceFactory(meeting=meeting, partner=ghana)
    person("amina", GROUP_STAFF)
    login(page, "amina", PASSWORD)

    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Record a side meeting with Ghana").click()
    page.get_by_label("Ama Mensah (A-CIP Coordinator)").check()
    page.get_by_label("Key outcomes").fill("Roadmap for the internal affairs unit agreed")
    page.get_by_role("button", name="Record side meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Side meeting with Ghana")

    page.get_by_role("textbox", name="Note").fill("The Commissioner asked for a follow-up mission.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("The note was added.")).to_be_visible()

    page.get_by_role("link", name="Record a commitment").click()
    page.get_by_label("What").fill("Send the draft roadmap")
    page.get_by_label("Administration", exact=True).check()
    page.get_by_label("Due on").fill((TODAY + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Record commitment").click()

    expect(page.get_by_role("link", name="Send the draft roadmap")).to_be_visible()
    assert Commitment.objects.get().partner == ghana
    screenshot("side-meeting")
    assert serious_violations(page) == []


def test_a_delegate_closes_a_commitment_of_their_administration(page, login, ghana):
    side_meeting = SideMeetingFactory(partner=ghana, held_on=TODAY - datetime.timedelta(days=90))
    AttendanceFactory(meeting=side_meeting.meeting, partner=ghana)
    commitment = CommitmentFactory(
        side_meeting=side_meeting,
        title="Adopt the code of conduct",
        tier="partner",
        due_on=TODAY - datetime.timedelta(days=1),
    )
    person("kofi", GROUP_DELEGATES, partner=ghana)
    login(page, "kofi", PASSWORD)

    page.goto(commitment.get_absolute_url())
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Closing comment").fill("Adopted by the Commissioner in March")
    page.get_by_role("button", name="Close commitment").click()

    expect(page.get_by_text("The commitment was closed as Done.")).to_be_visible()
    commitment.refresh_from_db()
    assert commitment.status == "done"


def test_the_briefing_pack_and_the_commitments_list_pass_axe(page, login, screenshot, ghana):
    meeting = MeetingFactory(
        starts_on=TODAY + datetime.timedelta(days=10), ends_on=TODAY + datetime.timedelta(days=12)
    )
    AttendanceFactory(meeting=meeting, partner=ghana)
    AttendanceFactory(meeting=meeting, partner=PartnerFactory(country_name="Nepal"))
    CommitmentFactory(side_meeting__partner=ghana, due_on=TODAY - datetime.timedelta(days=3))
    person("amina", GROUP_STAFF)
    login(page, "amina", PASSWORD)

    page.goto(reverse("meetings:briefing", args=[meeting.uuid]))
    expect(page.locator("article.page-break")).to_have_count(1)
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    screenshot("briefing-print")
    page.emulate_media(media="screen")

    page.goto(reverse("meetings:commitments"))
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert no_horizontal_scroll(page)
