"""The benchmark's own logic: the figures and targets, the login form it fills in, and (at a tiny scale) that every
benchmarked page answers and makes no more queries at scale than at demo size."""

import http.server
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from acip.devdata import bench
from acip.devdata.demo import demo_load

pytestmark = pytest.mark.django_db


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))

    assert bench.percentile(values, 0.5) == 50
    assert bench.percentile(values, 0.95) == 95
    assert bench.percentile([7.0], 0.95) == 7.0


def _run(rps_by_key: dict[str, float], errors: int = 0) -> dict[str, bench.LoadResult]:
    """Runs of 10 s at the given rates (the first `errors` requests of each failing)."""
    return {
        key: bench.LoadResult(
            elapsed=10.0, samples=[bench.Sample(key, 0.010, i >= errors) for i in range(int(rps * 10))]
        )
        for key, rps in rps_by_key.items()
    }


def test_a_page_misses_on_its_rate_the_admin_reference_its_size_its_queries_and_its_errors():
    keys = [bench.BASELINE, "admin", "slow", "big", "briefing"]
    pages = [(bench.Page(key, key.title(), "x", "staff"), f"/{key}") for key in keys]
    each = _run({bench.BASELINE: 100, "admin": 20, "slow": 9, "big": 30})
    each.update(_run({"briefing": 30}, errors=1))
    demo = {key: bench.InProcess(5, 200, 1.0, {"q": 5}, 1000) for key in keys}
    at_scale = {key: bench.InProcess(5, 200, 1.0, {"q": 5}, 1000) for key in keys}
    at_scale["slow"] = bench.InProcess(6, 200, 30.0, {"q": 6}, 1000)
    at_scale["big"] = bench.InProcess(5, 200, 1.0, {"q": 5}, 300 * 1024)
    at_scale["briefing"] = bench.InProcess(5, 200, 1.0, {"q": 5}, 4000 * 1024)  # a whole session's pack may be big

    baseline, admin, slow, big, briefing = bench.figures(pages=pages, each=each, demo=demo, at_scale=at_scale)

    assert (baseline.requests, baseline.rps, baseline.ratio, baseline.misses) == (1000, 100.0, 1.0, [])
    assert (admin.ratio, admin.misses) == (0.2, [])
    assert slow.ratio == 0.09
    assert slow.misses == [
        "9 req/s, under 1/10 of the baseline's",
        "slower than the admin's partner list (20 req/s)",
        "6 queries at scale, 5 at demo size: 1 queries run in a loop",
    ]
    assert big.misses == ["300 KB of HTML, over 250 KB"]
    assert briefing.misses == ["1 errors"]
    assert (big.median_ms, big.p95_ms, big.size_kb) == (10.0, 10.0, 300.0)
    assert "MISS" in bench.render_table([baseline, slow])
    assert "| Slow | 9 | 0.09 |" in bench.render_markdown([baseline, slow], {})


def test_the_clients_log_in_on_one_server_and_alternate_between_both():
    """Two tiny servers stand in for the two gunicorn instances: every request after the login carries the session
    cookie that the first server set, and the requests alternate between the two."""
    seen: list[tuple[int, str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            seen.append((self.server.server_port, self.path, self.headers.get("Cookie", "")))
            body = b'<input name="csrfmiddlewaretoken" value="t">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(302)
            self.send_header("Set-Cookie", "sessionid=s1; Path=/")
            self.send_header("Location", "/healthz")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    servers = [http.server.ThreadingHTTPServer((bench.HOST, 0), Handler) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        ports = [server.server_port for server in servers]
        clients, failures = bench.log_in(ports=ports, users=["staff"], passwords={"staff": "pw"}, clients=2)
        page = bench.Page("home", "Home", "x", "staff")
        load = bench.closed_loop(clients, [(page, "/home")], duration=0.2)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()

    assert failures == []
    assert load.samples and all(sample.ok for sample in load.samples)
    after_login = [(port, cookie) for port, path, cookie in seen if path == "/home"]
    assert {cookie for _, cookie in after_login} == {"sessionid=s1"}
    assert {port for port, _ in after_login} == set(ports)
    assert all(port == ports[0] for port, path, _ in seen if path == "/accounts/login/")


def test_a_query_in_a_loop_and_a_section_empty_in_the_demo_both_miss():
    loop = "SELECT * FROM meetings_note WHERE side_meeting_id = 7"
    prefetch = "SELECT * FROM partners_indicator WHERE outcome_id IN (1, 2, 3)"

    assert bench.query_shape(loop) == bench.query_shape(loop.replace("7", "81"))
    assert bench.query_shape(prefetch) == bench.query_shape("SELECT * FROM partners_indicator WHERE outcome_id IN (4)")
    demo = {bench.query_shape(loop): 1}
    assert bench.growing_shapes(demo, {bench.query_shape(loop): 1}) == {}
    assert bench.growing_shapes(demo, {bench.query_shape(loop): 5}) == {bench.query_shape(loop): (1, 5)}
    assert bench.growing_shapes(demo, {bench.query_shape(loop): 1, bench.query_shape(prefetch): 1}) == {
        bench.query_shape(prefetch): (0, 1)
    }

    pages = [(bench.Page("country", "Country", "x", "staff"), "/country")]
    [row] = bench.figures(
        pages=pages,
        each=None,
        demo={"country": bench.InProcess(1, 200, 1.0, demo)},
        at_scale={
            "country": bench.InProcess(2, 200, 1.0, {bench.query_shape(loop): 1, bench.query_shape(prefetch): 1})
        },
    )
    assert row.misses == ["2 queries at scale, 1 at demo size"]


def test_the_login_form_carries_the_token_the_client_looks_for(client):
    content = client.get(reverse("login")).content.decode()

    assert bench.CSRF_INPUT.search(content)


def test_the_production_environment_turns_debug_off_and_keeps_to_localhost():
    env = bench.production_env("postgres://postgres@127.0.0.1:5432/acip_bench")

    assert env["DJANGO_DEBUG"] == "False"
    assert env["DJANGO_ALLOWED_HOSTS"] == "127.0.0.1"
    assert len(env["DJANGO_SECRET_KEY"]) >= 50
    assert env["DATABASE_URL"].endswith("/acip_bench")


def test_every_page_answers_and_makes_no_more_queries_at_scale_than_at_demo_size():
    demo_load()
    call_command("seed_scale", "--scale", "0.005", stdout=StringIO())

    demo, at_scale = bench.count_queries(bench.PAGES, repeat=0)

    assert list(at_scale) == [page.key for page in bench.PAGES]
    for page in bench.PAGES:
        assert (page.key, demo[page.key].status, at_scale[page.key].status) == (page.key, 200, 200)
        grown = bench.growing_shapes(demo[page.key].shapes, at_scale[page.key].shapes)
        assert at_scale[page.key].queries <= demo[page.key].queries, (page.key, grown)
