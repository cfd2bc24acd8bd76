import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from acip.exports import XLSX_CONTENT_TYPE, Column, export_response, field

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
