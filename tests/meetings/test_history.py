import datetime

import pytest

from meetings.history import history_of
from tests.meetings.factories import CommitmentFactory, SideMeetingFactory
from tests.partners.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_history_lists_changes_newest_first_with_old_and_new_values():
    commitment = CommitmentFactory(due_on=datetime.date(2030, 1, 31))
    commitment.due_on = datetime.date(2030, 3, 31)
    commitment.owner = "programme"
    commitment._change_reason = "Moved after the mission"
    commitment.save()

    latest, created = history_of(commitment)

    assert (created.action, created.changes) == ("Created", [])
    assert latest.reason == "Moved after the mission"
    assert {(change.label, change.old, change.new) for change in latest.changes} == {
        ("Due on", "31 Jan 2030", "31 Mar 2030"),
        ("Owner", "Administration", "Programme team"),
    }


def test_history_names_a_changed_relation_without_reading_it():
    commitment = CommitmentFactory()
    commitment.owner_contact = ContactFactory(partner=commitment.partner)
    commitment.save()

    change = history_of(commitment)[0].changes[0]

    assert (change.label, change.is_relation) == ("Owner at the administration", True)


def test_history_says_when_only_linked_records_changed():
    side_meeting = SideMeetingFactory()
    side_meeting.partner_participants.add(ContactFactory(partner=side_meeting.partner))

    assert [entry.action for entry in history_of(side_meeting)] == ["Linked records updated", "Created"]
