import datetime

import factory
from factory.django import DjangoModelFactory

from meetings.models import Attendance, Commitment, Meeting, Note, SideMeeting
from tests.acip.factories import ProgrammeFactory, UserFactory
from tests.partners.factories import PartnerFactory


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "committee"
    committee = "isc"
    session_number = factory.Sequence(lambda n: n + 18)
    title = factory.Sequence(lambda n: f"Integrity Sub-Committee session {n}")
    starts_on = datetime.date(2019, 4, 8)
    ends_on = datetime.date(2019, 4, 12)
    place = "Brussels"


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    partner = factory.SubFactory(PartnerFactory)


class SideMeetingFactory(DjangoModelFactory):
    class Meta:
        model = SideMeeting

    meeting = factory.SubFactory(MeetingFactory)
    partner = factory.SubFactory(PartnerFactory)
    held_on = datetime.date(2019, 4, 10)


class NoteFactory(DjangoModelFactory):
    class Meta:
        model = Note

    side_meeting = factory.SubFactory(SideMeetingFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Illustrative note {n}.")


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    side_meeting = factory.SubFactory(SideMeetingFactory)
    partner = factory.SelfAttribute("side_meeting.partner")
    title = factory.Sequence(lambda n: f"Next step {n}")
    owner = "administration"
    due_on = datetime.date(2019, 9, 30)
