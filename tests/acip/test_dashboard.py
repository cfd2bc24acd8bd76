import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from acip.dashboards import selectors
from meetings.models import Commitment
from partners.models import Activity, PartnerAdministration, StatusChange
from tests.acip.factories import DonorFactory, FundingAgreementFactory, UserFactory, factor, region
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    PartnerFactory,
    StatusChangeFactory,
)
from tests.queries import NAV

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:home")
TODAY = timezone.localdate()


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


def status(partner, stage, health="on_track", on=datetime.date(2020, 6, 1)):
    return StatusChangeFactory(partner=partner, stage=stage, health=health, effective_on=on)


def bars(items):
    return {bar.key: bar.count for bar in items}


def current(**lookup):
    """The direct query each figure is checked against."""
    return PartnerAdministration.objects.with_current_status().filter(**lookup).count()


# ---------------------------------------------------------------------------------------------------------------
# Who may open it


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_delegate_gets_403(client):
    client.force_login(make_delegate(PartnerFactory()))
    assert client.get(URL).status_code == 403


def test_donor_viewer_gets_403(client):
    client.force_login(make_donor_viewer(DonorFactory()))
    assert client.get(URL).status_code == 403


def test_user_without_role_gets_403(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_post_is_not_allowed(staff_client):
    assert staff_client.post(URL).status_code == 405


def test_administrator_sees_the_dashboard(admin_client):
    assert admin_client.get(URL).status_code == 200


def test_staff_home_is_my_work_which_links_to_the_dashboard(staff_client):
    response = staff_client.get(reverse("home"), follow=True)
    assert response.redirect_chain == [(reverse("my_work"), 302)]
    assert f'href="{URL}"' in response.content.decode()


# ---------------------------------------------------------------------------------------------------------------
# The figures match the database


@pytest.fixture
def programme():
    """Four partners in three regions and two cohorts, two donors, a partner without status."""
    ghana = PartnerFactory(country_name="Ghana", region=region("WCA"), cohort="2019")
    mali = PartnerFactory(country_name="Mali", region=region("WCA"), cohort="2020")
    nepal = PartnerFactory(country_name="Nepal", region=region("AP"), cohort="2019")
    mexico = PartnerFactory(country_name="Mexico", region=region("AMC"), cohort="2021")
    status(ghana, "scoping", "at_risk", datetime.date(2019, 3, 1))
    status(ghana, "implementation", "on_track", datetime.date(2021, 3, 1))
    status(mali, "implementation", "off_track", datetime.date(2020, 5, 1))
    status(nepal, "planning", "at_risk", datetime.date(2021, 1, 1))
    norad, canada = DonorFactory(short_name="Norad"), DonorFactory(short_name="GAC")
    FundingAgreementFactory(donor=norad, partners=[ghana, mali, nepal])
    FundingAgreementFactory(donor=norad, partners=[ghana])  # a second Norad agreement must not count Ghana twice
    FundingAgreementFactory(donor=canada, partners=[mexico])
    return {"ghana": ghana, "mali": mali, "nepal": nepal, "mexico": mexico, "norad": norad, "canada": canada}


def test_partners_by_stage_match_the_current_status(staff_client, programme):
    counts = staff_client.get(URL).context["counts"]
    by_stage = bars(counts.by_stage)
    for stage in ("scoping", "planning", "implementation", "monitoring"):
        assert by_stage[stage] == current(current_stage=stage)
    assert by_stage["implementation"] == 2
    assert by_stage[selectors.NO_STATUS] == current(current_stage__isnull=True) == 1
    assert counts.total == PartnerAdministration.objects.count()


def test_health_at_a_glance_counts_only_partners_still_in_the_programme(staff_client, programme):
    jamaica = PartnerFactory(country_name="Jamaica", region=region("AMC"))
    status(jamaica, "completed", "on_track", datetime.date(2022, 1, 1))
    left = PartnerFactory(country_name="Left", exited_on=datetime.date(2020, 1, 1))
    status(left, "implementation", "on_track", datetime.date(2019, 1, 1))

    health = {group.key: group for group in staff_client.get(URL).context["health"]}

    still_in = PartnerAdministration.objects.in_programme(TODAY)
    for key in ("on_track", "at_risk", "off_track"):
        assert health[key].count == still_in.filter(current_health=key).count()
    assert health["on_track"].count == 1  # Ghana; not Jamaica (completed) nor the one that left
    assert health["off_track"].count == 1


@pytest.mark.parametrize("params", [{}, {"region": "WCA"}])
def test_each_health_card_links_to_the_partner_list_filtered_to_what_it_counts(staff_client, programme, params):
    jamaica = PartnerFactory(country_name="Jamaica", region=region("AMC"))
    status(jamaica, "completed", "at_risk", datetime.date(2022, 1, 1))
    params = {name: region(code).pk for name, code in params.items()}
    response = staff_client.get(URL, params)
    html = response.content.decode()
    for group in response.context["health"]:
        if group.key == selectors.NO_STATUS:
            continue
        assert f'href="{group.url}"'.replace("&", "&amp;") in html
        listed = staff_client.get(group.url).context["page_obj"]
        assert listed.paginator.count == group.count
        assert {p.current_health for p in listed} <= {group.key}
    assert "Jamaica" not in html


def test_partners_by_region_cohort_and_donor_match_the_database(staff_client, programme):
    context = staff_client.get(URL).context
    by_region = {bar.label: bar.count for bar in context["by_region"]}
    for code in ("WCA", "AP", "AMC", "ESA"):
        reg = region(code)
        assert by_region[reg.name] == PartnerAdministration.objects.filter(region=reg).count()
    assert bars(context["by_cohort"]) == {
        "2019": PartnerAdministration.objects.filter(cohort="2019").count(),
        "2020": 1,
        "2021": 1,
        "later": 0,
    }
    by_donor = {bar.label: bar.count for bar in context["by_donor"]}
    norad = programme["norad"]
    assert (
        by_donor["Norad"] == PartnerAdministration.objects.filter(funding_agreements__donor=norad).distinct().count()
    )
    assert by_donor["Norad"] == 3
    assert by_donor["GAC"] == 1


def test_region_filter_changes_every_block(staff_client, programme):
    ghana, mexico = programme["ghana"], programme["mexico"]
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=10)
    AttendanceFactory(partner=ghana, meeting=MeetingFactory(title="WCA workshop", starts_on=soon, ends_on=soon))
    AttendanceFactory(partner=mexico, meeting=MeetingFactory(title="Americas workshop", starts_on=soon, ends_on=soon))
    CommitmentFactory(side_meeting__partner=ghana, due_on=today - datetime.timedelta(days=3))
    CommitmentFactory(side_meeting__partner=mexico, due_on=today - datetime.timedelta(days=3))
    AssessmentScoreFactory(assessment__partner=ghana, factor=factor(1))
    AssessmentScoreFactory(assessment__partner=mexico, factor=factor(1))

    context = staff_client.get(URL, {"region": region("WCA").pk}).context

    wca = {"Ghana", "Mali"}
    assert context["counts"].total == 2
    assert {bar.label: bar.count for bar in context["by_region"] if bar.count} == {region("WCA").name: 2}
    assert bars(context["by_cohort"])["2021"] == 0
    assert sum(group.count for group in context["health"]) == 2
    assert [row.partner.country_name for row in context["heatmap"].rows] == ["Ghana"]
    assert [row["partner__country_name"] for row in context["overdue"].by_partner] == ["Ghana"]
    assert [meeting.title for meeting in context["meetings"]] == ["WCA workshop"]
    assert {p.country_name for p in context["stale"]} <= wca
    assert sum(counts[-1] for _, _, counts in context["timeline"].stages) == 2


def test_donor_and_cohort_filters_narrow_the_partner_set(staff_client, programme):
    context = staff_client.get(URL, {"donor": programme["norad"].pk, "cohort": "2019"}).context
    assert context["is_filtered"]
    assert context["counts"].total == 2  # Ghana and Nepal
    assert bars(context["by_donor"])[str(programme["canada"].pk)] == 0


def test_a_bad_filter_value_is_reported_and_left_out(staff_client, programme):
    response = staff_client.get(URL, {"region": "999999", "cohort": "2019"})
    assert response.status_code == 200
    assert response.context["counts"].total == 2  # the cohort still applies
    assert any("not understood" in str(message) for message in response.context["messages"])
    assert response.context["filter"].form.errors["region"]


# ---------------------------------------------------------------------------------------------------------------
# Heatmap


def test_heatmap_shows_each_partners_latest_assessment_with_links_to_its_page(staff_client, programme):
    ghana, nepal = programme["ghana"], programme["nepal"]
    old = AssessmentFactory(partner=ghana, started_on=datetime.date(2020, 1, 1))
    new = AssessmentFactory(partner=ghana, started_on=datetime.date(2023, 1, 1))
    AssessmentFactory(partner=ghana, started_on=datetime.date(2024, 1, 1), kind="diagnostic")  # no scores
    AssessmentScoreFactory(assessment=old, factor=factor(1), score=10)
    AssessmentScoreFactory(assessment=new, factor=factor(1), score=72)
    AssessmentScoreFactory(assessment=new, factor=factor(3), score=41)
    AssessmentScoreFactory(assessment__partner=nepal, factor=factor(10), score=90)

    response = staff_client.get(URL)

    heatmap = response.context["heatmap"]
    assert [factor.number for factor in heatmap.factors] == list(range(1, 11))
    rows = {row.partner.pk: row for row in heatmap.rows}
    assert set(rows) == {ghana.pk, nepal.pk}
    assert rows[ghana.pk].assessment == new
    assert [cell.score for cell in rows[ghana.pk].cells][:3] == [72, None, 41]
    assert rows[ghana.pk].cells[0].band == "60"
    assert rows[nepal.pk].cells[9].score == 90
    html = response.content.decode()
    assert f'href="{ghana.get_absolute_url()}"' in html
    assert f'href="{nepal.get_absolute_url()}"' in html
    # One link per row, on the administration's name; a cell holds its score, or says in words that it has none.
    ghana_row = html[html.index(f'data-partner="{ghana.slug}"') :].split("</tr>")[0]
    assert ghana_row.count("<a ") == 1
    assert '<td class="heat heat-60">72</td>' in ghana_row
    assert '<td class="heat heat-40">41</td>' in ghana_row
    assert ghana_row.count('<span class="visually-hidden">no score</span>') == 8
    # The column headers name the factors for a screen reader.
    assert f'<span class="visually-hidden">1. {factor(1).label}</span>' in html


def test_heatmap_scores_show_as_floatformat_would(staff_client, programme):
    AssessmentScoreFactory(assessment__partner=programme["ghana"], factor=factor(1), score="52.5")
    AssessmentScoreFactory(assessment__partner=programme["mali"], factor=factor(1), score="52.0")
    html = staff_client.get(URL).content.decode()
    assert '<td class="heat heat-40">52.5</td>' in html
    assert '<td class="heat heat-40">52</td>' in html  # none when it is whole


def test_heatmap_links_open_the_right_country(staff_client, programme):
    AssessmentScoreFactory(assessment__partner=programme["mali"], factor=factor(2), score=55)
    row = staff_client.get(URL).context["heatmap"].rows[0]
    page = staff_client.get(row.partner.get_absolute_url())
    assert page.status_code == 200
    assert page.context["partner"] == programme["mali"]


def test_heatmap_group_selector_shows_private_sector_scores(staff_client, programme):
    assessment = AssessmentFactory(partner=programme["ghana"])
    AssessmentScoreFactory(assessment=assessment, factor=factor(1), group="officials", score=30)
    AssessmentScoreFactory(assessment=assessment, factor=factor(1), group="private", score=65)

    officials = staff_client.get(URL).context["heatmap"]
    private = staff_client.get(URL, {"group": "private"}).context["heatmap"]

    assert officials.rows[0].cells[0].score == 30
    assert private.rows[0].cells[0].score == 65
    assert private.group == "private"


def test_a_bad_group_falls_back_to_officials(staff_client, programme):
    response = staff_client.get(URL, {"group": "everyone"})
    assert response.status_code == 200
    assert response.context["heatmap"].group == "officials"


# ---------------------------------------------------------------------------------------------------------------
# Over time


def test_stage_and_health_at_each_year_end_follow_the_effective_dated_history(staff_client, programme):
    timeline = staff_client.get(URL).context["timeline"]
    assert timeline.years == list(range(2019, TODAY.year + 1))
    stages = {key: dict(zip(timeline.years, counts, strict=True)) for key, _, counts in timeline.stages}
    healths = {key: dict(zip(timeline.years, counts, strict=True)) for key, _, counts in timeline.healths}
    # 2019: Ghana scoping. 2020: Ghana scoping, Mali implementation. 2021 on: Ghana and Mali implementation, Nepal
    # planning.
    assert stages["scoping"][2019] == 1 and stages["implementation"][2019] == 0
    assert stages["scoping"][2020] == 1 and stages["implementation"][2020] == 1
    assert stages["scoping"][2021] == 0 and stages["implementation"][2021] == 2 and stages["planning"][2021] == 1
    assert healths["at_risk"][2020] == 1 and healths["off_track"][2020] == 1
    assert healths["on_track"][TODAY.year] == current(current_health="on_track")
    assert stages["implementation"][TODAY.year] == current(current_stage="implementation")


def test_two_changes_on_one_day_count_the_later_recorded_one(staff_client):
    partner = PartnerFactory()
    status(partner, "scoping", on=datetime.date(2022, 2, 1))
    status(partner, "planning", on=datetime.date(2022, 2, 1))
    timeline = staff_client.get(URL).context["timeline"]
    stages = {key: counts for key, _, counts in timeline.stages}
    assert stages["planning"][0] == 1 and stages["scoping"][0] == 0


# ---------------------------------------------------------------------------------------------------------------
# Overdue commitments, meetings, stale pages


def test_overdue_commitments_are_counted_by_owner_and_by_partner(staff_client, programme):
    ghana, mali = programme["ghana"], programme["mali"]
    officer = UserFactory(first_name="Ana", last_name="Officer")
    late = TODAY - datetime.timedelta(days=5)
    CommitmentFactory(side_meeting__partner=ghana, due_on=late, owner="programme", owner_user=officer)
    CommitmentFactory(side_meeting__partner=ghana, due_on=late - datetime.timedelta(days=9), owner="programme",
                      owner_user=officer)  # fmt: skip
    CommitmentFactory(side_meeting__partner=mali, due_on=late, owner="administration")
    CommitmentFactory(side_meeting__partner=mali, due_on=TODAY + datetime.timedelta(days=5))  # not due yet
    CommitmentFactory(side_meeting__partner=mali, due_on=late, status="done", closed_at=timezone.now())  # closed

    overdue = staff_client.get(URL).context["overdue"]

    direct = Commitment.objects.filter(status="open", due_on__lt=TODAY)
    assert overdue.total == direct.count() == 3
    by_partner = {row["partner__country_name"]: row["n"] for row in overdue.by_partner}
    assert by_partner == {"Ghana": direct.filter(partner=ghana).count(), "Mali": direct.filter(partner=mali).count()}
    by_owner = {(row["owner"], row["person"]): row["n"] for row in overdue.by_owner}
    assert by_owner == {("programme", "Ana Officer"): 2, ("administration", ""): 1}
    assert overdue.by_partner[0]["oldest"] == late - datetime.timedelta(days=9)


def test_overdue_lists_show_their_first_rows_and_say_how_many_more(staff_client, programme, monkeypatch):
    monkeypatch.setattr(selectors, "LIST_LIMIT", 1)
    late = TODAY - datetime.timedelta(days=5)
    CommitmentFactory(side_meeting__partner=programme["ghana"], due_on=late, owner="administration")
    CommitmentFactory(side_meeting__partner=programme["ghana"], due_on=late, owner="administration")
    CommitmentFactory(side_meeting__partner=programme["mali"], due_on=late, owner="programme", owner_user=make_staff())

    response = staff_client.get(URL)

    overdue = response.context["overdue"]
    assert overdue.total == 3  # every overdue commitment counts, shown or not
    assert [row["partner__country_name"] for row in overdue.by_partner] == ["Ghana"]  # the most overdue first
    assert (overdue.by_partner.total, overdue.by_partner.more) == (2, 1)
    assert [row["owner"] for row in overdue.by_owner] == ["administration"]
    html = response.content.decode()
    for testid in ("overdue-partners-more", "overdue-owners-more"):
        more = html[html.index(f'data-testid="{testid}"') :].split("</p>")[0]
        assert "And 1 more" in more
        assert f'href="{reverse("meetings:commitments")}?overdue=on"' in more


def test_overdue_lists_under_the_limit_say_nothing_more(staff_client, programme):
    CommitmentFactory(side_meeting__partner=programme["ghana"], due_on=TODAY - datetime.timedelta(days=5))
    html = staff_client.get(URL).content.decode()
    assert "overdue-partners-more" not in html and "overdue-owners-more" not in html


def test_meetings_of_the_next_90_days(staff_client, programme):
    def meeting(title, start, end=None):
        return MeetingFactory(title=title, starts_on=start, ends_on=end or start)

    meeting("Under way", TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1))
    meeting("In 89 days", TODAY + datetime.timedelta(days=89))
    meeting("In 90 days", TODAY + datetime.timedelta(days=90))
    meeting("In 91 days", TODAY + datetime.timedelta(days=91))
    meeting("Over", TODAY - datetime.timedelta(days=3), TODAY - datetime.timedelta(days=1))
    AttendanceFactory(meeting=meeting("With Ghana", TODAY + datetime.timedelta(days=5)), partner=programme["ghana"])

    meetings = staff_client.get(URL).context["meetings"]

    assert [m.title for m in meetings] == ["Under way", "With Ghana", "In 89 days", "In 90 days"]
    assert {m.title: m.attending_count for m in meetings}["With Ghana"] == 1


def test_a_running_meeting_is_under_way_not_upcoming(staff_client):
    day = datetime.timedelta(days=1)
    MeetingFactory(title="Session", starts_on=TODAY - day, ends_on=TODAY + 3 * day)
    html = staff_client.get(URL).content.decode()
    row = html[html.index("Session") :].split("</tr>")[0]
    assert "Under way" in row and "Upcoming" not in row


def test_what_needs_you_comes_before_the_figures(staff_client, programme):
    html = staff_client.get(URL).content.decode()
    positions = [html.index(f'id="{name}-heading"') for name in ("overdue", "stale", "health", "partners", "heatmap")]
    assert positions == sorted(positions)


def held(partner, days):
    """An activity of the partner that took place `days` ago: a programme event."""
    ActivityFactory(partner=partner, actual_start_on=TODAY - datetime.timedelta(days=days))


@pytest.fixture
def recent(programme):
    """Every partner of the programme but Ghana (last event: its status of March 2021) had an event lately."""
    held(programme["mali"], 10)
    held(programme["mexico"], 10)
    held(programme["nepal"], 100)
    return programme


def test_status_pages_without_a_programme_event_for_180_days_by_default(staff_client, recent):
    exited = PartnerFactory(country_name="Exited")
    status(exited, "exited")

    response = staff_client.get(URL)

    assert response.context["stale_days"] == 180
    assert [p.country_name for p in response.context["stale"]] == ["Ghana"]
    assert response.context["stale"][0].last_event == datetime.date(2021, 3, 1)


def test_the_stale_list_shows_the_oldest_and_links_the_rest_on_the_partner_list(staff_client, recent, monkeypatch):
    monkeypatch.setattr(selectors, "LIST_LIMIT", 1)
    response = staff_client.get(URL, {"stale_days": "90", "cohort": "2019"})  # Ghana and Nepal
    stale = response.context["stale"]
    assert [p.country_name for p in stale] == ["Ghana"]  # the oldest first
    html = response.content.decode()
    more = html[html.index('data-testid="stale-more"') :].split("</p>")[0]
    assert "And 1 more administration." in more
    url = f"{reverse('partners:list')}?cohort=2019&amp;membership=current&amp;sort=last_event"
    assert f'href="{url}"' in more
    # That list has every administration still in the programme, the oldest last event first: the stale ones lead.
    listed = staff_client.get(url.replace("&amp;", "&")).context["partners"]
    assert [p.country_name for p in listed][: stale.total] == ["Ghana", "Nepal"]


def test_saving_every_row_does_not_make_a_page_current(staff_client, recent):
    for model in (PartnerAdministration, StatusChange, Activity):
        for obj in model.objects.all():
            obj.save()
    assert [p.country_name for p in staff_client.get(URL).context["stale"]] == ["Ghana"]


def test_the_stale_list_names_the_focal_point(staff_client, recent):
    ghana = recent["ghana"]
    ghana.focal_point = make_staff(username="ana")
    ghana.focal_point.first_name, ghana.focal_point.last_name = "Ana", "Officer"
    ghana.focal_point.save()
    ghana.save()
    html = staff_client.get(URL).content.decode()
    table = html[html.index('data-testid="stale-partners"') :]
    assert "Ana Officer" in table[: table.index("</table>")]


def test_stale_days_can_be_chosen(staff_client, recent):
    stale = staff_client.get(URL, {"stale_days": "90"}).context["stale"]
    assert [p.country_name for p in stale] == ["Ghana", "Nepal"]


@override_settings(ACIP_STALE_DAYS=90)
def test_the_default_threshold_is_a_setting(staff_client, recent):
    response = staff_client.get(URL)
    assert response.context["stale_days"] == 90
    assert [p.country_name for p in response.context["stale"]] == ["Ghana", "Nepal"]


@pytest.mark.parametrize("bad", ["abc", "0", "-5", "99999", "1.5"])
def test_a_bad_stale_days_value_gives_a_message_and_the_default(staff_client, recent, bad):
    response = staff_client.get(URL, {"stale_days": bad})
    assert response.status_code == 200
    assert response.context["stale_days"] == 180
    assert [p.country_name for p in response.context["stale"]] == ["Ghana"]
    assert response.context["options"].errors["stale_days"]
    assert any("not understood" in str(message) for message in response.context["messages"])


# ---------------------------------------------------------------------------------------------------------------
# Page and query count


def test_page_draws_charts_from_static_files_and_json_blocks(staff_client, programme):
    html = staff_client.get(URL).content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "js/dashboard-charts.js" in html
    assert 'id="chart-stage" type="application/json"' in html
    assert "Show the figures" in html
    assert "<script>" not in html  # no inline script: the CSP forbids it


def build(n):
    """n partners, each with a status history, an assessment, overdue commitments and a coming meeting."""
    donor = DonorFactory()
    partners = [PartnerFactory() for _ in range(n)]
    FundingAgreementFactory(donor=donor, partners=partners)
    for partner in partners:
        status(partner, "scoping", on=datetime.date(2019, 5, 1))
        status(partner, "implementation", on=datetime.date(2022, 5, 1))
        score = AssessmentScoreFactory(assessment__partner=partner, factor=factor(1))
        AssessmentScoreFactory(assessment=score.assessment, factor=factor(2))
        CommitmentFactory(side_meeting__partner=partner, due_on=TODAY - datetime.timedelta(days=1))
        AttendanceFactory(partner=partner, meeting__starts_on=TODAY, meeting__ends_on=TODAY)


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"cohort": "2019", "group": "private", "stale_days": "30"}])
def test_query_count_does_not_grow_with_the_data(client, django_assert_num_queries, params):
    client.force_login(make_staff())
    build(2)
    few = count_queries(client, params)
    build(12)
    with django_assert_num_queries(few):
        client.get(URL, params)


#: session, user, role (groups, profile); stage and health, region, cohort, donor (two), health names; heatmap
#: (three); over time (two); overdue (two); meetings; stale pages; the three filter choice lists; and the
#: navigation's (tests/queries.py).
EXPECTED_QUERIES = 22 + NAV


def test_query_count_is_pinned(client, django_assert_num_queries):
    client.force_login(make_staff())
    build(3)
    with django_assert_num_queries(EXPECTED_QUERIES):
        client.get(URL)


def test_health_counts_agree_with_a_filter_on_the_partner_list(staff_client, programme):
    """The dashboard and the partner list read the current status the same way."""
    health = {group.key: group.count for group in staff_client.get(URL).context["health"]}
    listed = PartnerAdministration.objects.with_current_status().filter(Q(current_health="at_risk"))
    assert health["at_risk"] == listed.count() == 1


def test_overdue_by_administration_links_to_the_filtered_commitment_list(staff_client, programme):
    ghana = programme["ghana"]
    late = CommitmentFactory(side_meeting__partner=ghana, title="Late step", due_on=TODAY - datetime.timedelta(days=2))
    CommitmentFactory(side_meeting__partner=programme["mali"], due_on=TODAY - datetime.timedelta(days=2))
    html = staff_client.get(URL).content.decode()
    link = f"{reverse('meetings:commitments')}?overdue=on&amp;partner={ghana.slug}"
    assert f'href="{link}"' in html

    listed = staff_client.get(reverse("meetings:commitments"), {"overdue": "on", "partner": ghana.slug})
    assert [commitment.pk for commitment in listed.context["page_obj"]] == [late.pk]


def test_navigation_offers_the_dashboard_to_staff_only(client, programme):
    client.force_login(make_staff())
    assert f'href="{URL}"' in client.get(reverse("donors:home")).content.decode()
    client.force_login(make_donor_viewer(programme["norad"], username="viewer"))
    assert f'href="{URL}"' not in client.get(reverse("donors:home")).content.decode()
