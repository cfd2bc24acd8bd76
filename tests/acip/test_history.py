"""acip.lib.history: a record's versions compared one with the next, and the latest changes of many records."""

import datetime
from decimal import Decimal

import pytest

from acip.lib.history import history_of, latest_changes
from partners.models import IndicatorValue, StatusChange
from tests.meetings.factories import CommitmentFactory, SideMeetingFactory
from tests.partners.factories import ContactFactory, IndicatorValueFactory, StatusChangeFactory

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


def test_latest_changes_names_each_record_and_compares_it_with_its_version_before(django_assert_num_queries):
    value = IndicatorValueFactory(period=2023, target=Decimal("50.00"), actual=None)
    value.actual = Decimal("47.50")
    value._change_reason = "Survey results came in"
    value.save()
    partner = value.indicator.outcome.plan.partner

    with django_assert_num_queries(1):
        changed, created = latest_changes(
            IndicatorValue,
            filters={"indicator__outcome__plan__partner": partner},
            fields=["period", "target", "actual"],
            label="Indicator value",
            subject=lambda record: f"{record.indicator.name} – {record.period}",
            limit=10,
            related=("indicator",),
        )

    assert changed.record == f"Indicator value: {value.indicator.name} – 2023"
    assert (changed.action, changed.reason) == ("Changed", "Survey results came in")
    assert [(c.label, c.old, c.new) for c in changed.changes] == [("Actual", "—", "47.5")]
    assert (created.action, created.changes) == ("Created", [])


def test_latest_changes_keeps_to_the_filter_and_the_limit_newest_first():
    status = StatusChangeFactory(effective_on=datetime.date(2023, 2, 3), health="on_track")
    for health in ["at_risk", "off_track", "on_track"]:
        status.health = health
        status.save()
    StatusChangeFactory()  # another administration's

    entries = latest_changes(
        StatusChange,
        filters={"partner": status.partner},
        fields=["health"],
        label="Status",
        subject=lambda record: record.effective_on,
        limit=2,
    )

    assert [entry.record for entry in entries] == ["Status: 3 Feb 2023"] * 2
    assert [(c.old, c.new) for entry in entries for c in entry.changes] == [
        ("Off track", "On track"),
        ("At risk", "Off track"),
    ]
