"""A joint CBC and ISC session carries each committee's own number (issue 18): "10th CBC and 18th ISC"."""

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.models import Committee, Meeting, ordinal
from tests.meetings.test_views_meetings import meeting_data

pytestmark = pytest.mark.django_db


def test_staff_record_a_joint_session_with_both_numbers_and_see_it_named_so(staff_client):
    data = meeting_data(committee="cbc_isc", session_number="18", cbc_session_number="10", title="Joint session")
    response = staff_client.post(reverse("meetings:create"), data)

    meeting = Meeting.objects.get(title="Joint session")
    assert response.status_code == 302
    assert (meeting.cbc_session_number, meeting.session_number) == (10, 18)
    page = staff_client.get(meeting.get_absolute_url()).text
    assert "10th CBC and 18th ISC" in page


@pytest.mark.parametrize(
    "overrides",
    [
        {"committee": "isc", "cbc_session_number": "10"},
        {"committee": "cbc", "cbc_session_number": "10"},
        {"committee": "cbc_isc", "cbc_session_number": "1000"},
        {"committee": "cbc_isc", "cbc_session_number": "ten"},
    ],
)
def test_a_cbc_number_of_its_own_only_for_a_joint_session(staff_client, overrides):
    response = staff_client.post(reverse("meetings:create"), meeting_data(**overrides))
    assert response.status_code == 200
    assert "cbc_session_number" in response.context["form"].errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("committee", "number", "cbc", "label"),
    [
        (Committee.CBC_ISC, 18, 10, "10th CBC and 18th ISC"),
        (Committee.CBC_ISC, 18, None, "18th ISC"),
        (Committee.ISC, 21, None, "21st ISC"),
        (Committee.ISC, 22, None, "22nd ISC"),
        (Committee.CBC, 13, None, "13th CBC"),
        (Committee.ISC, 111, None, "111th ISC"),
        (Committee.ISC, None, None, ""),
    ],
)
def test_the_session_label(committee, number, cbc, label):
    assert Meeting(committee=committee, session_number=number, cbc_session_number=cbc).session_label == label


def test_ordinals_in_french():
    with translation.override("fr"):
        assert [ordinal(n) for n in (1, 2, 3, 11, 21, 22)] == ["1re", "2e", "3e", "11e", "21e", "22e"]
