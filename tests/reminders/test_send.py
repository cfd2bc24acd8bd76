"""send_reminders against a real SMTP server (aiosmtpd): who is told what and when, the mails as they arrive
(multipart, language, links, subject), a second run that sends nothing, refused addresses and a server that is down.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from acip.reminders.models import DeliveryStatus, ReminderLog, ReminderPreference
from tests.reminders.conftest import DAY, SITE, TODAY, commitment, make_world

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", "--today", TODAY.isoformat(), *args, stdout=out, stderr=out)
    return out.getvalue()


def no_digest(*users):
    """Leave the weekly digest out of a test about something else (TODAY is a Monday, the default digest day)."""
    for user in users:
        ReminderPreference.objects.update_or_create(user=user, defaults={"digest": False})


@pytest.fixture
def world():
    w = make_world()
    no_digest(w.manager, w.focal_point, w.owner)
    return w


def test_the_owner_is_told_seven_days_before_and_on_the_due_date(smtp, world):
    soon = commitment(world, due_on=TODAY + 7 * DAY, title="Send the mission report")
    today = commitment(world, due_on=TODAY, title="Confirm the workshop dates")
    commitment(world, due_on=TODAY + 8 * DAY, title="Not yet")
    run()
    received = smtp.to(world.owner.email)
    subjects = sorted(r.subject for r in received)
    assert subjects == [
        f"Ghana: commitment due on {TODAY + 7 * DAY:%-d %b %Y}: Send the mission report",
        "Ghana: commitment due today: Confirm the workshop dates",
    ]
    assert len(smtp.received) == 2
    assert {(row.object_id, row.step) for row in ReminderLog.objects.all()} == {
        (soon.pk, "due-soon"),
        (today.pk, "due-today"),
    }


def test_overdue_goes_to_the_owner_and_the_focal_point_after_one_and_seven_days(smtp, world):
    one = commitment(world, due_on=TODAY - DAY, title="One day late")
    seven = commitment(world, due_on=TODAY - 7 * DAY, title="A week late")
    run()
    for address in (world.owner.email, world.focal_point.email):
        assert sorted(r.subject for r in smtp.to(address)) == [
            "Ghana: commitment 1 day overdue: One day late",
            "Ghana: commitment 7 days overdue: A week late",
        ]
    assert not smtp.to(world.manager.email)
    assert set(ReminderLog.objects.values_list("object_id", "step")) == {
        (one.pk, "overdue-1"),
        (seven.pk, "overdue-7"),
    }


def test_then_the_programme_manager_every_thirty_days_until_closed(smtp, world):
    late = commitment(world, due_on=TODAY - 30 * DAY, title="Long late")
    run()
    assert [r.subject for r in smtp.received] == ["Ghana: commitment 30 days overdue: Long late"]
    assert smtp.received[0].envelope_to == [world.manager.email]
    assert "programme manager" in smtp.received[0].text

    smtp.received.clear()
    call_command("send_reminders", "--today", (TODAY + 29 * DAY).isoformat(), stdout=StringIO())
    assert not smtp.received  # still the same 30-day period
    call_command("send_reminders", "--today", (TODAY + 30 * DAY).isoformat(), stdout=StringIO())
    assert [r.envelope_to for r in smtp.received] == [[world.manager.email]]

    smtp.received.clear()
    late.status, late.closed_at = "done", late.created_at
    late.save()
    call_command("send_reminders", "--today", (TODAY + 60 * DAY).isoformat(), stdout=StringIO())
    assert not smtp.received


def test_without_a_programme_manager_the_escalation_goes_to_the_focal_point(smtp, world):
    world.programme.manager = None
    world.programme.save()
    commitment(world, due_on=TODAY - 30 * DAY, title="Long late")
    run()
    assert [r.envelope_to for r in smtp.received] == [[world.focal_point.email]]


def test_an_administrations_commitment_goes_to_its_coordinator(smtp, world):
    commitment(world, owner="administration", due_on=TODAY, title="Share the action plan")
    run()
    assert [r.envelope_to for r in smtp.received] == [[world.coordinator.email]]
    assert "you are its A-CIP Coordinator" in smtp.received[0].text


def test_without_a_coordinators_address_the_focal_point_is_told_instead(smtp, world):
    world.coordinator.email = ""
    world.coordinator.save()
    commitment(world, owner="administration", due_on=TODAY, title="Share the action plan")
    run()
    assert [r.envelope_to for r in smtp.received] == [[world.focal_point.email]]
    assert "so you are told instead" in smtp.received[0].text


def test_a_mail_is_multipart_with_absolute_links_to_the_page_and_the_settings(smtp, world):
    item = commitment(world, due_on=TODAY, title="Confirm the workshop dates")
    run()
    (received,) = smtp.received
    message = received.message
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Content-Language"] == "en"
    assert message["Auto-Submitted"] == "auto-generated"
    page = f"{SITE}/meetings/commitments/{item.uuid}/"
    settings_page = f"{SITE}/settings/reminders/"
    assert page in received.text and settings_page in received.text
    assert f'href="{page}"' in received.html and f'href="{settings_page}"' in received.html
    assert '<html lang="en">' in received.html
    assert "Dear " in received.text


def test_a_french_coordinator_reads_french(smtp, world):
    world.coordinator.language = "fr"
    world.coordinator.save()
    commitment(world, owner="administration", due_on=TODAY - DAY, title="Partager le plan d'action")
    run()
    (received,) = smtp.to(world.coordinator.email)
    assert received.message["Content-Language"] == "fr"
    assert received.subject == "Ghana\u00a0: engagement en retard de 1 jour\u00a0: Partager le plan d'action"
    assert '<html lang="fr">' in received.html
    assert "Bonjour Ama Mensah," in received.text
    assert "vous en êtes le coordinateur A-CIP" in received.text and "Ouvrir l’engagement" in received.html
    (staff_copy,) = smtp.to(world.focal_point.email)
    assert staff_copy.message["Content-Language"] == "en"


def test_a_staff_members_language_comes_from_their_settings(smtp, world):
    ReminderPreference.objects.filter(user=world.owner).update(language="fr")
    commitment(world, due_on=TODAY, title="Confirmer les dates")
    run()
    (received,) = smtp.received
    assert received.message["Content-Language"] == "fr"
    assert "aujourd" in received.subject


def test_a_partners_mail_holds_nothing_its_tier_may_not_read(smtp, world):
    """Markers planted in staff-only text never reach the coordinator: a staff-only commitment of their own
    administration goes to the focal point, not to them."""
    commitment(world, owner="administration", due_on=TODAY, title="Shared step", description="SHARED-TEXT")
    commitment(
        world,
        owner="administration",
        due_on=TODAY,
        tier="staff",
        title="CANARY-STAFF-ONLY title",
        description="CANARY-STAFF-ONLY description",
    )
    run()
    raw = b"".join(r.raw for r in smtp.to(world.coordinator.email))
    assert b"SHARED-TEXT" in raw
    assert b"CANARY-STAFF-ONLY" not in raw
    (instead,) = smtp.to(world.focal_point.email)
    assert instead.subject == "Ghana: commitment due today: CANARY-STAFF-ONLY title"
    assert "marked staff only, so it is not sent to them" in instead.text


def test_running_twice_the_same_day_sends_nothing_twice(smtp, world):
    commitment(world, due_on=TODAY, title="Once")
    commitment(world, due_on=TODAY - DAY, title="Twice, to two people")
    run()
    assert len(smtp.received) == 3
    output = run()
    assert len(smtp.received) == 3
    assert "0 to send, 3 already sent" in output


def test_a_refused_address_does_not_stop_the_others_and_is_tried_again(smtp, world):
    commitment(world, due_on=TODAY - DAY, title="Late")
    smtp.refuse.add(world.owner.email)
    with pytest.raises(CommandError, match="1 reminder could not be sent"):
        run()
    assert [r.envelope_to for r in smtp.received] == [[world.focal_point.email]]
    failed = ReminderLog.objects.get(recipient=world.owner.email)
    assert failed.status == DeliveryStatus.FAILED and failed.sent_at is None
    assert "550" in failed.error and "No such mailbox" in failed.error

    smtp.refuse.clear()
    output = run()
    assert "1 to send (1 tried before), 1 already sent" in output
    assert [r.envelope_to for r in smtp.received] == [[world.focal_point.email], [world.owner.email]]
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SENT and failed.attempts == 2 and failed.error == ""


def test_a_server_that_is_down_leaves_every_reminder_to_the_next_run(smtp_down, world):
    commitment(world, due_on=TODAY - DAY, title="Late")
    with pytest.raises(CommandError, match="2 reminders could not be sent"):
        run()
    rows = list(ReminderLog.objects.all())
    assert len(rows) == 2
    assert all(row.status == DeliveryStatus.FAILED and row.sent_at is None for row in rows)
    assert all("Connection refused" in row.error or "ConnectionRefusedError" in row.error for row in rows)


def test_dry_run_shows_what_would_go_and_sends_and_logs_nothing(smtp, world):
    commitment(world, due_on=TODAY, title="Confirm the workshop dates")
    output = run("--dry-run")
    assert "dry run: nothing is sent or logged" in output
    assert f"{world.owner.email} (en, due-today)" in output
    assert "Ghana: commitment due today: Confirm the workshop dates" in output
    assert "Would send 1 e-mail." in output
    assert not smtp.received and not ReminderLog.objects.exists()


def test_a_bad_today_is_refused_with_a_message():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "2026-02-30", stdout=StringIO())


def test_whoever_turned_commitment_reminders_off_is_not_told(smtp, world):
    ReminderPreference.objects.filter(user=world.owner).update(commitments=False)
    commitment(world, due_on=TODAY - DAY, title="Late")
    run()
    assert [r.envelope_to for r in smtp.received] == [[world.focal_point.email]]
