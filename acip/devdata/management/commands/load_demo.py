"""`python manage.py load_demo`: load the demo data set and print one login per role (the work is in
acip.devdata.demo)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from acip.devdata.demo import demo_load, demo_logins_recall, demo_logins_render, demo_logins_write

LOGINS_FILE = ".demo-logins"


class Command(BaseCommand):
    help = (
        "Load the A-CIP demo data set (the programme facts plus a few records marked 'Illustrative') and one login "
        "per role. Safe to run again: nothing is duplicated, and passwords are only set for new users unless "
        "--reset-passwords is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give every demo user a new generated password, and print it.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even though DEBUG is off (the demo users would be real accounts on that site).",
        )
        parser.add_argument(
            "--logins-file",
            type=Path,
            default=None,
            help=f"Where to write the logins for `make run` to show again (default: {LOGINS_FILE} in the project "
            "directory; not written under tests unless given).",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or getattr(settings, "TESTING", False) or options["allow_production"]):
            raise CommandError(
                "DEBUG is off, so this looks like a production configuration: the demo data and its logins would be "
                "loaded there. Set DJANGO_DEBUG=True for development, or pass --allow-production if you mean it."
            )
        result = demo_load(reset_passwords=options["reset_passwords"])

        self.stdout.write(self.style.SUCCESS("Demo data loaded. Rows now in the database:"))
        for name, count in result.counts.items():
            self.stdout.write(f"  {count:5d}  {name}")
        self.stdout.write("\nDemo logins:")
        self.stdout.write(demo_logins_render(logins=result.logins))

        path = options["logins_file"]
        if path is None and not getattr(settings, "TESTING", False):
            path = Path(settings.BASE_DIR) / LOGINS_FILE
        if path is not None:
            demo_logins_write(path=path, logins=demo_logins_recall(path=path, logins=result.logins))
            self.stdout.write(f"Logins written to {path}")
