"""The benchmark behind `manage.py bench` (docs/PERFORMANCE.md): the main pages served by gunicorn with production
settings, driven by concurrent keep-alive clients, beside a trivial baseline page served by the same process.

Three parts:
- `count_queries()`: in this process, with Django's test Client and `CaptureQueriesContext`, the queries each page
  makes at scale size (the database as it is) and at demo size (the same database with the synthetic rows deleted
  inside a transaction that is then rolled back), for the same URLs.
- `Server`: gunicorn on 127.0.0.1 on a free port, started with the production environment and stopped at the end.
- `drive()`: the load. Each client is a thread with one keep-alive `http.client` connection that logs in through
  the login form (with its CSRF token) once per user it needs, then requests the pages in turn until the time is
  up; every request is timed from sending to the last byte of the body.

Load only ever goes to 127.0.0.1, for a bounded time.
"""

import http.client
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
#: seconds a client waits for an answer while logging in and warming up, then during the measured load
SETUP_TIMEOUT = 300
REQUEST_TIMEOUT = 60
RATIO_TARGET = 3.0
BASELINE = "baseline"


# --- The pages -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url_name: str
    #: a demo username, or None for an anonymous request
    user: str | None
    #: the URL's arguments, looked up in the database (demo records, so the URL is the same at both sizes)
    kwargs: Callable[[], dict[str, Any]] = dict


def _ghana_slug() -> dict[str, Any]:
    from partners.models import PartnerAdministration

    return {"slug": PartnerAdministration.objects.get(country_code="GH").slug}


def _demo_session() -> dict[str, Any]:
    """The 2019 CBC/ISC session of the demo: the meeting where every initial partner had its side meeting."""
    from acip.scale import MARK
    from meetings.models import Meeting, MeetingKind

    meeting = (
        Meeting.objects.exclude(theme__startswith=MARK)
        .filter(kind=MeetingKind.COMMITTEE)
        .order_by("starts_on")
        .values_list("uuid", flat=True)
    )
    return {"uuid": meeting[0]}


def _ghana_side_meeting() -> dict[str, Any]:
    """Ghana's latest demo side meeting (the 2025 coordinators' meeting): notes, commitments and an agenda."""
    from acip.scale import MARK
    from meetings.models import SideMeeting

    side_meeting = (
        SideMeeting.objects.exclude(purpose__startswith=MARK)
        .filter(partner__country_code="GH")
        .order_by("-held_on")
        .values_list("uuid", flat=True)
    )
    return {"uuid": side_meeting[0]}


PAGES = [
    Page(BASELINE, "Baseline: /healthz (no database)", "healthz", None),
    Page("dashboard", "Programme dashboard", "dashboard:home", "staff"),
    Page("partner_list", "Partner list", "partners:list", "staff"),
    Page("country", "Country status page (Ghana)", "partners:detail", "staff", _ghana_slug),
    Page("meeting_list", "Meetings list", "meetings:list", "staff"),
    Page("meeting", "Meeting page (2019 CBC/ISC session)", "meetings:detail", "staff", _demo_session),
    Page("side_meeting", "Side meeting (Ghana, 2025)", "meetings:side_meeting", "staff", _ghana_side_meeting),
    Page("commitments", "Commitments list", "meetings:commitments", "staff"),
    Page("donor", "Donor view (Norad)", "donors:home", "donor.norad"),
    Page("export", "CSV export of the partner list", "exports:partners", "staff", lambda: {"fmt": "csv"}),
    Page("admin", "Admin: partner administrations", "admin:partners_partneradministration_changelist", "admin"),
]


def resolve_pages(pages: list[Page]) -> tuple[list[tuple[Page, str]], list[str]]:
    """The URL of each page that exists in this code base; the others are reported as not built yet."""
    from django.urls import NoReverseMatch, reverse

    found, missing = [], []
    for page in pages:
        try:
            found.append((page, reverse(page.url_name, kwargs=page.kwargs())))
        except NoReverseMatch:
            missing.append(page.key)
    return found, missing


# --- Queries per page, in process ------------------------------------------------------------------------------------


@dataclass
class InProcess:
    queries: int
    status: int
    milliseconds: float
    #: how many times each query shape ran (`query_shape()`)
    shapes: dict[str, int] = field(default_factory=dict)


SHAPE_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")
SHAPE_LISTS = re.compile(r"\((?:\s*\?\s*,)*\s*\?\s*\)")
SHAPE_CURSORS = re.compile(r"_django_curs_\w+")


def query_shape(sql: str) -> str:
    """The SQL with its literal values taken out and `IN (...)` lists folded, so that the same query with other
    values (an N+1 loop, a prefetch over more rows) has the same shape."""
    return SHAPE_LISTS.sub("(?...)", SHAPE_LITERALS.sub("?", SHAPE_CURSORS.sub("_django_curs", sql)))


def growing_shapes(demo: dict[str, int], at_scale: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Query shapes that run more often at scale than at demo size: (runs at demo size, runs at scale) each. A shape
    that runs several times at scale is a query in a loop; one that runs once at scale and never at demo size is a
    section that is empty in the demo data (Django skips the prefetch of an empty list), which the demo should fill."""
    return {shape: (demo.get(shape, 0), n) for shape, n in at_scale.items() if n > demo.get(shape, 0)}


def _measure(pages: list[tuple[Page, str]], clients: dict[str | None, Any], repeat: int = 3) -> dict[str, InProcess]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for page, url in pages:
        client = clients[page.user]
        client.get(url, secure=True)  # the first request of a user fills per-process caches (content types...)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, secure=True)
        # Now: the captured list is a slice of the connection's log, which the next request clears.
        sqls = [q["sql"] for q in captured.captured_queries]
        shapes: dict[str, int] = {}
        for sql in sqls:
            shapes[query_shape(sql)] = shapes.get(query_shape(sql), 0) + 1
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
        milliseconds = round(statistics.median(timings), 1) if timings else None
        results[page.key] = InProcess(len(sqls), response.status_code, milliseconds, shapes)
    return results


class _Rollback(Exception):
    pass


def count_queries(
    pages: list[tuple[Page, str]], *, repeat: int = 3
) -> tuple[dict[str, InProcess], dict[str, InProcess]]:
    """(demo size, scale size): each page's queries, status and in-process time (the median of `repeat` requests),
    for the same URLs."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    from acip.scale import scale_reset

    users = get_user_model().objects.in_bulk({p.user for p in PAGES if p.user}, field_name="username")
    clients: dict[str | None, Any] = {None: Client(HTTP_HOST=HOST)}
    for username, user in users.items():
        clients[username] = Client(HTTP_HOST=HOST)
        clients[username].force_login(user)
    at_scale = _measure(pages, clients, repeat)
    demo: dict[str, InProcess] = {}
    try:
        with transaction.atomic():
            scale_reset()
            demo = _measure(pages, clients, repeat)
            raise _Rollback
    except _Rollback:
        pass
    return demo, at_scale


# --- The server ------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving acip.wsgi on 127.0.0.1, with the environment it is given, until `stop()`."""

    def __init__(self, *, env: dict[str, str], workers: int, threads: int, log_path: Path, cwd: Path):
        self.port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            "acip.wsgi",
            f"--bind={HOST}:{self.port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--timeout=60",
            "--keep-alive=30",
            "--no-control-socket",
        ]
        self.log = log_path.open("w")
        self.process = subprocess.Popen(command, env=env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise RuntimeError(f"gunicorn stopped at start-up (exit {code}); see {self.log.name}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s; see {self.log.name}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# --- The clients -----------------------------------------------------------------------------------------------------

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class BenchClient:
    """One keep-alive connection to the server, with a cookie jar per user (None: anonymous)."""

    def __init__(self, port: int, timeout: float = REQUEST_TIMEOUT):
        self.port = port
        self.timeout = timeout
        self.conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        self.jars: dict[str | None, dict[str, str]] = {None: {}}

    def request(
        self, method: str, path: str, *, user: str | None = None, body: str | None = None, headers=None
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        jar = self.jars.setdefault(user, {})
        headers = dict(headers or {})
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: open a new one and send the request again.
                self.reconnect()
                if attempt == 2:
                    raise
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                jar[name] = morsel.value
        return response.status, response.msg, content

    def login(self, username: str, password: str) -> None:
        """Log in through the login form, as a browser does: GET it for the CSRF token, POST it back."""
        login_path = "/accounts/login/"
        status, _, content = self.request("GET", login_path, user=username)
        match = CSRF_INPUT.search(content.decode())
        if status != 200 or not match:
            raise RuntimeError(f"The login page answered {status} without a CSRF token.")
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1), "next": "/healthz"}
        )
        origin = f"http://{HOST}:{self.port}"
        status, headers, _ = self.request(
            "POST",
            login_path,
            user=username,
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + login_path,
            },
        )
        if status != 302 or "sessionid" not in self.jars[username]:
            raise RuntimeError(f"Logging in as {username} failed (status {status}).")

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)

    def close(self) -> None:
        self.conn.close()


@dataclass
class Sample:
    page: str
    seconds: float
    ok: bool


@dataclass
class LoadResult:
    elapsed: float
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def drive(
    *,
    port: int,
    pages: list[tuple[Page, str]],
    passwords: dict[str, str],
    clients: int,
    duration: float,
) -> LoadResult:
    """`clients` threads, each logged in once per user, requesting the pages in turn (each thread starting at a
    different page) for `duration` seconds, after one warm-up request each. Each page thus gets about the same
    number of requests, and all of them share the server at the same time, as real traffic does.

    A client keeps its connection alive for a round of the pages, then opens a new one: a gunicorn gthread worker
    keeps a connection for its whole life, so 32 connections opened at once would all stay on the one worker that
    happened to accept them, and the other would idle."""
    users = sorted({page.user for page, _ in pages if page.user})
    window = {"start": 0.0, "stop": 0.0}

    def open_window() -> None:  # run by one thread once all have arrived, before any is released
        window["start"] = time.monotonic()
        window["stop"] = window["start"] + duration

    barrier = threading.Barrier(clients + 1, action=open_window)
    per_thread: list[list[Sample]] = [[] for _ in range(clients)]
    failures: list[str] = []

    def run(index: int) -> None:
        # Logging in hashes the password (PBKDF2, a third of a second of CPU): 3 users x 32 clients take a while on
        # two cores, so the set-up gets a long timeout, and a new connection per login spreads it over the workers.
        client = BenchClient(port, timeout=SETUP_TIMEOUT)
        try:
            for username in users:
                client.login(username, passwords[username])
                client.reconnect()
            page, url = pages[index % len(pages)]
            client.request("GET", url, user=page.user)
            client.timeout = REQUEST_TIMEOUT
            client.reconnect()
        except Exception as error:  # noqa: BLE001 - reported, and the run stops at the barrier
            failures.append(f"client {index}: {error}")
            barrier.abort()
            return
        finally:
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                client.close()
                return
        samples = per_thread[index]
        position = index % len(pages)
        while time.monotonic() < window["stop"]:
            page, url = pages[position]
            position = (position + 1) % len(pages)
            if position == index % len(pages):
                client.reconnect()
            started = time.perf_counter()
            try:
                status, _, _ = client.request("GET", url, user=page.user)
                ok = status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                client.conn.close()
            samples.append(Sample(page.key, time.perf_counter() - started, ok))
        client.close()

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        for thread in threads:
            thread.join(timeout=5)
        return LoadResult(elapsed=0, errors=failures or ["a client failed during log-in or warm-up"])
    for thread in threads:
        thread.join(timeout=duration + 120)
    elapsed = time.monotonic() - window["start"]
    return LoadResult(elapsed=elapsed, samples=[s for samples in per_thread for s in samples], errors=failures)


# --- The figures -----------------------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without importing math
    return ordered[int(rank) - 1]


@dataclass
class PageFigures:
    key: str
    label: str
    url: str
    user: str | None
    requests: int = 0
    errors: int = 0
    rps: float = 0.0
    median_ms: float | None = None
    p95_ms: float | None = None
    ratio: float | None = None
    queries_demo: int | None = None
    queries_scale: int | None = None
    status_demo: int | None = None
    status_scale: int | None = None
    in_process_ms_demo: float | None = None
    in_process_ms_scale: float | None = None
    misses: list[str] = field(default_factory=list)
    #: query shape -> (runs at demo size, runs at scale), for the shapes that run more often at scale
    growing_queries: dict[str, tuple[int, int]] = field(default_factory=dict)


def figures(
    *,
    pages: list[tuple[Page, str]],
    load: LoadResult | None,
    demo: dict[str, InProcess],
    at_scale: dict[str, InProcess],
) -> list[PageFigures]:
    rows = []
    for page, url in pages:
        row = PageFigures(page.key, page.label, url, page.user)
        if page.key in demo:
            row.queries_demo, row.status_demo = demo[page.key].queries, demo[page.key].status
            row.in_process_ms_demo = demo[page.key].milliseconds
        if page.key in at_scale:
            row.queries_scale, row.status_scale = at_scale[page.key].queries, at_scale[page.key].status
            row.in_process_ms_scale = at_scale[page.key].milliseconds
        if load is not None:
            mine = [s for s in load.samples if s.page == page.key]
            row.requests = len(mine)
            row.errors = sum(not s.ok for s in mine)
            if mine and load.elapsed:
                row.rps = round(len(mine) / load.elapsed, 1)
                latencies = [s.seconds * 1000 for s in mine]
                row.median_ms = round(statistics.median(latencies), 1)
                row.p95_ms = round(percentile(latencies, 0.95), 1)
        rows.append(row)
    baseline = next((r for r in rows if r.key == BASELINE), None)
    for row in rows:
        if baseline and baseline.median_ms and row.median_ms is not None:
            row.ratio = round(row.median_ms / baseline.median_ms, 2)
        if row.key == BASELINE:
            continue
        if row.ratio is not None and row.ratio > RATIO_TARGET:
            row.misses.append(f"median {row.ratio}x the baseline's")
        if row.queries_demo is not None and row.queries_scale is not None and row.queries_scale > row.queries_demo:
            row.growing_queries = growing_shapes(demo[row.key].shapes, at_scale[row.key].shapes)
            loops = sum(n > 1 for _, n in row.growing_queries.values())
            why = f"{loops} queries run in a loop" if loops else "a section is empty in the demo data"
            row.misses.append(f"{row.queries_scale} queries at scale, {row.queries_demo} at demo size: {why}")
        if row.errors:
            row.misses.append(f"{row.errors} errors")
        if row.status_scale not in (None, 200) or row.status_demo not in (None, 200):
            row.misses.append(f"answered {row.status_demo} (demo) / {row.status_scale} (scale) in process")
    return rows


def render_table(rows: list[PageFigures]) -> str:
    head = (
        "page",
        "req/s",
        "median ms",
        "p95 ms",
        "x base",
        "alone ms",
        "queries demo",
        "queries scale",
        "errors",
        "target",
    )
    lines = [head]
    for r in rows:
        lines.append(
            (
                r.label,
                f"{r.rps:g}" if r.requests else "-",
                _num(r.median_ms),
                _num(r.p95_ms),
                _num(r.ratio),
                _num(r.in_process_ms_scale),
                _num(r.queries_demo),
                _num(r.queries_scale),
                str(r.errors) if r.requests else "-",
                "-" if r.key == BASELINE else ("MISS: " + "; ".join(r.misses) if r.misses else "met"),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head) - 1)]
    text = []
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(line[1:-1], widths[1:], strict=True)]
        text.append("  ".join(cells) + "  " + line[-1])
    return "\n".join(text)


def _num(value) -> str:
    return "-" if value is None else f"{value:g}"


def render_markdown(rows: list[PageFigures], meta: dict[str, Any]) -> str:
    """The figures as a Markdown table, for docs/PERFORMANCE.md."""
    lines = [
        f"{meta.get('when', '')}, commit {meta.get('commit', '')}, {meta.get('database', '')}, "
        f"{meta.get('cpus', '')} cores, load average {meta.get('load_average_before', '-')} before the run; "
        f"{meta.get('clients', '')} clients for {meta.get('duration_s', '')} s, gunicorn {meta.get('workers', '')} "
        f"workers x {meta.get('threads', '')} threads.",
        "",
        "| page | req/s | median ms | p95 ms | x base | alone ms | queries demo | queries scale | errors | target |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in rows:
        target = "" if r.key == BASELINE else ("MISS: " + "; ".join(r.misses) if r.misses else "met")
        cells = [r.rps if r.requests else None, r.median_ms, r.p95_ms, r.ratio, r.in_process_ms_scale]
        cells += [r.queries_demo, r.queries_scale, r.errors if r.requests else None]
        lines.append(f"| {r.label} | " + " | ".join(_num(c) for c in cells) + f" | {target} |")
    return "\n".join(lines) + "\n"


def write_json(path: Path, *, meta: dict[str, Any], rows: list[PageFigures]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"meta": meta, "pages": [asdict(r) for r in rows]}, indent=2, default=str) + "\n")
    path.with_suffix(".md").write_text(render_markdown(rows, meta))


# --- The environment -------------------------------------------------------------------------------------------------


def production_env(database_url: str | None) -> dict[str, str]:
    """The environment of a production run on 127.0.0.1 over plain HTTP (see acip/settings.py)."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_DEBUG": "False",
            "DJANGO_TESTING": "False",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "False",
            "DJANGO_SECURE_COOKIES": "False",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_CONN_MAX_AGE": "600",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def row_counts() -> dict[str, int]:
    from meetings.models import Commitment, Meeting, Note, SideMeeting
    from partners.models import (
        Assessment,
        AssessmentScore,
        Indicator,
        IndicatorValue,
        PartnerAdministration,
        StatusChange,
    )

    models = [
        PartnerAdministration,
        Meeting,
        SideMeeting,
        Note,
        Commitment,
        Assessment,
        AssessmentScore,
        StatusChange,
        Indicator,
        IndicatorValue,
    ]
    return {str(m._meta.verbose_name_plural): m._default_manager.count() for m in models}
