"""`python manage.py send_reminders [--dry-run] [--today DATE]`: send the reminders due today (acip.reminders).

Safe to repeat: what was sent is logged and never sent again; what failed is tried again on the next run. Runs from
cron, a Kubernetes CronJob or the `scheduler` service of docker-compose.yml, once a day.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from acip.reminders.models import ReminderKind
from acip.reminders.services import reminders_plan, reminders_send

TITLES = {
    ReminderKind.COMMITMENT: "Commitments (due soon, due today, overdue, escalated)",
    ReminderKind.STALE_PAGE: "Stale status pages (to the focal point)",
    ReminderKind.DIGEST: "Weekly digest (to programme staff)",
}


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today takes a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Send the reminder e-mails due today: commitments (to their owner, then the focal point, then the programme "
        "manager), stale status pages (to the focal point) and the weekly staff digest. Nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be sent, send nothing and log nothing."
        )
        parser.add_argument("--today", type=_date, default=None, help="Work as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        dry_run = options["dry_run"]
        plan = reminders_plan(today=today)
        mode = " (dry run: nothing is sent or logged)" if dry_run else ""
        self.stdout.write(f"Reminders for {today:%A %d %B %Y}{mode}")
        for kind, reminders in plan.due.items():
            retries = plan.retries.get(kind, {})
            self.stdout.write(
                f"\n{TITLES[kind]}: {len(reminders)} to send"
                + (f" ({len(retries)} tried before)" if retries else "")
                + f", {plan.already_sent[kind]} already sent"
            )
            for reminder in reminders:
                again = f", attempt {retries[reminder.key] + 1}" if reminder.key in retries else ""
                self.stdout.write(
                    f"  {reminder.recipient.email} ({reminder.recipient.language}, {reminder.step}{again})\n"
                    f"      {reminder.subject}"
                )
        total = sum(len(r) for r in plan.due.values())
        if dry_run:
            self.stdout.write(f"\nWould send {total} e-mail{'s' if total != 1 else ''}.")
            return
        outcomes = reminders_send(plan=plan)
        failed = [o for o in outcomes if not o.ok]
        sent = len(outcomes) - len(failed)
        self.stdout.write(f"\nSent {sent} e-mail{'s' if sent != 1 else ''}.")
        if failed:
            for outcome in failed:
                self.stderr.write(f"  not sent to {outcome.reminder.recipient.email}: {outcome.error}")
            # A non-zero exit, so that cron or the CronJob reports it; the others were sent and logged.
            raise CommandError(
                f"{len(failed)} reminder{' could' if len(failed) == 1 else 's could'} not be sent; "
                "the next run tries again."
            )
