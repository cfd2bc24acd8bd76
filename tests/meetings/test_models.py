import pytest

from meetings.models import Meeting
from tests.acip.personas import make_delegate, make_staff
from tests.meetings.factories import AttendanceFactory, SideMeetingFactory

pytestmark = pytest.mark.django_db


def test_meeting_counts_reveal_no_other_delegation_to_a_delegate():
    mine = AttendanceFactory()
    AttendanceFactory(meeting=mine.meeting)
    SideMeetingFactory(meeting=mine.meeting, partner=mine.partner)
    SideMeetingFactory(meeting=mine.meeting)
    delegate, staff = make_delegate(mine.partner), make_staff()

    seen_by_delegate = Meeting.objects.visible_to(delegate).with_counts(delegate).get()
    seen_by_staff = Meeting.objects.visible_to(staff).with_counts(staff).get()

    assert (seen_by_delegate.attendance_count, seen_by_delegate.side_meeting_count) == (1, 1)
    assert (seen_by_staff.attendance_count, seen_by_staff.side_meeting_count) == (2, 2)
