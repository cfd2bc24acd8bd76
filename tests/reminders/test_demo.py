"""The demo data set has reminders of every kind due on 25 January 2027 (a Monday, the digest's default day)."""

from io import StringIO

import pytest
from django.core.management import call_command

from acip.devdata.demo import demo_load
from acip.reminders.models import ReminderLog

pytestmark = pytest.mark.django_db
DEMO_DAY = "2027-01-25"


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", "--today", DEMO_DAY, *args, stdout=out, stderr=out)
    return out.getvalue()


def test_a_dry_run_on_the_demo_shows_every_kind_and_step(smtp):
    demo_load()
    output = run("--dry-run")
    for step in ("due-soon", "due-today", "overdue-1", "overdue-7", "manager-"):
        assert f", {step}" in output, step
    assert "acip.coordinator.gh@example.org" in output and "acip.coordinator.mz@example.org" in output
    assert "Afghanistan: status page not updated since" in output
    assert "Your A-CIP week of" in output
    assert "Would send" in output
    assert not smtp.received and not ReminderLog.objects.exists()


def test_the_demo_sends_them_once(smtp):
    demo_load()
    planned = int(run("--dry-run").rsplit("Would send ", 1)[1].split()[0])
    run()
    assert len(smtp.received) == planned > 5
    staff = smtp.to("staff@example.org")
    assert {"Afghanistan"} <= {r.subject.split(":")[0] for r in staff}
    run()
    assert len(smtp.received) == planned
