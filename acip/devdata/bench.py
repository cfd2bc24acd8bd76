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
#: every page serves at least this share of the baseline's requests per second
RATE_TARGET = 0.1
#: no page's HTML is bigger (bytes), except LARGE_PAGES'
HTML_LIMIT = 250 * 1024
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
    #: the query string's parameters, looked up the same way
    query: Callable[[], dict[str, Any]] = dict
    #: run after the first request of the page and before it is measured (see _stored_pdfs_made)
    prepare: Callable[[], None] | None = None


def _first(queryset, field: str = "uuid"):
    value = queryset.values_list(field, flat=True).first()
    if value is None:
        raise IndexError(f"no {queryset.model._meta.verbose_name} in this database")
    return value


def _biggest_session() -> dict[str, Any]:
    """The committee session with the most side meetings (a synthetic one at scale, the 2019 session in the demo)."""
    from django.db.models import Count

    from meetings.models import Meeting, MeetingKind

    meetings = Meeting.objects.filter(kind=MeetingKind.COMMITTEE).annotate(n=Count("side_meetings"))
    return {"uuid": _first(meetings.order_by("-n", "starts_on", "pk"))}


def _biggest_delegation() -> dict[str, Any]:
    """Of the biggest session, the administration whose side meeting there has the most notes."""
    from django.db.models import Count

    from meetings.models import SideMeeting

    side_meetings = SideMeeting.objects.filter(meeting__uuid=_biggest_session()["uuid"]).annotate(n=Count("notes"))
    return {"partner": _first(side_meetings.order_by("-n", "pk"), "partner__slug")}


def _busiest_side_meeting() -> dict[str, Any]:
    """The side meeting with the most notes and commitments."""
    from django.db.models import Count

    from meetings.models import SideMeeting

    side_meetings = SideMeeting.objects.annotate(n=Count("notes", distinct=True) + Count("commitments", distinct=True))
    return {"uuid": _first(side_meetings.order_by("-n", "pk"))}


def _longest_history_partner():
    """The administration with the longest history: the most status changes plus side meetings (counted in two
    subqueries, so that the joins do not multiply)."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from meetings.models import SideMeeting
    from partners.models import PartnerAdministration, StatusChange

    def count(model):
        rows = model.objects.filter(partner=OuterRef("pk")).order_by().values("partner")
        return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)

    partners = PartnerAdministration.objects.annotate(n=count(StatusChange) + count(SideMeeting))
    return partners.order_by("-n", "slug")


def _longest_history() -> dict[str, Any]:
    return {"slug": _first(_longest_history_partner(), "slug")}


def _most_history_pk(model) -> dict[str, Any]:
    """The record of `model` with the most rows in its django-simple-history table: the heaviest admin history page.

    The synthetic data has no history (`bulk_create` sends no signals, see acip/devdata/scale/__init__.py), so the
    longest-lived administration or the biggest session at scale is a synthetic one whose history page is empty: it
    skipped the query of its rows, one fewer than at demo size, which was no growth. The record with the most
    history is a demo one at both sizes, so the same page is compared, with its rows."""
    from django.db.models import Count

    history = model.history.filter(id__in=model.objects.values("pk"))
    return {"object_id": _first(history.values("id").annotate(n=Count("history_id")).order_by("-n", "id"), "id")}


def _most_history_partner_pk() -> dict[str, Any]:
    from partners.models import PartnerAdministration

    return _most_history_pk(PartnerAdministration)


def _most_history_meeting_pk() -> dict[str, Any]:
    from meetings.models import Meeting

    return _most_history_pk(Meeting)


def _latest_edition() -> dict[str, Any]:
    """The latest status edition (the demo freezes one at the 2025 coordinators' meeting)."""
    from acip.editions.models import Edition

    return {"pk": _first(Edition.objects.order_by("-frozen_on", "-created_at", "-pk"), "pk")}


def _widest_donor() -> dict[str, Any]:
    """The donor whose agreements cover the most administrations."""
    from django.db.models import Count

    from acip.models import Donor

    donors = Donor.objects.annotate(n=Count("agreements__partners", distinct=True)).order_by("-n", "slug")
    return {"slug": _first(donors, "slug")}


def _stored_pdfs_made() -> None:
    """Make the PDFs that the first request of a PDF link queued, as the task worker would (`manage.py db_worker`),
    so that what is measured is what a PDF link costs once the PDF is made: serving the stored file. Making it is
    off the request path (acip/pdfs) and costs seconds of CPU once per version of the records; the bench does not
    time it."""
    from acip.pdfs.models import GeneratedPdf, PdfState
    from acip.pdfs.tasks import make_pdf

    for pk in GeneratedPdf.objects.filter(state=PdfState.QUEUED).values_list("pk", flat=True):
        make_pdf.call(pk)


#: The donor report's period: a year that the demo's Norad agreements and the scale data's envelopes both cover.
REPORT_YEAR = {"year": 2024}

#: The user of the donor view: a viewer of the widest donor (the demo's Norad viewer; see _widest_donor).
DONOR_USER = "donor.norad"
#: Page keys whose HTML may be over HTML_LIMIT: a whole session's briefing pack (its first page is measured).
LARGE_PAGES = {"briefing"}
#: The page every other must be at least as fast as: Django admin's change list of partner administrations.
ADMIN_REFERENCE = "admin"

PAGES = [
    Page(BASELINE, "Baseline: the login form (a plain template, no queries)", "login", None),
    Page("dashboard", "Programme dashboard", "dashboard:home", "staff"),
    Page("partner_list", "Partner list", "partners:list", "staff"),
    Page("country", "Country page (the longest history)", "partners:detail", "staff", _longest_history),
    Page("meeting_list", "Meetings list", "meetings:list", "staff"),
    Page(
        "meeting", "Meeting page (the session with most side meetings)", "meetings:detail", "staff", _biggest_session
    ),
    Page(
        "side_meeting",
        "Side meeting (the most notes and commitments)",
        "meetings:side_meeting",
        "staff",
        _busiest_side_meeting,
    ),
    Page("commitments", "Commitments list, unfiltered", "meetings:commitments", "staff"),
    Page(
        "briefing", "Briefing pack, first page (the biggest session)", "meetings:briefing", "staff", _biggest_session
    ),
    Page(
        "briefing_one",
        "Briefing pack of one delegation (the biggest session)",
        "meetings:briefing",
        "staff",
        _biggest_session,
        _biggest_delegation,
    ),
    Page("donor", "Donor view (Norad's viewer)", "donors:home", DONOR_USER),
    Page(
        "donor_report",
        "Donor report (the widest donor, 2024)",
        "donors:report",
        "staff",
        _widest_donor,
        lambda: REPORT_YEAR,
    ),
    Page(
        "donor_report_pdf",
        "Donor report as PDF, stored (the widest donor, 2024)",
        "donors:report_pdf",
        "staff",
        _widest_donor,
        lambda: REPORT_YEAR,
        prepare=_stored_pdfs_made,
    ),
    Page("edition", "Status edition (the latest)", "editions:detail", "staff", _latest_edition),
    Page("results", "Programme results", "results:home", "staff"),
    Page("my_work", "My work (the demo's staff member)", "my_work", "staff"),
    Page("queue", "Review queue", "participation:queue", "staff"),
    Page("reminder_settings", "Reminder settings", "reminders:preferences", "staff"),
    Page("export", "CSV export of the partner list", "exports:partners", "staff", lambda: {"fmt": "csv"}),
    # Search: a word in half of the notes at scale (the latest matches of each kind), an acronym in few, and a
    # delegate's search (their administration's rows, the tiers they may read), and one kind's first page.
    Page("search", "Search: integrity", "search:results", "staff", query=lambda: {"q": "integrity"}),
    Page("search_iau", "Search: IAU", "search:results", "staff", query=lambda: {"q": "IAU"}),
    Page(
        "search_delegate",
        "Search: integrity (Ghana's delegate)",
        "search:results",
        "delegate.ghana",
        query=lambda: {"q": "integrity"},
    ),
    Page(
        "search_notes",
        "Search: integrity, the notes",
        "search:results",
        "staff",
        query=lambda: {"q": "integrity", "kind": "notes"},
    ),
    Page(
        ADMIN_REFERENCE, "Admin: partner administrations", "admin:partners_partneradministration_changelist", "admin"
    ),
    # The admin change lists of the largest tables, and the longest histories (django-simple-history's table).
    Page("admin_notes", "Admin: notes", "admin:meetings_note_changelist", "admin"),
    Page("admin_commitments", "Admin: commitments", "admin:meetings_commitment_changelist", "admin"),
    Page("admin_side_meetings", "Admin: side meetings", "admin:meetings_sidemeeting_changelist", "admin"),
    Page("admin_status_changes", "Admin: status changes", "admin:partners_statuschange_changelist", "admin"),
    Page(
        "admin_partner_history",
        "Admin: history of the administration with the most history",
        "admin:partners_partneradministration_history",
        "admin",
        _most_history_partner_pk,
    ),
    Page(
        "admin_meeting_history",
        "Admin: history of the meeting with the most history",
        "admin:meetings_meeting_history",
        "admin",
        _most_history_meeting_pk,
    ),
    # The read-only API's main lists, a page of 50 each, with the session of the browsable API.
    Page("api_partners", "API: partners", "api:partner-list", "staff", query=lambda: {"format": "json"}),
    Page("api_commitments", "API: commitments", "api:commitment-list", "staff", query=lambda: {"format": "json"}),
    Page(
        "api_side_meetings",
        "API: side meetings, with their notes",
        "api:side_meeting-list",
        "staff",
        query=lambda: {"format": "json"},
    ),
]


def resolve_pages(pages: list[Page]) -> list[tuple[Page, str]]:
    """Each page with its URL (the demo records it shows are looked up in the database)."""
    from django.urls import reverse

    resolved = []
    for page in pages:
        url, query = reverse(page.url_name, kwargs=page.kwargs()), page.query()
        resolved.append((page, f"{url}?{urllib.parse.urlencode(query)}" if query else url))
    return resolved


# --- Queries per page, in process ------------------------------------------------------------------------------------


@dataclass
class InProcess:
    queries: int
    status: int
    milliseconds: float
    #: how many times each query shape ran (`query_shape()`)
    shapes: dict[str, int] = field(default_factory=dict)
    #: the body's size in bytes, and whether it is HTML
    size: int = 0
    html: bool = True


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


def _measure(pages: list[Page], clients: dict[str | None, Any], repeat: int = 3) -> dict[str, InProcess]:
    """Each page of the records this database holds (the heaviest ones are looked up again at each size)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for page, url in resolve_pages(pages):
        client = clients[page.user]
        client.get(url, secure=True)  # the first request of a user fills per-process caches (content types...)
        if page.prepare:
            page.prepare()
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
        body = b"".join(response.streaming_content) if response.streaming else response.content
        html = response.get("Content-Type", "").startswith("text/html")
        results[page.key] = InProcess(len(sqls), response.status_code, milliseconds, shapes, len(body), html)
    return results


class _Rollback(Exception):
    pass


def count_queries(pages: list[Page], *, repeat: int = 3) -> tuple[dict[str, InProcess], dict[str, InProcess]]:
    """(demo size, scale size): each page's queries, status, size and in-process time (the median of `repeat`
    requests). The records are chosen by query at each size (the heaviest session at scale is a synthetic one,
    which the demo size does not hold), so the same page of the heaviest record is compared."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    from acip.dashboards.mywork import forget_attention_counts
    from acip.devdata.scale import scale_reset

    users = get_user_model().objects.in_bulk({p.user for p in pages if p.user}, field_name="username")
    clients: dict[str | None, Any] = {None: Client(HTTP_HOST=HOST)}
    for username, user in users.items():
        clients[username] = Client(HTTP_HOST=HOST)
        clients[username].force_login(user)
    at_scale = _measure(pages, clients, repeat)
    demo: dict[str, InProcess] = {}
    try:
        with transaction.atomic():
            scale_reset()
            forget_attention_counts()  # the rows went without history, which the kept counts do not see
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
#: a client opens a new connection after this many requests on one: a gunicorn gthread worker keeps a connection for
#: its whole life, so connections opened at once could all stay on the worker that accepted them while the other idles
REQUESTS_PER_CONNECTION = 10


class BenchClient:
    """A browser: a cookie jar per user (None: anonymous), and one keep-alive connection to each server it is given.
    It logs in on the first server and then sends its requests to each server in turn, so that every request after
    the login lands on another process than the one before (see "Stateless" in docs/PERFORMANCE.md)."""

    def __init__(self, ports: list[int], timeout: float = REQUEST_TIMEOUT):
        self.ports = list(ports)
        self.timeout = timeout
        self.conns = [http.client.HTTPConnection(HOST, port, timeout=timeout) for port in self.ports]
        self.used = [0] * len(self.ports)
        self.turn = 0
        self.jars: dict[str | None, dict[str, str]] = {None: {}}

    @property
    def port(self) -> int:
        return self.ports[0]

    def request(
        self,
        method: str,
        path: str,
        *,
        user: str | None = None,
        body: str | None = None,
        headers=None,
        server: int | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """Send to `server` (an index into the ports), else to the next server in turn."""
        if server is None:
            server, self.turn = self.turn, (self.turn + 1) % len(self.ports)
        if self.used[server] >= REQUESTS_PER_CONNECTION:
            self.reconnect(server)
        self.used[server] += 1
        jar = self.jars.setdefault(user, {})
        headers = dict(headers or {})
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        for attempt in (1, 2):
            try:
                self.conns[server].request(method, path, body=body, headers=headers)
                response = self.conns[server].getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: open a new one and send the request again.
                self.reconnect(server)
                if attempt == 2:
                    raise
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                jar[name] = morsel.value
        return response.status, response.msg, content

    def login(self, username: str, password: str) -> None:
        """Log in through the login form of the first server, as a browser does: GET it for the CSRF token, POST it
        back."""
        login_path = "/accounts/login/"
        status, _, content = self.request("GET", login_path, user=username, server=0)
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
            server=0,
        )
        if status != 302 or "sessionid" not in self.jars[username]:
            raise RuntimeError(f"Logging in as {username} failed (status {status}).")
        self.reconnect(0)

    def reconnect(self, server: int | None = None) -> None:
        for index in range(len(self.ports)) if server is None else [server]:
            self.conns[index].close()
            self.conns[index] = http.client.HTTPConnection(HOST, self.ports[index], timeout=self.timeout)
            self.used[index] = 0

    def close(self) -> None:
        for conn in self.conns:
            conn.close()


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


def log_in(
    *, ports: list[int], users: list[str], passwords: dict[str, str], clients: int
) -> tuple[list[BenchClient], list[str]]:
    """`clients` browsers, each logged in as every user (in parallel: a login hashes the password, a third of a
    second of CPU). Returns the clients and the failures."""
    made: list[BenchClient | None] = [None] * clients
    failures: list[str] = []

    def run(index: int) -> None:
        client = BenchClient(ports, timeout=SETUP_TIMEOUT)
        try:
            for username in users:
                client.login(username, passwords[username])
        except Exception as error:  # reported by the caller
            failures.append(f"client {index}: {error}")
            return
        client.timeout = REQUEST_TIMEOUT
        client.reconnect()
        made[index] = client

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SETUP_TIMEOUT + 30)
    return [c for c in made if c is not None], failures


def closed_loop(clients: list[BenchClient], pages: list[tuple[Page, str]], duration: float) -> LoadResult:
    """Each client requests the pages in turn (each starting at another page), one request after the answer to the
    last, with no think time, for `duration` seconds after one warm-up request each."""
    if not clients:
        return LoadResult(elapsed=0, errors=["no client could log in"])
    window = {"stop": 0.0}
    barrier = threading.Barrier(len(clients) + 1, action=lambda: window.update(stop=time.monotonic() + duration))
    per_thread: list[list[Sample]] = [[] for _ in clients]

    def run(index: int, client: BenchClient) -> None:
        position = index % len(pages)
        page, url = pages[position]
        try:
            client.request("GET", url, user=page.user)  # the warm-up
        except (OSError, http.client.HTTPException):
            client.reconnect()
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return
        samples = per_thread[index]
        while time.monotonic() < window["stop"]:
            page, url = pages[position]
            position = (position + 1) % len(pages)
            started = time.perf_counter()
            try:
                status, _, _ = client.request("GET", url, user=page.user)
                ok = status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                client.reconnect()
            samples.append(Sample(page.key, time.perf_counter() - started, ok))

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.monotonic()
    for thread in threads:
        thread.join(timeout=duration + REQUEST_TIMEOUT + 10)
    elapsed = time.monotonic() - started
    return LoadResult(elapsed=elapsed, samples=[s for samples in per_thread for s in samples])


def drive_each(
    clients: list[BenchClient], pages: list[tuple[Page, str]], duration: float, progress=None
) -> dict[str, LoadResult]:
    """Each page alone, one after another, under a closed loop of all the clients for `duration` seconds."""
    results = {}
    for page, url in pages:
        if progress:
            progress(page)
        results[page.key] = closed_loop(clients, [(page, url)], duration)
    return results


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
    #: requests per second, as a share of the baseline's
    ratio: float | None = None
    size_kb: float | None = None
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
    each: dict[str, LoadResult] | None,
    demo: dict[str, InProcess],
    at_scale: dict[str, InProcess],
) -> list[PageFigures]:
    """Each page's figures (from its own run in `each`), checked against the targets (docs/PERFORMANCE.md)."""
    rows = []
    for page, url in pages:
        row = PageFigures(page.key, page.label, url, page.user)
        if page.key in demo:
            row.queries_demo, row.status_demo = demo[page.key].queries, demo[page.key].status
            row.in_process_ms_demo = demo[page.key].milliseconds
        if page.key in at_scale:
            row.queries_scale, row.status_scale = at_scale[page.key].queries, at_scale[page.key].status
            row.in_process_ms_scale = at_scale[page.key].milliseconds
            row.size_kb = round(at_scale[page.key].size / 1024, 1)
        load = (each or {}).get(page.key)
        if load is not None:
            row.requests = len(load.samples)
            row.errors = sum(not s.ok for s in load.samples)
            if load.samples and load.elapsed:
                row.rps = round(len(load.samples) / load.elapsed, 1)
                latencies = [s.seconds * 1000 for s in load.samples]
                row.median_ms = round(statistics.median(latencies), 1)
                row.p95_ms = round(percentile(latencies, 0.95), 1)
        rows.append(row)
    by_key = {r.key: r for r in rows}
    baseline, reference = by_key.get(BASELINE), by_key.get(ADMIN_REFERENCE)
    for row in rows:
        if baseline and baseline.rps and row.requests:
            row.ratio = round(row.rps / baseline.rps, 3)
        if row.key == BASELINE:
            if row.errors:
                row.misses.append(f"{row.errors} errors")
            continue
        if row.ratio is not None and row.ratio < RATE_TARGET:
            row.misses.append(f"{row.rps:g} req/s, under 1/{round(1 / RATE_TARGET)} of the baseline's")
        if reference and reference is not row and reference.requests and row.requests and row.rps < reference.rps:
            row.misses.append(f"slower than the admin's partner list ({reference.rps:g} req/s)")
        html = row.key in at_scale and at_scale[row.key].html
        if html and row.key not in LARGE_PAGES and at_scale[row.key].size > HTML_LIMIT:
            row.misses.append(f"{row.size_kb:g} KB of HTML, over {HTML_LIMIT // 1024} KB")
        if row.queries_demo is not None and row.queries_scale is not None and row.queries_scale != row.queries_demo:
            row.growing_queries = growing_shapes(demo[row.key].shapes, at_scale[row.key].shapes)
            loops = sum(n > 1 for _, n in row.growing_queries.values())
            why = f": {loops} queries run in a loop" if loops else ""
            row.misses.append(f"{row.queries_scale} queries at scale, {row.queries_demo} at demo size{why}")
        if row.errors:
            row.misses.append(f"{row.errors} errors")
        if row.status_scale not in (None, 200) or row.status_demo not in (None, 200):
            row.misses.append(f"answered {row.status_demo} (demo) / {row.status_scale} (scale) in process")
    return rows


def mixed_figures(load: LoadResult) -> dict[str, Any]:
    """The mixed run's totals: requests, requests per second, errors (target: 0) and the 95th percentile."""
    latencies = [s.seconds * 1000 for s in load.samples]
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / load.elapsed, 1) if load.elapsed else 0.0,
        "errors": sum(not s.ok for s in load.samples) + len(load.errors),
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
    }


COLUMNS = ("req/s", "x base", "p50 ms", "p95 ms", "KB", "queries demo", "queries scale", "errors")


def _cells(r: PageFigures) -> list[str]:
    loaded = bool(r.requests)
    values = [r.rps if loaded else None, r.ratio, r.median_ms, r.p95_ms, r.size_kb, r.queries_demo, r.queries_scale]
    return [_num(v) for v in values] + [str(r.errors) if loaded else "-"]


def _target(r: PageFigures) -> str:
    return "-" if r.key == BASELINE else ("MISS: " + "; ".join(r.misses) if r.misses else "met")


def render_table(rows: list[PageFigures]) -> str:
    lines = [("page", *COLUMNS, "target")] + [(r.label, *_cells(r), _target(r)) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS) + 1)]
    text = []
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(line[1:-1], widths[1:], strict=True)]
        text.append("  ".join(cells) + "  " + line[-1])
    return "\n".join(text)


def _num(value) -> str:
    return "-" if value is None else f"{value:g}"


def render_markdown(rows: list[PageFigures], meta: dict[str, Any]) -> str:
    """The figures as a Markdown table, for docs/PERFORMANCE.md."""
    mixed = meta.get("mixed") or {}
    lines = [
        f"{meta.get('when', '')}, commit {meta.get('commit', '')}, {meta.get('database', '')}, "
        f"{meta.get('cpus', '')} cores, load average {meta.get('load_average_before', '-')} before the run and "
        f"{meta.get('load_average_after', '-')} after; {meta.get('servers', '')} gunicorn instances of "
        f"{meta.get('workers', '')} workers x {meta.get('threads', '')} threads; each page alone for "
        f"{meta.get('duration_s', '')} s under {meta.get('clients', '')} clients.",
        "",
        "| page | " + " | ".join(COLUMNS) + " | target |",
        "|---|" + "--:|" * len(COLUMNS) + "---|",
    ]
    for r in rows:
        lines.append(f"| {r.label} | " + " | ".join(_cells(r)) + f" | {_target(r)} |")
    if mixed:
        lines += [
            "",
            f"Mixed run (stability): {meta.get('mixed_clients')} clients on every page at once for "
            f"{meta.get('duration_s')} s: {mixed['requests']} requests, {mixed['rps']:g} req/s, p95 "
            f"{_num(mixed['p95_ms'])} ms, **{mixed['errors']} errors** (target 0).",
        ]
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
            # The load measures speed, not the API's rate limit: its few users send more than any integration.
            "DJANGO_API_THROTTLE_RATE": "1000000/hour",
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
