"""The benchmark's own logic: the figures and targets, the login form it fills in, and (at a tiny scale) that every
benchmarked page answers and makes no more queries at scale than at demo size."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from acip import bench
from acip.demo import demo_load

pytestmark = pytest.mark.django_db


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))

    assert bench.percentile(values, 0.5) == 50
    assert bench.percentile(values, 0.95) == 95
    assert bench.percentile([7.0], 0.95) == 7.0


def test_a_page_misses_on_its_ratio_its_query_growth_and_its_errors():
    pages = [(bench.PAGES[0], "/healthz"), (bench.Page("slow", "Slow", "x", "staff"), "/slow")]
    samples = [bench.Sample("baseline", 0.010, True)] * 3 + [bench.Sample("slow", 0.040, True)] * 2
    samples += [bench.Sample("slow", 0.040, False)]
    load = bench.LoadResult(elapsed=2.0, samples=samples)
    demo = {"baseline": bench.InProcess(0, 200, 1.0), "slow": bench.InProcess(5, 200, 9.0, {"q": 5})}
    at_scale = {"baseline": bench.InProcess(0, 200, 1.0), "slow": bench.InProcess(6, 200, 30.0, {"q": 6})}

    baseline, slow = bench.figures(pages=pages, load=load, demo=demo, at_scale=at_scale)

    assert (baseline.requests, baseline.rps, baseline.median_ms, baseline.misses) == (3, 1.5, 10.0, [])
    assert slow.ratio == 4.0
    assert slow.misses == [
        "median 4.0x the baseline's",
        "6 queries at scale, 5 at demo size: 1 queries run in a loop",
        "1 errors",
    ]
    assert "MISS" in bench.render_table([baseline, slow])


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
        load=None,
        demo={"country": bench.InProcess(1, 200, 1.0, demo)},
        at_scale={
            "country": bench.InProcess(2, 200, 1.0, {bench.query_shape(loop): 1, bench.query_shape(prefetch): 1})
        },
    )
    assert row.misses == ["2 queries at scale, 1 at demo size: a section is empty in the demo data"]


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
    pages, missing = bench.resolve_pages(bench.PAGES)

    demo, at_scale = bench.count_queries(pages, repeat=0)

    assert missing == []
    for page, _ in pages:
        assert (page.key, demo[page.key].status, at_scale[page.key].status) == (page.key, 200, 200)
        grown = bench.growing_shapes(demo[page.key].shapes, at_scale[page.key].shapes)
        assert at_scale[page.key].queries <= demo[page.key].queries, (page.key, grown)
