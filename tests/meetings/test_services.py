import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings import services
from meetings.models import Attendance, Commitment, Meeting, SideMeeting
from partners.models import StatusChange
from tests.acip.factories import ProgrammeFactory, UserFactory
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    SideMeetingFactory,
)
from tests.partners.factories import ContactFactory, PartnerFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db


def new_meeting(**overrides) -> dict:
    fields = {
        "programme": ProgrammeFactory(),
        "kind": "committee",
        "committee": "cbc_isc",
        "title": "10th CBC and 18th ISC",
        "starts_on": datetime.date(2019, 4, 8),
        "ends_on": datetime.date(2019, 4, 12),
        "place": "Brussels",
    }
    return fields | overrides


# meeting_save


def test_meeting_save_creates_the_meeting_and_its_attendance():
    ghana, nepal = PartnerFactory(), PartnerFactory()
    coordinator = ContactFactory(partner=ghana)

    meeting = services.meeting_save(data=new_meeting(), partners=[ghana, nepal], contacts=[coordinator])

    assert set(meeting.partners.all()) == {ghana, nepal}
    assert list(Attendance.objects.get(meeting=meeting, partner=ghana).contacts.all()) == [coordinator]
    assert not Attendance.objects.get(meeting=meeting, partner=nepal).contacts.exists()


def test_meeting_save_replaces_the_attendance():
    ghana, nepal, malawi = PartnerFactory(), PartnerFactory(), PartnerFactory()
    meeting = services.meeting_save(data=new_meeting(), partners=[ghana, nepal])
    ghana_attendance = Attendance.objects.get(meeting=meeting, partner=ghana)

    services.meeting_save(meeting=meeting, data={}, partners=[ghana, malawi])

    assert set(meeting.partners.all()) == {ghana, malawi}
    assert Attendance.objects.get(meeting=meeting, partner=ghana).pk == ghana_attendance.pk


def test_meeting_save_refuses_a_contact_of_an_administration_not_attending():
    ghana, nepal = PartnerFactory(), PartnerFactory()
    with pytest.raises(ValidationError) as error:
        services.meeting_save(data=new_meeting(), partners=[ghana], contacts=[ContactFactory(partner=nepal)])
    assert "contacts" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_meeting_save_keeps_an_administration_that_had_a_side_meeting():
    attendance = AttendanceFactory()
    SideMeetingFactory(meeting=attendance.meeting, partner=attendance.partner)
    with pytest.raises(ValidationError) as error:
        services.meeting_save(meeting=attendance.meeting, data={}, partners=[])
    assert "partners" in error.value.message_dict
    assert Attendance.objects.filter(pk=attendance.pk).exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"ends_on": datetime.date(2019, 4, 1)},
        {"kind": "workshop"},
        {"title": ""},
    ],
)
def test_meeting_save_validates_the_meeting(overrides):
    with pytest.raises(ValidationError):
        services.meeting_save(data=new_meeting(**overrides), partners=[PartnerFactory()])
    assert not Meeting.objects.exists()
    assert not Attendance.objects.exists()


# side_meeting_save, note_create, commitment_save


def test_side_meeting_save_records_the_delegation_participants():
    attendance = AttendanceFactory()
    contact = ContactFactory(partner=attendance.partner)
    side_meeting = services.side_meeting_save(
        meeting=attendance.meeting,
        partner=attendance.partner,
        data={"held_on": datetime.date(2019, 4, 9)},
        participants=[contact],
    )

    assert list(side_meeting.partner_participants.all()) == [contact]


def test_side_meeting_save_refuses_another_administrations_contact():
    attendance = AttendanceFactory()
    with pytest.raises(ValidationError):
        services.side_meeting_save(
            meeting=attendance.meeting,
            partner=attendance.partner,
            data={"held_on": datetime.date(2019, 4, 9)},
            participants=[ContactFactory()],
        )
    assert not SideMeeting.objects.exists()


def test_side_meeting_save_needs_the_administration_to_attend():
    with pytest.raises(ValidationError):
        services.side_meeting_save(
            meeting=MeetingFactory(), partner=PartnerFactory(), data={"held_on": datetime.date(2019, 4, 9)}
        )
    assert not SideMeeting.objects.exists()


def test_note_create_strips_the_text_and_keeps_the_tier():
    note = services.note_create(
        side_meeting=SideMeetingFactory(), author=UserFactory(), text="  Agreed  ", tier="partner"
    )
    assert (note.text, note.tier) == ("Agreed", "partner")


def test_commitment_save_takes_the_administration_of_its_side_meeting():
    side_meeting = SideMeetingFactory()
    data = {
        "partner": PartnerFactory(),  # not a field the service writes: the side meeting's administration wins
        "title": "Send the draft",
        "owner": "administration",
        "due_on": datetime.date(2019, 6, 1),
    }
    commitment = services.commitment_save(side_meeting=side_meeting, data=data)
    assert commitment.partner == side_meeting.partner


# side_meeting_record_status


def record_status(side_meeting, **overrides):
    arguments = {
        "side_meeting": side_meeting,
        "user": UserFactory(),
        "effective_on": datetime.date(2019, 4, 10),
        "stage": "scoping",
        "health": "on_track",
        "reason": "Scoping visit agreed",
        "tier": "partner",
    }
    return services.side_meeting_record_status(**(arguments | overrides))


def test_record_status_adds_a_status_change_linked_to_the_side_meeting():
    side_meeting = SideMeetingFactory()
    user = UserFactory()

    change = record_status(side_meeting, user=user)

    side_meeting.refresh_from_db()
    assert side_meeting.status_change == change
    assert (change.partner, change.recorded_by, change.stage) == (side_meeting.partner, user, "scoping")
    assert change.history.get().history_change_reason == "Scoping visit agreed"


def test_record_status_keeps_earlier_statuses():
    side_meeting = SideMeetingFactory()
    earlier = StatusChangeFactory(partner=side_meeting.partner, effective_on=datetime.date(2019, 1, 1))
    record_status(side_meeting)
    assert StatusChange.objects.filter(partner=side_meeting.partner).count() == 2
    assert StatusChange.objects.filter(pk=earlier.pk).exists()


def test_record_status_refuses_a_second_change_for_one_side_meeting():
    side_meeting = SideMeetingFactory()
    record_status(side_meeting)
    with pytest.raises(ValidationError):
        record_status(side_meeting)
    assert StatusChange.objects.count() == 1


def test_record_status_needs_a_reason():
    with pytest.raises(ValidationError):
        record_status(SideMeetingFactory(), reason="  ")
    assert not StatusChange.objects.exists()


# commitment_close


def test_commitment_close_records_who_when_and_why():
    commitment = CommitmentFactory()
    user = UserFactory()

    closed = services.commitment_close(commitment=commitment, user=user, status="done", comment=" Adopted ")

    commitment.refresh_from_db()
    assert (commitment.status, commitment.closed_by, commitment.closing_comment) == ("done", user, "Adopted")
    assert commitment.closed_at is not None
    assert closed.history.first().history_change_reason == "Adopted"


def test_commitment_close_drops():
    commitment = CommitmentFactory()
    services.commitment_close(commitment=commitment, user=UserFactory(), status="dropped", comment="Overtaken")
    commitment.refresh_from_db()
    assert commitment.status == "dropped"


@pytest.mark.parametrize("status", ["open", "archived"])
def test_commitment_close_refuses_anything_but_done_or_dropped(status):
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError):
        services.commitment_close(commitment=commitment, user=UserFactory(), status=status, comment="Hm")
    commitment.refresh_from_db()
    assert commitment.status == "open"


def test_commitment_close_refuses_a_closed_commitment_even_from_a_stale_copy():
    commitment = CommitmentFactory()
    stale = Commitment.objects.get(pk=commitment.pk)
    services.commitment_close(commitment=commitment, user=UserFactory(), status="done", comment="First")

    with pytest.raises(ValidationError):
        services.commitment_close(commitment=stale, user=UserFactory(), status="dropped", comment="Second")

    commitment.refresh_from_db()
    assert (commitment.status, commitment.closing_comment) == ("done", "First")
