"""Stale status pages (to the focal point, when the page passes the threshold, then weekly), the weekly staff
digest, and the fixed number of queries of a run whatever the number of rows."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acip.participation.models import Proposal
from acip.reminders.models import ReminderPreference
from acip.reminders.services import reminders_plan
from tests.acip.personas import make_staff
from tests.meetings.factories import MeetingFactory
from tests.partners.factories import ContactFactory, PartnerFactory, StatusChangeFactory
from tests.reminders.conftest import DAY, SITE, TODAY, commitment, make_world

pytestmark = pytest.mark.django_db


def run(today=TODAY, *args) -> str:
    out = StringIO()
    call_command("send_reminders", "--today", today.isoformat(), *args, stdout=out, stderr=out)
    return out.getvalue()


def stale_partner(world, *, name: str, last_event: datetime.date):
    partner = PartnerFactory(country_name=name, programme=world.programme, focal_point=world.focal_point)
    StatusChangeFactory(partner=partner, effective_on=last_event)
    return partner


@pytest.fixture
def world(settings):
    settings.ACIP_STALE_DAYS = 180
    w = make_world()
    for user in (w.manager, w.focal_point, w.owner):
        ReminderPreference.objects.update_or_create(user=user, defaults={"digest": False})
    return w


def test_the_focal_point_is_told_when_a_page_passes_the_threshold_then_weekly(smtp, world):
    afghanistan = stale_partner(world, name="Afghanistan", last_event=TODAY - 181 * DAY)
    stale_partner(world, name="Fresh", last_event=TODAY - 170 * DAY)
    run()
    (received,) = smtp.received
    assert received.envelope_to == [world.focal_point.email]
    assert received.subject == f"Afghanistan: status page not updated since {TODAY - 181 * DAY:%-d %b %Y}"
    assert f"{SITE}/partners/{afghanistan.slug}/" in received.text
    assert f'href="{SITE}/partners/{afghanistan.slug}/"' in received.html

    for day in range(1, 6):  # the rest of that week: nothing more
        run(TODAY + day * DAY)
    assert len(smtp.received) == 1
    run(TODAY + 6 * DAY)  # a week after it passed the threshold
    assert len(smtp.received) == 2


def test_a_new_event_makes_the_page_current_and_the_reminders_stop(smtp, world):
    partner = stale_partner(world, name="Afghanistan", last_event=TODAY - 200 * DAY)
    run()
    assert len(smtp.received) == 1
    StatusChangeFactory(partner=partner, effective_on=TODAY + DAY)
    run(TODAY + 14 * DAY)
    assert len(smtp.received) == 1


def test_a_focal_point_who_turned_stale_pages_off_is_not_told(smtp, world):
    ReminderPreference.objects.filter(user=world.focal_point).update(stale_pages=False)
    stale_partner(world, name="Afghanistan", last_event=TODAY - 200 * DAY)
    run()
    assert not smtp.received


def test_the_weekly_digest_comes_on_the_chosen_day_with_the_staff_members_work(smtp, world):
    ReminderPreference.objects.filter(user=world.focal_point).update(digest=True, digest_weekday=TODAY.weekday())
    ReminderPreference.objects.filter(user=world.owner).update(digest=True, digest_weekday=TODAY.weekday() + 1)
    ReminderPreference.objects.filter(user=world.focal_point).update(commitments=False, stale_pages=False)
    late = commitment(world, due_on=TODAY - 3 * DAY, title="Late step", owner_user=world.focal_point)
    soon = commitment(world, due_on=TODAY + 5 * DAY, title="Coming step", owner_user=world.focal_point)
    commitment(world, due_on=TODAY + 20 * DAY, title="Far step", owner_user=world.focal_point)
    commitment(world, due_on=TODAY - 3 * DAY, title="Someone else's", owner_user=world.owner)
    stale = stale_partner(world, name="Afghanistan", last_event=TODAY - 300 * DAY)
    meeting = MeetingFactory(
        programme=world.programme, title="Coordinators' meeting", starts_on=TODAY + 10 * DAY, ends_on=TODAY + 11 * DAY
    )
    MeetingFactory(programme=world.programme, title="Too far", starts_on=TODAY + 31 * DAY, ends_on=TODAY + 31 * DAY)
    run()
    (digest,) = smtp.to(world.focal_point.email)
    text = digest.text
    assert digest.subject.startswith("Your A-CIP week of")
    for expected in ("Late step", "Coming step", "Afghanistan", "Coordinators' meeting"):
        assert expected in text
    for unexpected in ("Far step", "Someone else's", "Too far"):
        assert unexpected not in text
    for page in (
        late.get_absolute_url(),
        soon.get_absolute_url(),
        stale.get_absolute_url(),
        meeting.get_absolute_url(),
    ):
        assert f"{SITE}{page}" in text and f'href="{SITE}{page}"' in digest.html
    assert not [r for r in smtp.to(world.owner.email) if "week" in r.subject]

    run(TODAY + DAY)
    run(TODAY + 2 * DAY)
    assert len(smtp.to(world.focal_point.email)) == 1  # one a week


def _add_rows(world, start: int, n: int):
    """n more of everything a run reads: administrations (stale, with a coordinator), commitments at each step and
    owned by each side, staff members with a digest, meetings."""
    for i in range(start, start + n):
        staff = make_staff(username=f"more-staff-{i}")
        partner = stale_partner(world, name=f"Stale {i}", last_event=TODAY - (200 + i) * DAY)
        partner.focal_point = staff
        partner.save()
        ContactFactory(partner=partner, position="coordinator", email=f"coord{i}@example.org", language="fr")
        for days in (-7, 0, 1, 7, 30, 65):
            commitment(world, partner=partner, due_on=TODAY - days * DAY, owner_user=staff, title=f"p{i}-{days}")
            commitment(world, partner=partner, due_on=TODAY - days * DAY, owner="administration", title=f"a{i}-{days}")
        MeetingFactory(programme=world.programme, starts_on=TODAY + (i + 1) * DAY, ends_on=TODAY + (i + 1) * DAY)


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured.captured_queries)


def test_a_run_makes_the_same_number_of_queries_at_two_data_sizes(smtp, world):
    _add_rows(world, 0, 1)
    small_plan = _queries(lambda: reminders_plan(today=TODAY))
    small_run = _queries(lambda: run())
    sent_small = len(smtp.received)
    _add_rows(world, 1, 4)
    large_plan = _queries(lambda: reminders_plan(today=TODAY))
    smtp.received.clear()
    large_run = _queries(lambda: run(TODAY + 7 * DAY))
    assert len(smtp.received) > sent_small
    assert small_plan == large_plan
    assert small_run == large_run
    # the preferences (1); commitments: the open ones due, the coordinators, the partners' view, the log (4); stale
    # pages: the stale administrations, the log (2); digest: staff, their commitments, their stale countries, the
    # meetings, what waits for review (proposals, reported values: 2), the log (7). Sending adds one write per kind.
    assert large_plan == 14


def test_the_digest_tells_the_focal_point_what_waits_in_the_review_queue(smtp, world):
    ReminderPreference.objects.filter(user=world.focal_point).update(
        digest=True, digest_weekday=TODAY.weekday(), commitments=False, stale_pages=False
    )
    partner = PartnerFactory(country_name="Benin", programme=world.programme, focal_point=world.focal_point)
    StatusChangeFactory(partner=partner, effective_on=TODAY)
    Proposal.objects.create(partner=partner, kind="status", target_id=1, field="reason", proposed_by=world.owner)
    run()
    (digest,) = smtp.to(world.focal_point.email)
    assert f"1 item from your countries waits in the review queue: {SITE}/participation/queue/" in digest.text
