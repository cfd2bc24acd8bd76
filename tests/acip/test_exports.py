import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from acip.exports import XLSX_CONTENT_TYPE, Column, export_links, export_response, field
from partners.models import PartnerAdministration
from tests.acip.factories import DonorFactory, FundingAgreementFactory, factor, region
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentScoreFactory,
    ContactFactory,
    CountryPlanFactory,
    IndicatorValueFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------------------------
# Helpers the other tests use: read an export back


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(response) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


# ---------------------------------------------------------------------------------------------------------------
# The generic writer


ROWS = [
    {"name": "Ghana", "joined": datetime.date(2019, 1, 15), "amount": Decimal("1234.50"), "active": True},
    {"name": "Côte d'Ivoire", "joined": None, "amount": None, "active": False},
]
COLUMNS = [
    field("Country", "name"),
    field("Joined", "joined"),
    field("Amount", "amount"),
    field("Active", "active"),
]


def test_csv_has_a_header_row_then_one_row_per_record():
    response = export_response(columns=COLUMNS, rows=ROWS, fmt="csv", filename="partners")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert read_csv(response) == [
        ["Country", "Joined", "Amount", "Active"],
        ["Ghana", "2019-01-15", "1234.50", "Yes"],
        ["Côte d'Ivoire", "", "", "No"],
    ]


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8():
    response = export_response(columns=COLUMNS, rows=ROWS, fmt="csv", filename="partners")
    assert response.content.startswith("\ufeff".encode())


def test_download_is_named_after_the_list_and_the_day():
    response = export_response(columns=COLUMNS, rows=ROWS, fmt="xlsx", filename="partners")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="partners-{today}.xlsx"'


def test_xlsx_opens_with_typed_values():
    response = export_response(columns=COLUMNS, rows=ROWS, fmt="xlsx", filename="partners")
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    rows = read_xlsx(response)
    assert rows[0] == ["Country", "Joined", "Amount", "Active"]
    assert rows[1] == ["Ghana", datetime.datetime(2019, 1, 15), 1234.5, "Yes"]
    assert rows[2] == ["Côte d'Ivoire", None, None, "No"]


def test_text_that_looks_like_a_formula_stays_text():
    rows = [{"name": '=HYPERLINK("http://evil.example")'}, {"name": "+1"}, {"name": "-2"}, {"name": "@SUM(A1)"}]
    columns = [field("Name", "name")]

    in_csv = read_csv(export_response(columns=columns, rows=rows, fmt="csv", filename="x"))
    workbook = openpyxl.load_workbook(
        io.BytesIO(export_response(columns=columns, rows=rows, fmt="xlsx", filename="x").content)
    )

    assert [row[0] for row in in_csv[1:]] == ['\'=HYPERLINK("http://evil.example")', "'+1", "'-2", "'@SUM(A1)"]
    cells = [row[0] for row in workbook.active.iter_rows(min_row=2)]
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "s"]
    assert cells[0].value == '=HYPERLINK("http://evil.example")'


def test_numbers_are_not_taken_for_formulas():
    rows = [{"n": -5}, {"n": Decimal("-1.5")}]
    in_csv = read_csv(export_response(columns=[field("N", "n")], rows=rows, fmt="csv", filename="x"))
    assert in_csv[1:] == [["-5"], ["-1.5"]]


def test_control_characters_excel_refuses_are_dropped():
    rows = [{"text": "line\x00one\x0btwo"}]
    assert read_xlsx(export_response(columns=[field("T", "text")], rows=rows, fmt="xlsx", filename="x"))[1] == [
        "lineonetwo"
    ]


def test_aware_datetimes_are_written_in_local_time():
    moment = timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 30))
    rows = read_xlsx(export_response(columns=[field("At", "at")], rows=[{"at": moment}], fmt="xlsx", filename="x"))
    assert rows[1] == [datetime.datetime(2024, 3, 1, 9, 30)]


def test_a_missing_link_along_a_path_gives_a_blank():
    class Row:
        partner = None

    column = field("Region", "partner.region.name")
    assert column.value(Row()) is None


def test_columns_may_compute_their_value():
    columns = [Column("Upper", lambda row: row["name"].upper())]
    assert read_csv(export_response(columns=columns, rows=ROWS, fmt="csv", filename="x"))[1] == ["GHANA"]


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        export_response(columns=COLUMNS, rows=ROWS, fmt="pdf", filename="x")


def test_export_links_carry_the_filters_but_not_the_page():
    request = RequestFactory().get("/partners/", {"region": "3", "cohort": "2019", "page": "2"})
    links = export_links(request, "exports:partners")
    assert links == {
        "csv_url": "/exports/partners.csv?region=3&cohort=2019",
        "xlsx_url": "/exports/partners.xlsx?region=3&cohort=2019",
    }


# ---------------------------------------------------------------------------------------------------------------
# The export endpoints


def export_url(name, fmt="csv"):
    return reverse(f"exports:{name}", kwargs={"fmt": fmt})


@pytest.fixture
def world():
    """Norad covers Ghana; Mexico is not covered. Each has records shared with donors and records for staff only."""
    ghana = PartnerFactory(country_name="Ghana", region=region("WCA"), cohort="2019")
    mali = PartnerFactory(country_name="Mali", region=region("WCA"), cohort="2020")
    mexico = PartnerFactory(country_name="Mexico", region=region("AMC"), cohort="2021")
    norad = DonorFactory(short_name="Norad", slug="norad")
    FundingAgreementFactory(donor=norad, partners=[ghana])
    for partner in (ghana, mali, mexico):
        StatusChangeFactory(partner=partner, reason=f"Staff reason {partner}", tier="staff")
        StatusChangeFactory(
            partner=partner, reason=f"Shared reason {partner}", tier="donors", effective_on=datetime.date(2021, 1, 1)
        )
        meeting = MeetingFactory(title=f"Meeting with {partner}")
        AttendanceFactory(meeting=meeting, partner=partner)
        SideMeetingFactory(
            meeting=meeting, partner=partner, purpose=f"Staff purpose {partner}", tier="staff", atmosphere="tense"
        )
        SideMeetingFactory(meeting=meeting, partner=partner, purpose=f"Shared purpose {partner}", tier="donors")
        CommitmentFactory(side_meeting__partner=partner, title=f"Open step {partner}")
        CommitmentFactory(
            side_meeting__partner=partner, title=f"Done step {partner}", status="done", closed_at=timezone.now()
        )
        ActivityFactory(partner=partner, title=f"Shared activity {partner}", tier="donors")
        ActivityFactory(partner=partner, title=f"Staff activity {partner}", tier="staff")
        for tier in ("donors", "staff"):
            plan = CountryPlanFactory(partner=partner, tier=tier)
            IndicatorValueFactory(
                indicator__outcome__plan=plan, indicator__name=f"{tier.title()} indicator {partner}", period=2022
            )
        AssessmentScoreFactory(assessment__partner=partner, assessment__tier="staff", factor=factor(1), score=44)
    return {"ghana": ghana, "mali": mali, "mexico": mexico, "norad": norad}


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


@pytest.fixture
def donor_client(client, world):
    client.force_login(make_donor_viewer(world["norad"]))
    return client


def column(rows, header):
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


ALL_EXPORTS = [
    "partners",
    "meetings",
    "side_meetings",
    "commitments",
    "activities",
    "indicator_values",
    "status_changes",
    "heatmap",
]


@pytest.mark.parametrize("name", ALL_EXPORTS)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(export_url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ALL_EXPORTS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_staff_export_every_list_in_both_formats(staff_client, world, name, fmt):
    response = staff_client.get(export_url(name, fmt))
    assert response.status_code == 200
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    assert len(rows) > 1
    assert response["Content-Disposition"].startswith(f'attachment; filename="{name.replace("_", "-")}-')


@pytest.mark.parametrize("name", ALL_EXPORTS)
def test_exports_are_read_only(staff_client, name):
    assert staff_client.post(export_url(name)).status_code == 405


def test_an_unknown_format_is_not_found(staff_client):
    assert staff_client.get("/exports/partners.pdf").status_code == 404


def test_partner_export_has_the_same_rows_as_the_filtered_list_page(staff_client, world):
    query = {"region": region("WCA").pk, "health": "on_track"}
    page = staff_client.get(reverse("partners:list"), query)
    exported = read_xlsx(staff_client.get(export_url("partners", "xlsx"), query))
    assert column(exported, "Country") == [partner.country_name for partner in page.context["page_obj"]]
    assert column(exported, "Country") == ["Ghana", "Mali"]
    assert column(exported, "Region") == [region("WCA").name] * 2
    assert column(exported, "Stage") == ["Implementation", "Implementation"]
    assert column(exported, "Donors") == ["Norad", None]


def test_partner_export_holds_every_page_of_the_list(staff_client, world):
    for _ in range(30):
        PartnerFactory()
    rows = read_csv(staff_client.get(export_url("partners")))
    assert len(rows) - 1 == PartnerAdministration.objects.count() == 33


def test_meeting_export_uses_the_meeting_list_filters(staff_client, world):
    query = {"partner": world["mali"].slug}
    page = staff_client.get(reverse("meetings:list"), query)
    exported = read_xlsx(staff_client.get(export_url("meetings", "xlsx"), query))
    assert (
        column(exported, "Meeting") == [meeting.title for meeting in page.context["page_obj"]] == ["Meeting with Mali"]
    )


def test_commitment_export_opens_on_the_open_ones_like_the_list(staff_client, world):
    page = staff_client.get(reverse("meetings:commitments"))
    exported = read_xlsx(staff_client.get(export_url("commitments", "xlsx")))
    assert column(exported, "What") == [c.title for c in page.context["page_obj"]]
    assert set(column(exported, "Status")) == {"Open"}
    every = read_csv(staff_client.get(export_url("commitments"), {"status": "done"}))
    assert set(column(every, "Status")) == {"Done"}


def test_heatmap_export_has_the_dashboards_rows(staff_client, world):
    query = {"region": region("WCA").pk}
    heatmap = staff_client.get(reverse("dashboard:home"), query).context["heatmap"]
    exported = read_xlsx(staff_client.get(export_url("heatmap", "xlsx"), query))
    assert column(exported, "Administration") == [row.partner.country_name for row in heatmap.rows]
    assert column(exported, "Administration") == ["Ghana", "Mali"]
    assert column(exported, str(factor(1))) == [44, 44]
    assert column(exported, str(factor(2))) == [None, None]


def test_side_meeting_export_shows_staff_everything(staff_client, world):
    rows = read_csv(staff_client.get(export_url("side_meetings"), {"partner": "nonexistent"}))
    assert "Atmosphere" in rows[0]
    rows = read_csv(staff_client.get(export_url("side_meetings")))
    assert "Staff purpose Ghana" in column(rows, "Purpose")
    assert "Tense" in column(rows, "Atmosphere")


# ---------------------------------------------------------------------------------------------------------------
# What a donor viewer and a delegate get


def test_donor_partner_export_holds_only_the_covered_administrations(donor_client, world):
    assert column(read_csv(donor_client.get(export_url("partners"))), "Country") == ["Ghana"]
    # Asking for another region or donor cannot widen it.
    assert column(read_csv(donor_client.get(export_url("partners"), {"region": region("AMC").pk})), "Country") == []


def test_donor_activity_and_indicator_exports_hold_only_rows_shared_with_donors(donor_client, world):
    activities = read_xlsx(donor_client.get(export_url("activities", "xlsx")))
    assert column(activities, "Activity") == ["Shared activity Ghana"]
    values = read_xlsx(donor_client.get(export_url("indicator_values", "xlsx")))
    assert column(values, "Indicator") == ["Donors indicator Ghana"]


def test_donor_side_meeting_export_hides_text_not_shared_and_the_atmosphere(donor_client, world):
    rows = read_csv(donor_client.get(export_url("side_meetings")))
    assert "Atmosphere" not in rows[0]
    assert set(column(rows, "Administration")) == {"Ghana"}
    # The side meetings the commitments were raised at are staff-only too.
    assert set(column(rows, "Purpose")) == {"Not shared", "Shared purpose Ghana"}


def test_donor_status_export_hides_reasons_not_shared(donor_client, world):
    rows = read_csv(donor_client.get(export_url("status_changes")))
    assert "Recorded by" not in rows[0]
    assert set(column(rows, "Administration")) == {"Ghana"}
    assert sorted(column(rows, "Reason")) == ["Not shared", "Shared reason Ghana"]


def test_donor_meeting_export_holds_only_meetings_of_covered_administrations(donor_client, world):
    assert column(read_csv(donor_client.get(export_url("meetings"))), "Meeting") == ["Meeting with Ghana"]


def test_donor_may_not_export_the_staff_lists(donor_client, world):
    assert donor_client.get(export_url("commitments")).status_code == 403
    assert donor_client.get(export_url("heatmap")).status_code == 403


def test_nothing_outside_the_donors_coverage_in_any_export(donor_client, world):
    for name in ("partners", "meetings", "side_meetings", "activities", "indicator_values", "status_changes"):
        for fmt in ("csv", "xlsx"):
            response = donor_client.get(export_url(name, fmt))
            text = str(read_csv(response) if fmt == "csv" else read_xlsx(response))
            assert "Mexico" not in text and "Mali" not in text, name
            assert "Staff " not in text, name


def test_donor_activity_export_narrowed_to_the_funded_period(donor_client, world):
    ActivityFactory(
        partner=world["ghana"],
        title="Completed in period",
        tier="donors",
        status="completed",
        actual_end_on=datetime.date(2021, 6, 1),
    )
    rows = read_csv(donor_client.get(export_url("activities"), {"funded_by": "norad"}))
    assert column(rows, "Activity") == ["Completed in period"]


def test_delegate_exports_only_their_administration(client, world):
    client.force_login(make_delegate(world["mali"]))
    assert column(read_csv(client.get(export_url("partners"))), "Country") == ["Mali"]
    assert column(read_csv(client.get(export_url("meetings"))), "Meeting") == ["Meeting with Mali"]
    assert client.get(export_url("commitments")).status_code == 403


# ---------------------------------------------------------------------------------------------------------------
# Query counts


def grow(n):
    for _ in range(n):
        partner = PartnerFactory()
        StatusChangeFactory(partner=partner)
        FundingAgreementFactory(partners=[partner])
        SideMeetingFactory(partner=partner).partner_participants.add(ContactFactory(partner=partner))
        CommitmentFactory(side_meeting__partner=partner)
        ActivityFactory(partner=partner)
        IndicatorValueFactory(indicator__outcome__plan__partner=partner)
        AssessmentScoreFactory(assessment__partner=partner, factor=factor(1))


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ALL_EXPORTS)
def test_export_query_count_does_not_grow_with_the_rows(staff_client, name, django_assert_num_queries):
    grow(2)
    few = queries_of(staff_client, export_url(name, "xlsx"))
    grow(10)
    with django_assert_num_queries(few):
        staff_client.get(export_url(name, "xlsx"))


# ---------------------------------------------------------------------------------------------------------------
# The list pages link their exports with the filters applied


@pytest.mark.parametrize(
    ("page", "export", "query"),
    [
        ("partners:list", "partners", {"region": "3", "cohort": "2019", "page": "1"}),
        ("meetings:list", "meetings", {"when": "past", "page": "1"}),
        ("meetings:commitments", "commitments", {"status": "done"}),
    ],
)
def test_list_page_links_its_exports_with_its_filters(staff_client, world, page, export, query):
    html = staff_client.get(reverse(page), query).content.decode()
    expected = "&amp;".join(f"{key}={value}" for key, value in query.items() if key != "page")
    for fmt in ("csv", "xlsx"):
        assert f'href="{export_url(export, fmt)}?{expected}"' in html


def test_commitment_list_links_the_export_of_what_it_shows_by_default(staff_client, world):
    html = staff_client.get(reverse("meetings:commitments")).content.decode()
    assert f'href="{export_url("commitments")}?status=open"' in html


@pytest.mark.parametrize("name", ALL_EXPORTS)
@pytest.mark.parametrize(
    "query",
    [{"year": "0"}, {"year": "99999999999999999999"}, {"period": "-1"}, {"partner": "nowhere"}, {"region": "abc"}],
)
def test_junk_in_the_query_string_never_breaks_an_export(staff_client, world, name, query):
    assert staff_client.get(export_url(name), query).status_code == 200
