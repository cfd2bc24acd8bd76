import pytest

from meetings.models import Commitment, Meeting
from tests.acip.factories import UserFactory
from tests.acip.personas import make_delegate, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, SideMeetingFactory
from tests.partners.factories import ContactFactory

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


def test_a_commitments_owner_is_named_by_the_contact_else_the_users_full_name_else_the_username():
    contact = CommitmentFactory(title="contact", owner_contact=ContactFactory(name="Kofi Mensah"))
    CommitmentFactory(
        title="full name", owner="programme", owner_user=UserFactory(first_name="Ana", last_name="Officer")
    )
    CommitmentFactory(title="username", owner="programme", owner_user=UserFactory(username="aofficer"))
    CommitmentFactory(title="nobody", partner=contact.partner, side_meeting=contact.side_meeting)

    names = dict(Commitment.objects.with_owner_name(make_staff()).values_list("title", "owner_name"))

    assert names == {"contact": "Kofi Mensah", "full name": "Ana Officer", "username": "aofficer", "nobody": ""}
