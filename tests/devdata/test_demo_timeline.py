"""The demo follows DOMAIN.md fact by fact: each row of its timeline (docs/domain-timeline.md, a copy of DOMAIN.md
§1.1), the headcount per year, the committee sessions and their numbers, the CIPS rounds' coverage and sample sizes,
and the donors' amounts. The figures below are DOMAIN.md's, each with its source."""

import datetime
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from acip.dashboards.donors import donor_overview
from acip.models import Approximation, Donor, FundingAgreement, Phase, Programme
from meetings.models import Committee, Meeting, MeetingKind, SideMeeting
from partners.models import (
    Activity,
    ActivityKind,
    Assessment,
    AssessmentKind,
    ExitReason,
    PartnerAdministration,
    StatusChange,
)
from tests.acip.personas import client_for, make_staff

pytestmark = pytest.mark.django_db

D = datetime.date
TIMELINE = Path(settings.BASE_DIR) / "docs" / "domain-timeline.md"
INITIAL_11 = {"AF", "ET", "GH", "LB", "LR", "ML", "MZ", "NP", "SL", "TZ", "TN"}
EXPANSION_6 = {"BF", "CI", "JO", "MW", "NE", "PS"}
AMERICAS_8 = {"AG", "EC", "SV", "GT", "GY", "HN", "JM", "MX"}


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """One load for the module, rolled back after it (each test nests in it as a savepoint)."""
    fast_hasher = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hasher, transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def timeline_rows() -> list[tuple[str, str]]:
    """(date, event) of each row of the table in docs/domain-timeline.md."""
    rows = []
    for line in TIMELINE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and cells[0] not in ("Date", "---"):
            rows.append((cells[0], cells[1]))
    return rows


def codes(queryset) -> set[str]:
    return set(queryset.values_list("country_code", flat=True))


def active_on(day) -> int:
    return PartnerAdministration.objects.active_on(day).count()


def coordinators(year: int) -> Meeting:
    return Meeting.objects.get(kind=MeetingKind.COORDINATORS, starts_on__year=year)


def norad() -> Donor:
    return Donor.objects.get(slug="norad")


# ---------------------------------------------------------------------------------------------------------------
# One check per row of the timeline, keyed by the row's date cell


def oct_2007():
    assert "October 2007" in FundingAgreement.objects.get(donor=norad(), signed_on=D(2018, 11, 16)).notes


def nov_2018():
    agreement = FundingAgreement.objects.get(donor=norad(), signed_on=D(2018, 11, 16))
    assert (agreement.amount, agreement.currency, agreement.amount_approximation) == (Decimal(5_000_000), "EUR", "")


def jan_2019():
    programme = Programme.objects.get(slug="a-cip")
    assert programme.starts_on == D(2019, 1, 1)
    assert "five years" in Phase.objects.get(programme=programme, number=1).description
    assert codes(PartnerAdministration.objects.filter(joined_on=D(2019, 1, 1))) == INITIAL_11


def mar_2019():
    march = Activity.objects.filter(actual_start_on__year=2019, actual_start_on__month=3)
    sierra_leone = march.get(partner__country_code="SL", kind=ActivityKind.MISSION)
    assert "Internal Affairs Unit" in sierra_leone.title
    assert "15 Members" in march.get(partner__country_code="GH", component="multilateral").title


def apr_2019():
    session = Meeting.objects.get(kind=MeetingKind.COMMITTEE, starts_on=D(2019, 4, 8))
    assert (session.committee, session.cbc_session_number, session.session_number) == (Committee.CBC_ISC, 10, 18)
    assert (session.ends_on, session.place) == (D(2019, 4, 12), "Brussels")
    assert codes(session.partners) == INITIAL_11
    side = SideMeeting.objects.filter(meeting=session)
    assert set(side.values_list("partner__country_code", flat=True)) == INITIAL_11
    purposes = list(side.values_list("purpose", flat=True))
    assert len(set(purposes)) == 11 and all("[S6]" in purpose for purpose in purposes)


def in_2019():
    visits = Activity.objects.filter(kind=ActivityKind.SCOPING, actual_start_on__year=2019)
    assert set(visits.values_list("partner__country_code", flat=True)) == INITIAL_11


def nov_2019():
    addendum = FundingAgreement.objects.get(donor=norad(), signed_on=D(2019, 11, 29))
    assert addendum.amount_approximation == Approximation.ALMOST
    assert codes(addendum.partners) == EXPANSION_6
    overview = donor_overview(donor=norad(), user=make_staff(username="timeline"), today=D(2025, 1, 1))
    assert (overview.total_eur, overview.total_eur_approximation) == (Decimal(8_000_000), Approximation.ALMOST)


def jan_feb_2020():
    first = Assessment.objects.filter(kind=AssessmentKind.CIPS, started_on__year=2020, round_number=1)
    assert first.count() == 10
    assert all(a.started_on.month == 1 and a.ended_on.month == 2 and "EY" in a.provider for a in first)


def feb_2020():
    meeting = coordinators(2020)
    assert (meeting.starts_on, meeting.ends_on, meeting.place) == (D(2020, 2, 17), D(2020, 2, 19), "Brussels")
    isc = Meeting.objects.get(committee=Committee.ISC, session_number=19)
    assert meeting.ends_on < isc.starts_on <= meeting.ends_on + datetime.timedelta(days=3)
    assert all(word in meeting.theme for word in ("scoping visits", "Project Information Document", "CIPS"))


def apr_2020():
    assert PartnerAdministration.objects.get(country_code="MW").joined_on == D(2020, 4, 1)
    assert active_on(D(2020, 4, 30)) == 17


def mar_9_2021():
    canada = FundingAgreement.objects.get(donor__slug="global-affairs-canada")
    assert (canada.signed_on, canada.amount, canada.currency) == (D(2021, 3, 9), Decimal(3_496_777), "CAD")
    assert (canada.amount_eur, canada.amount_approximation) == (Decimal(2_500_000), Approximation.ABOUT)
    assert codes(canada.partners) == AMERICAS_8
    assert (canada.ends_on - canada.starts_on).days // 365 == 3


def mar_2021():
    meeting = coordinators(2021)
    assert meeting.starts_on.month == 3 and meeting.is_online
    assert meeting.attendances.count() == 17


def may_2021():
    assert codes(PartnerAdministration.objects.filter(joined_on=D(2021, 5, 20))) == AMERICAS_8


def feb_2022():
    meeting = coordinators(2022)
    assert meeting.starts_on.month == 2 and meeting.is_online and "Zoom" in meeting.place
    assert "more than 80 representatives" in meeting.theme


def mar_apr_2022():
    assert "A-CIP Report, March 2022" in Phase.objects.get(number=1).description


def feb_apr_2023():
    assert "KPMG Norway" in Phase.objects.get(number=1).description


def mar_2023():
    meeting = coordinators(2023)
    assert meeting.starts_on.month == 3
    assert meeting.attendances.count() == active_on(meeting.starts_on) == 23


def in_2023():
    second = Assessment.objects.filter(kind=AssessmentKind.CIPS, round_number=2, started_on__year=2023)
    assert second.count() == 17
    first_round = set(
        Assessment.objects.filter(kind=AssessmentKind.CIPS, round_number=1, started_on__year__lte=2022).values_list(
            "partner__country_code", flat=True
        )
    )
    assert len(first_round) == 25
    assert set(second.values_list("partner__country_code", flat=True)) <= first_round


def feb_2024():
    meeting = coordinators(2024)
    assert meeting.starts_on.month == 2
    assert meeting.attendances.count() == active_on(meeting.starts_on) == 22


def sep_2024():
    ukraine = Assessment.objects.get(partner__country_code="UA", kind=AssessmentKind.CIPS, round_number=1)
    assert (ukraine.started_on.year, ukraine.started_on.month) == (2024, 9)


def mar_2025():
    meeting = coordinators(2025)
    assert meeting.starts_on.month == 3
    assert meeting.attendances.count() == active_on(meeting.starts_on) == 16
    assert FundingAgreement.objects.filter(donor=norad(), ends_on=D(2025, 9, 30)).count() == 2
    assert Phase.objects.filter(number=2, starts_on__gt=D(2025, 9, 30)).exists()


CHECKS = {
    "Oct 2007": oct_2007,
    "16 Nov 2018": nov_2018,
    "Jan 2019": jan_2019,
    "Mar 2019": mar_2019,
    "8–12 Apr 2019": apr_2019,
    "2019": in_2019,
    "29 Nov 2019": nov_2019,
    "Jan–Feb 2020": jan_feb_2020,
    "17–19 Feb 2020": feb_2020,
    "Apr 2020": apr_2020,
    "9 Mar 2021": mar_9_2021,
    "Mar 2021": mar_2021,
    "20 May 2021": may_2021,
    "Feb 2022": feb_2022,
    "Mar/Apr 2022": mar_apr_2022,
    "Feb–Apr 2023": feb_apr_2023,
    "Mar 2023": mar_2023,
    "2023": in_2023,
    "Feb 2024": feb_2024,
    "Sep 2024": sep_2024,
    "Mar 2025": mar_2025,
}


def test_every_row_of_the_timeline_has_its_check():
    dates = [date for date, _ in timeline_rows()]
    assert len(dates) == 21
    assert dates == list(CHECKS)


@pytest.mark.parametrize(("date", "event"), timeline_rows(), ids=[date for date, _ in timeline_rows()])
def test_each_row_of_the_timeline_is_in_the_demo(date, event):
    CHECKS[date]()


# ---------------------------------------------------------------------------------------------------------------
# Headcounts per year (DOMAIN.md §1.4: 11 (2019), 17 (2020), 25 (2020-21), "more than 20" (2022), 23 active
# (2023) [S16], 22 (2024) [S18], 16 (2025) [S21])


def test_the_headcount_falls_as_the_sources_count_it():
    at_year_end = {year: active_on(D(year, 12, 31)) for year in range(2019, 2026)}
    assert at_year_end == {2019: 11, 2020: 17, 2021: 25, 2022: 23, 2023: 22, 2024: 16, 2025: 16}
    assert active_on(D(2021, 5, 20)) == 25


def test_every_exit_has_its_reason_and_status_and_the_americas_leave_when_canadas_funding_ends():
    exited = PartnerAdministration.objects.filter(exited_on__isnull=False)
    assert not exited.filter(exit_reason="").exists()
    assert not PartnerAdministration.objects.filter(exited_on__isnull=True).exclude(exit_reason="").exists()
    canada = FundingAgreement.objects.get(donor__slug="global-affairs-canada")
    funding_ended = exited.filter(exit_reason=ExitReason.FUNDING_ENDED)
    assert codes(funding_ended) == AMERICAS_8 - {"SV"}
    assert set(funding_ended.values_list("exited_on", flat=True)) == {canada.ends_on} == {D(2024, 5, 19)}
    for partner in exited.with_current_status():
        assert partner.current_stage in ("completed", "exited"), partner.country_name
        assert partner.status_effective_on == partner.exited_on
    # Where the sources give only a count, the choice of who leaves says it is illustrative.
    chosen = StatusChange.objects.filter(partner__exit_reason=ExitReason.OTHER, stage="exited")
    assert chosen.count() == 3 and all("Illustrative" in change.reason for change in chosen)


def test_stages_move_through_the_cycle_over_the_years():
    # Nobody who joined in 2019-2021 is still at scoping once the plans were agreed.
    initial = StatusChange.objects.filter(partner__cohort="2019")
    assert set(initial.filter(effective_on__year=2019).values_list("stage", flat=True)) <= {"scoping", "planning"}
    still_scoping = [
        p.country_name
        for p in PartnerAdministration.objects.with_current_status()
        if p.current_stage in ("scoping", "prospective")
    ]
    assert still_scoping == []
    # The PIDs of 2020 [S7]: every partner of 2019 and 2020 is planning by the end of 2020 (Sierra Leone since 2019).
    planning_2020 = StatusChange.objects.filter(stage="planning", effective_on__lte=D(2020, 12, 31))
    assert set(planning_2020.values_list("partner__country_code", flat=True)) >= INITIAL_11 | EXPANSION_6
    implementation = StatusChange.objects.filter(stage="implementation", effective_on__year__in=(2020, 2021, 2022))
    assert len(set(implementation.values_list("partner_id", flat=True))) == 25


def test_the_dashboard_shows_the_headcount_per_year(client):
    client.force_login(make_staff(username="headcount"))
    timeline = client.get(reverse("dashboard:home")).context["timeline"]
    active = dict(timeline.active_rows)
    assert {year: active[year] for year in range(2019, 2026)} == {
        2019: 11,
        2020: 17,
        2021: 25,
        2022: 23,
        2023: 22,
        2024: 16,
        2025: 16,
    }


# ---------------------------------------------------------------------------------------------------------------
# Sessions and their numbers (DOMAIN.md §3: ISC sessions 18th (2019), 19th (2020), 21st (2022), 22nd (2023) [S6]
# [S39][S45][S46]; §1.1: the 10th CBC and 18th ISC, April 2019 [S6])


def test_every_session_of_the_sources_is_there_with_its_numbers():
    sessions = Meeting.objects.filter(kind=MeetingKind.COMMITTEE).order_by("starts_on")
    assert [(m.starts_on.year, m.committee, m.session_number, m.cbc_session_number) for m in sessions] == [
        (2019, Committee.CBC_ISC, 18, 10),
        (2020, Committee.ISC, 19, None),
        (2022, Committee.ISC, 21, None),
        (2023, Committee.ISC, 22, None),
    ]
    assert [m.session_label for m in sessions] == ["10th CBC and 18th ISC", "19th ISC", "21st ISC", "22nd ISC"]


def test_the_joint_session_reads_with_both_numbers_in_english_and_french(client):
    session = Meeting.objects.get(committee=Committee.CBC_ISC)
    client.force_login(make_staff(username="sessions"))
    assert "10th CBC and 18th ISC" in client.get(session.get_absolute_url()).content.decode()
    with translation.override("fr"):
        assert session.session_label == (
            "10e session du Comité du renforcement des capacités et 18e session du Sous-Comité sur l’éthique"
        )
        first = Meeting(committee=Committee.ISC, session_number=1)
        assert first.session_label == "1re session du Sous-Comité sur l’éthique"


def test_each_coordinators_meeting_has_the_attendance_the_sources_count():
    counts = {m.starts_on.year: m.attendances.count() for m in Meeting.objects.filter(kind=MeetingKind.COORDINATORS)}
    # 2020: the 11 partners of the time [S7]; 2021: 17 [S8]; 2022: every partner (more than 80 representatives
    # [S14]); 2023: 23 [S16]; 2024: 22 [S18]; 2025: 16 [S21]; 2027: the illustrative coming meeting.
    assert counts == {2020: 11, 2021: 17, 2022: 25, 2023: 23, 2024: 22, 2025: 16, 2027: 3}


# ---------------------------------------------------------------------------------------------------------------
# Survey coverage and sample sizes (DOMAIN.md §3, CIPS)


def cips(**filters):
    return Assessment.objects.filter(kind=AssessmentKind.CIPS, **filters)


def samples(rows) -> tuple[int, int]:
    totals = rows.aggregate(officials=Sum("sample_officials"), private=Sum("sample_private"))
    return totals["officials"], totals["private"]


def test_the_survey_rounds_cover_the_sources_countries_and_sample_sizes():
    round_2020 = cips(round_number=1, started_on__year=2020)
    # Round 1 (2020): 10 countries, 3,019 officials and 2,793 private-sector respondents [S15].
    assert set(round_2020.values_list("partner__country_code", flat=True)) == INITIAL_11 - {"LB"}
    assert samples(round_2020) == (3019, 2793)
    # 2021: 7 more countries, 2,094 officials and 1,559 private-sector respondents [S22].
    round_2021 = cips(round_number=1, partner__cohort__in=["2019", "2020"], started_on__year=2021)
    assert set(round_2021.values_list("partner__country_code", flat=True)) == EXPANSION_6 | {"LB"}
    assert samples(round_2021) == (2094, 1559)
    # Round 2 (2023): 17 countries; the two rounds together more than 11,000 officials and 8,500 private [S17].
    assert cips(round_number=2).count() == 17
    officials, private = samples(cips(round_number__in=[1, 2], started_on__year__lte=2023))
    assert officials > 11_000 and private > 8_500
    # Ukraine (2024): 448 officials and 477 private respondents [S20].
    assert samples(cips(partner__country_code="UA")) == (448, 477)


def test_scores_no_source_gives_are_marked_illustrative_and_round_2_mostly_improves():
    scored = cips(scores__isnull=False).distinct()
    assert scored.count() == 42
    assert all("Illustrative" in a.title and "Illustrative" in a.summary for a in scored)
    assert not cips(partner__country_code="UA", scores__isnull=False).exists()
    # [S17]: better perceptions on all 10 factors across the 17 countries; 85% of the factors at national level.
    before, after = {}, {}
    improved = total = 0
    for second in cips(round_number=2).prefetch_related("scores"):
        first = cips(round_number=1, partner=second.partner_id).prefetch_related("scores").get()
        old = {(s.factor_id, s.group): s.score for s in first.scores.all()}
        for score in second.scores.all():
            key = (score.factor_id, score.group)
            before.setdefault(score.factor_id, []).append(old[key])
            after.setdefault(score.factor_id, []).append(score.score)
            improved += score.score > old[key]
            total += 1
    assert all(sum(after[f]) > sum(before[f]) for f in before)
    assert 0.8 <= improved / total <= 0.9


# ---------------------------------------------------------------------------------------------------------------
# The donors' amounts (DOMAIN.md §1.2: Norad EUR 5m, then almost EUR 8m [S2][S5]; Canada about EUR 2.5m,
# CAD 3,496,777 [S10])


def test_the_donor_view_shows_the_amounts_as_the_sources_word_them():
    client = client_for(make_staff(username="amounts"))
    norad_page = client.get(reverse("donors:detail", args=[norad().slug])).content.decode()
    assert re.search(r'data-testid="total-eur">almost 8,000,000<', norad_page)
    assert "almost 3,000,000 EUR" in norad_page and "5,000,000 EUR" in norad_page
    canada = Donor.objects.get(slug="global-affairs-canada")
    canada_page = client.get(reverse("donors:detail", args=[canada.slug])).content.decode()
    assert "3,496,777 CAD" in canada_page and "about 2,500,000" in canada_page
