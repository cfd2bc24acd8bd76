"""The meetings app's exports hold the rows of their list, for the user who asks (meetings/exports.py)."""

import pytest
from django.urls import reverse

from tests.acip import exports_world
from tests.acip.exports_world import column, export_url, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

# The fixtures of the export world, asked for by name below.
world, staff_client, donor_client = exports_world.world, exports_world.staff_client, exports_world.donor_client


def test_meeting_export_uses_the_meeting_list_filters(staff_client, world):
    query = {"partner": world["mali"].slug}
    page = staff_client.get(reverse("meetings:list"), query)
    exported = read_xlsx(staff_client.get(export_url("meetings", "xlsx"), query))
    assert (
        column(exported, "Meeting") == [meeting.title for meeting in page.context["page_obj"]] == ["Meeting with Mali"]
    )


def test_commitment_export_opens_on_the_open_ones_like_the_list(staff_client, world):
    page = staff_client.get(reverse("meetings:commitments"))
    exported = read_xlsx(staff_client.get(export_url("commitments", "xlsx")))
    assert column(exported, "What") == [c.title for c in page.context["page_obj"]]
    assert set(column(exported, "Status")) == {"Open"}
    every = read_csv(staff_client.get(export_url("commitments"), {"status": "done"}))
    assert set(column(every, "Status")) == {"Done"}


def test_side_meeting_export_shows_staff_everything(staff_client, world):
    rows = read_csv(staff_client.get(export_url("side_meetings"), {"partner": "nonexistent"}))
    assert "Atmosphere" in rows[0]
    rows = read_csv(staff_client.get(export_url("side_meetings")))
    assert "Staff purpose Ghana" in column(rows, "Purpose")
    assert "Tense" in column(rows, "Atmosphere")


def test_donor_side_meeting_export_hides_text_not_shared_and_the_atmosphere(donor_client, world):
    rows = read_csv(donor_client.get(export_url("side_meetings")))
    assert "Atmosphere" not in rows[0]
    assert set(column(rows, "Administration")) == {"Ghana"}
    # The side meetings the commitments were raised at are staff-only too.
    assert set(column(rows, "Purpose")) == {"Not shared", "Shared purpose Ghana"}


def test_donor_meeting_export_holds_only_meetings_of_covered_administrations(donor_client, world):
    assert column(read_csv(donor_client.get(export_url("meetings"))), "Meeting") == ["Meeting with Ghana"]
