"""`python manage.py seed_scale`: the whole WCO's worth of synthetic data on top of the demo (see
acip.devdata.scale)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from acip.dashboards.mywork import forget_attention_counts
from acip.devdata.scale import ScaleError, scale_reset, scale_seed


class Command(BaseCommand):
    help = (
        "Generate a large, deterministic synthetic data set on top of the demo data (186 administrations, 15 years "
        "of meetings, 20,000 side meetings, 100,000 notes, 50,000 commitments...) for the benchmark. Every row "
        "says 'Synthetic'. Refuses to run twice unless --reset is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="The random seed: the same seed gives the same data.")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply every row count by this factor (1 = the whole WCO; the tests use 0.005).",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the synthetic rows of an earlier run first (the demo stays)."
        )
        parser.add_argument(
            "--delete", action="store_true", help="Only delete the synthetic rows of an earlier run, and stop."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even though DEBUG is off. The benchmark runs with production settings against a database "
            "seeded beforehand: seed that database with this flag, never a real production one.",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or getattr(settings, "TESTING", False) or options["allow_production"]):
            raise CommandError(
                "DEBUG is off, so this looks like a production configuration: 300,000 synthetic rows would be "
                "written there. Set DJANGO_DEBUG=True for development, or pass --allow-production if you mean it "
                "(for a benchmark database)."
            )
        if options["delete"]:
            deleted = scale_reset()
            # The rows are deleted and written without history, which the navigation's kept counts do not see
            # (acip.dashboards.mywork.ATTENTION_SOURCES): forget them.
            forget_attention_counts()
            self.stdout.write(self.style.SUCCESS(f"Deleted {sum(deleted.values())} synthetic rows."))
            return
        started = time.monotonic()

        def progress(label):
            self.stdout.write(f"  generating {label} ({time.monotonic() - started:.0f} s)")

        try:
            result = scale_seed(
                seed=options["seed"], scale=options["scale"], reset=options["reset"], progress=progress
            )
        except ScaleError as error:
            raise CommandError(str(error)) from None
        forget_attention_counts()
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data loaded in {time.monotonic() - started:.0f} s (seed {options['seed']}, "
                f"scale {options['scale']:g}). Synthetic rows per table:"
            )
        )
        for label, count in result.counts.items():
            self.stdout.write(f"  {count:7d}  {label}")
        self.stdout.write(
            f"  {sum(result.counts.values()):7d}  in all (no history rows: see acip/devdata/scale/__init__.py)"
        )
