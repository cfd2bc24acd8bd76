"""`python manage.py prune_pdfs [--keep-days N]`: delete the stored PDFs nobody will be served again (acip.pdfs).

Safe to repeat, and safe while the site runs: a PDF deleted here is made again on the next request for it. Runs
daily beside the reminders (the `scheduler` service of docker-compose.yml; README.md, "PDF documents").
"""

from django.core.management.base import BaseCommand, CommandError

from acip.pdfs.services import KEEP_DAYS, STUCK_HOURS, pdfs_prune


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = -1
    if days < 0:
        raise CommandError(f"--keep-days takes a whole number of days, 0 or more, not {value!r}.")
    return days


class Command(BaseCommand):
    help = (
        "Delete stored PDFs: donor reports superseded by one made from newer records, every PDF finished more than "
        f"--keep-days ago (default {KEEP_DAYS}), and those stuck in the queue for more than {STUCK_HOURS} hours."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-days", type=_days, default=KEEP_DAYS, help="Keep finished PDFs this many days (default 30)."
        )

    def handle(self, *args, keep_days, **options):
        deleted = pdfs_prune(keep_days=keep_days)
        self.stdout.write(f"Deleted {deleted} stored PDF(s).")
