import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from acip.lib.exports import XLSX_CONTENT_TYPE, Column, export_response, field
from tests.acip import exports_world
from tests.acip.exports_world import column, export_url, read_csv, read_xlsx
from tests.acip.factories import DonorFactory, FundingAgreementFactory, factor, region
from tests.acip.personas import make_delegate, make_donor_viewer
from tests.meetings.factories import CommitmentFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentScoreFactory,
    ContactFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

# The fixtures of the export world, asked for by name below.
world, staff_client, donor_client = exports_world.world, exports_world.staff_client, exports_world.donor_client


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


# ---------------------------------------------------------------------------------------------------------------
# The export endpoints


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


def test_heatmap_export_has_the_dashboards_rows(staff_client, world):
    query = {"region": region("WCA").pk}
    heatmap = staff_client.get(reverse("dashboard:home"), query).context["heatmap"]
    exported = read_xlsx(staff_client.get(export_url("heatmap", "xlsx"), query))
    assert column(exported, "Administration") == [row.partner.country_name for row in heatmap.rows]
    assert column(exported, "Administration") == ["Ghana", "Mali"]
    assert column(exported, str(factor(1))) == [44, 44]
    assert column(exported, str(factor(2))) == [None, None]


# ---------------------------------------------------------------------------------------------------------------
# What a donor viewer and a delegate get


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


@pytest.mark.parametrize("persona", ["delegate", "donor"])
@pytest.mark.parametrize("name", ["partners", "activities", "side_meetings"])
def test_a_readers_export_query_count_does_not_grow_with_the_rows(client, persona, name, django_assert_num_queries):
    """What a row links to is read through the access layer for a delegate or a donor viewer: in one query per
    link (per chunk of rows), not one per row."""
    partner = PartnerFactory()
    donor = DonorFactory()
    FundingAgreementFactory(donor=donor, partners=[partner])
    client.force_login(make_delegate(partner) if persona == "delegate" else make_donor_viewer(donor))

    def add(n):
        for _ in range(n):
            outcome = OutcomeFactory(plan__partner=partner, plan__tier="donors")
            ActivityFactory(partner=partner, tier="donors", outcome=outcome)
            side_meeting = SideMeetingFactory(partner=partner, tier="donors")
            side_meeting.partner_participants.add(ContactFactory(partner=partner))
            FundingAgreementFactory(partners=[partner])

    add(2)
    few = queries_of(client, export_url(name, "xlsx"))
    add(10)
    with django_assert_num_queries(few):
        client.get(export_url(name, "xlsx"))


# ---------------------------------------------------------------------------------------------------------------
# The list pages link their exports with the filters applied


@pytest.mark.parametrize(
    ("page", "export", "query"),
    [
        ("partners:list", "partners", {"region": "3", "cohort": "2019", "page": "1"}),
        ("meetings:list", "meetings", {"when": "past", "page": "1"}),
        ("meetings:commitments", "commitments", {"status": "done"}),
        ("dashboard:home", "heatmap", {"region": "3", "cohort": "2019", "page": "2"}),
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
