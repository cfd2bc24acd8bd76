"""Junk posted to every meetings form, and put in every filter, gets a page back, never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.meetings.factories import AttendanceFactory, CommitmentFactory, SideMeetingFactory

pytestmark = pytest.mark.django_db

junk = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="\x00\u202e\U0001f600'\"<>;%", max_size=5),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "2019-02-30", "99999-01-01", "0", "-1", "true", "on", "staff", "done", "programme"]),
)
FIELDS = [
    "programme", "kind", "committee", "session_number", "title", "starts_on", "ends_on", "place", "is_online",
    "theme", "partners", "contacts", "held_on", "wco_participants", "partner_participants", "purpose",
    "key_outcomes", "atmosphere", "tier", "text", "effective_on", "stage", "health", "reason", "description",
    "owner", "owner_contact", "owner_user", "due_on", "outcome", "activity", "status", "comment",
]  # fmt: skip
FILTERS = [
    "when",
    "kind",
    "year",
    "programme",
    "partner",
    "status",
    "owner",
    "due_after",
    "due_before",
    "overdue",
    "page",
]
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def urls(partner):
    side_meeting = SideMeetingFactory(partner=partner)
    AttendanceFactory(meeting=side_meeting.meeting, partner=partner)
    commitment = CommitmentFactory(side_meeting=side_meeting)
    meeting = side_meeting.meeting.uuid
    return [
        reverse("meetings:create"),
        reverse("meetings:update", args=[meeting]),
        reverse("meetings:side_meeting_create", args=[meeting]) + f"?partner={partner.slug}",
        reverse("meetings:side_meeting_update", args=[side_meeting.uuid]),
        reverse("meetings:note_create", args=[side_meeting.uuid]),
        reverse("meetings:side_meeting_status", args=[side_meeting.uuid]),
        reverse("meetings:commitment_create", args=[side_meeting.uuid]),
        reverse("meetings:commitment_update", args=[commitment.uuid]),
        reverse("meetings:commitment_close", args=[commitment.uuid]),
    ]


@SETTINGS
@given(data=st.fixed_dictionaries({}, optional={field: junk for field in FIELDS}))
def test_junk_posted_to_any_form_never_errors(staff_client, urls, data):
    for url in urls:
        assert staff_client.post(url, data).status_code in (200, 302), url


@SETTINGS
@given(query=st.fixed_dictionaries({}, optional={name: junk for name in FILTERS}))
def test_junk_in_the_filters_never_errors(staff_client, urls, query):
    for name in ("meetings:list", "meetings:commitments"):
        assert staff_client.get(reverse(name), query).status_code == 200


@SETTINGS
@given(slug=junk)
def test_junk_in_the_briefing_partner_never_errors(staff_client, partner, slug):
    meeting = AttendanceFactory(partner=partner).meeting
    response = staff_client.get(reverse("meetings:briefing", args=[meeting.uuid]), {"partner": slug})
    assert response.status_code in (200, 404)


@SETTINGS
@given(query=st.fixed_dictionaries({}, optional={name: junk for name in ("region", "page")}))
def test_junk_in_the_briefing_region_and_page_never_errors(staff_client, partner, query):
    meeting = AttendanceFactory(partner=partner).meeting
    response = staff_client.get(reverse("meetings:briefing", args=[meeting.uuid]), query)
    assert response.status_code == 200
    assert [delegation.partner for delegation in response.context["delegations"]] == [partner]
