"""`python manage.py bench`: the main pages under load with production settings (see acip.devdata.bench and
docs/PERFORMANCE.md)."""

import datetime
import os
import platform
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from acip.devdata import bench

# Set in the environment of the run itself: the command first starts itself again with the production settings.
RUN_MARKER = "ACIP_BENCH_RUN"


class Command(BaseCommand):
    help = (
        "Benchmark each page alone: two gunicorn instances with production settings on 127.0.0.1, a closed loop of "
        "logged-in clients alternating between them, and per page the requests per second and their share of a "
        "plain page's, p50 and p95, the HTML size, and the queries at demo and at scale size; then a mixed run of "
        "every page at once for stability. Seed the database first (load_demo, then seed_scale)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--duration",
            type=float,
            default=10,
            help="Seconds of load on each page, and of the mixed run (default 10).",
        )
        parser.add_argument("--clients", type=int, default=8, help="Clients on each page alone (default 8).")
        parser.add_argument(
            "--mixed-clients", type=int, default=32, help="Clients of the mixed run, every page at once (0: none)."
        )
        parser.add_argument(
            "--servers", type=int, default=2, help="gunicorn instances the clients alternate between (default 2)."
        )
        parser.add_argument(
            "--database-url",
            default=None,
            help="The database to benchmark (default: DATABASE_URL, else the SQLite file), e.g. "
            "postgres://postgres@127.0.0.1:5432/acip_bench.",
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2).")
        parser.add_argument("--threads", type=int, default=4, help="Threads per gunicorn worker (default 4).")
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "artifacts" / "bench.json",
            help="Where to write the figures as JSON (default artifacts/bench.json).",
        )
        parser.add_argument(
            "--pages", default="", help="Comma-separated page keys to run (default: all), e.g. baseline,country."
        )
        parser.add_argument(
            "--queries-only", action="store_true", help="Only count the queries per page; no server, no load."
        )
        parser.add_argument(
            "--fail-on-miss", action="store_true", help="Exit with status 1 when a page misses a target."
        )

    def handle(self, *args, **options):
        if options["duration"] <= 0 or options["duration"] > 600:
            raise CommandError("--duration must be between 0 and 600 seconds.")
        if not 1 <= options["clients"] <= 256 or not 0 <= options["mixed_clients"] <= 256:
            raise CommandError("--clients must be between 1 and 256, --mixed-clients between 0 and 256.")
        if not 1 <= options["servers"] <= 4:
            raise CommandError("--servers must be between 1 and 4.")
        if os.environ.get(RUN_MARKER) != "1":
            self._restart_with_production_settings(options)
        self._run(options)

    def _restart_with_production_settings(self, options):
        """The settings read the environment once, at start-up: start again with the production environment (and
        the database asked for), so that the query counts and the server see the same configuration."""
        env = bench.production_env(options["database_url"])
        env[RUN_MARKER] = "1"
        argv = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench"]
        for name in ("duration", "clients", "mixed_clients", "servers", "workers", "threads", "output", "pages"):
            argv += [f"--{name.replace('_', '-')}", str(options[name])]
        argv += [f"--{flag.replace('_', '-')}" for flag in ("queries_only", "fail_on_miss") if options[flag]]
        sys.stdout.flush()
        os.execve(sys.executable, argv, env)

    def _run(self, options):
        from django.db import connection

        wanted = {key for key in options["pages"].split(",") if key}
        chosen = [p for p in bench.PAGES if not wanted or p.key in wanted or p.key == bench.BASELINE]
        try:
            pages = bench.resolve_pages(chosen)  # the heaviest records at scale, chosen by query
        except (ObjectDoesNotExist, IndexError, DatabaseError) as error:  # a database without the demo
            raise CommandError(f"{error}. Load the demo data (and seed_scale) into this database first.") from None
        counts = bench.row_counts()
        self.stdout.write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        self.stdout.write("Rows: " + ", ".join(f"{n} {label}" for label, n in counts.items()))

        self.stdout.write("Collecting static files (production uses the manifest storage)...")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Counting queries per page at scale size, then at demo size (rolled back)...")
        demo, at_scale = bench.count_queries(chosen)

        each = None
        meta = {
            "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "commit": _git_commit(Path(settings.BASE_DIR)),
            "database": connection.vendor,
            "rows": counts,
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "clients": options["clients"],
            "mixed_clients": options["mixed_clients"],
            "servers": options["servers"],
            "duration_s": options["duration"],
            "workers": options["workers"],
            "threads": options["threads"],
        }
        if not options["queries_only"]:
            meta["load_average_before"] = round(os.getloadavg()[0], 2)
            if meta["load_average_before"] > (os.cpu_count() or 1):
                self.stdout.write(
                    self.style.WARNING(
                        f"The machine is busy (load average {meta['load_average_before']} on {os.cpu_count()} cores): "
                        "other processes share the CPU with the server, and the latencies will show it."
                    )
                )
            each, mixed, failures = self._load(pages, options)
            meta["load_average_after"] = round(os.getloadavg()[0], 2)
            meta["client_errors"] = failures
            meta["mixed"] = bench.mixed_figures(mixed) if mixed else None
        rows = bench.figures(pages=pages, each=each, demo=demo, at_scale=at_scale)
        bench.write_json(options["output"], meta=meta, rows=rows)

        self.stdout.write("")
        self.stdout.write(bench.render_table(rows))
        self.stdout.write(f"\nFigures written to {options['output']} (and a Markdown table beside it)")
        misses = [r for r in rows if r.misses]
        if each is not None and meta["client_errors"]:
            raise CommandError("The load could not run: " + "; ".join(meta["client_errors"][:3]))
        if meta.get("mixed"):
            mixed = meta["mixed"]
            self.stdout.write(
                f"Mixed run, {options['mixed_clients']} clients on every page at once: {mixed['requests']} requests, "
                f"{mixed['rps']:g} req/s, p95 {mixed['p95_ms']} ms, {mixed['errors']} errors (target 0)."
            )
            if mixed["errors"]:
                misses.append(mixed)
        if misses:
            self.stdout.write(self.style.WARNING(f"{len(misses)} page(s) missed a target."))
            if options["fail_on_miss"]:
                sys.exit(1)
        else:
            self.stdout.write(self.style.SUCCESS("Every page met the targets."))

    def _load(self, pages, options):
        """(each page's run, the mixed run or None, the log-in failures), against `--servers` gunicorn instances on
        the same database; every client logs in on the first and then alternates between them."""
        from django.contrib.auth import get_user_model

        user_model = get_user_model()
        usernames = sorted({p.user for p, _ in pages if p.user})
        users = list(user_model.objects.filter(username__in=usernames))
        if len(users) != len(usernames):
            raise CommandError(f"The benchmark logs in as {', '.join(usernames)}: run load_demo first.")
        # A password for this run only; the users' own are put back afterwards.
        saved = {user.pk: user.password for user in users}
        password = secrets.token_urlsafe(18)
        for user in users:
            user.set_password(password)
            user.save(update_fields=["password"])
        options["output"].parent.mkdir(parents=True, exist_ok=True)
        servers = []
        try:
            for n in range(options["servers"]):
                servers.append(
                    bench.Server(
                        env=dict(os.environ),
                        workers=options["workers"],
                        threads=options["threads"],
                        log_path=options["output"].with_name(f"bench-gunicorn-{n + 1}.log"),
                        cwd=Path(settings.BASE_DIR),
                    )
                )
            for server in servers:
                server.wait_ready()
            ports = [server.port for server in servers]
            self.stdout.write(
                f"gunicorn on 127.0.0.1:{', '.join(map(str, ports))} ({options['workers']} workers x "
                f"{options['threads']} threads each); {max(options['clients'], options['mixed_clients'])} clients "
                f"log in on the first, then alternate; each page alone for {options['duration']:g} s..."
            )
            clients, failures = bench.log_in(
                ports=ports,
                users=usernames,
                passwords=dict.fromkeys(usernames, password),
                clients=max(options["clients"], options["mixed_clients"]),
            )
            if failures:
                return {}, None, failures
            each = bench.drive_each(
                clients[: options["clients"]],
                pages,
                options["duration"],
                progress=lambda page: self.stdout.write(f"  {page.key}", ending="\r"),
            )
            mixed = None
            if options["mixed_clients"]:
                self.stdout.write(f"Mixed run: {options['mixed_clients']} clients, every page at once...")
                mixed = bench.closed_loop(clients[: options["mixed_clients"]], pages, options["duration"])
            for client in clients:
                client.close()
            return each, mixed, []
        finally:
            for server in servers:
                server.stop()
            for pk, hashed in saved.items():
                user_model.objects.filter(pk=pk).update(password=hashed)


def _git_commit(path: Path) -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=path, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
