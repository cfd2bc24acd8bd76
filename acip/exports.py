"""CSV and Excel writers: one function takes column definitions and rows and answers the file.

Knows nothing of the apps: callers pass rows already scoped to the user (`visible_to`) and columns already chosen for
the user's role. Values are written as their type (dates as dates, amounts as numbers in Excel); text that a
spreadsheet would run as a formula is written as plain text, so an exported note cannot execute anything.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: A cell starting with one of these is a formula to Excel and LibreOffice (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class ExportFormatConverter:
    """URL converter for the file extension of an export: `partners.<export_format:fmt>`."""

    regex = "csv|xlsx"

    def to_python(self, value: str) -> ExportFormat:
        return ExportFormat(value)

    def to_url(self, value) -> str:
        return str(value)


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading and how to read the value from a row."""

    header: str
    value: Callable[[Any], Any]


def field(header: str, path: str) -> Column:
    """A column reading an attribute path (`"partner.region.name"`); a missing link along the path gives a blank."""

    def read(row):
        for name in path.split("."):
            row = row.get(name) if isinstance(row, dict) else getattr(row, name, None)
            if row is None:
                return None
        return row

    return Column(header, read)


def export_response(
    *, columns: Sequence[Column], rows: Iterable[Any], fmt: ExportFormat | str, filename: str
) -> HttpResponse:
    """The rows as a CSV or an Excel (.xlsx) download named `<filename>-<today>.<fmt>`."""
    fmt = ExportFormat(fmt)
    name = f"{filename}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    headers = [str(column.header) for column in columns]
    table = ([_plain(column.value(row)) for column in columns] for row in rows)
    if fmt == ExportFormat.CSV:
        response = _csv(headers, table)
    else:
        response = _xlsx(headers, table, sheet_title=filename)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_links(request, url_name: str, **kwargs) -> dict[str, str]:
    """The CSV and Excel URLs of an export carrying the page's query string (its filters), without the page number.

    For `{% include "includes/_export_links.html" with csv_url=export.csv_url xlsx_url=export.xlsx_url only %}`.
    """
    query = request.GET.copy()
    query.pop("page", None)
    return export_links_for(url_name, query.urlencode(), **kwargs)


def export_links_for(url_name: str, query: str = "", **kwargs) -> dict[str, str]:
    """The CSV and Excel URLs of an export with the given (already encoded) query string."""
    suffix = f"?{query}" if query else ""
    return {f"{fmt}_url": reverse(url_name, kwargs={**kwargs, "fmt": fmt.value}) + suffix for fmt in ExportFormat}


def _plain(value):
    """A value a spreadsheet cell can hold: text for choices and lazy strings, local time without a zone."""
    if value is None:
        return None
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    return str(value)


def _csv(headers: list[str], table: Iterable[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    # The byte-order mark makes Excel read the file as UTF-8 (accents in names, French and Spanish labels).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(headers)
    for values in table:
        writer.writerow(["" if value is None else _csv_safe(value) for value in values])
    return response


def _csv_safe(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


def _xlsx(headers: list[str], table: Iterable[list], *, sheet_title: str) -> HttpResponse:
    # write_only streams the rows out instead of holding a cell object per value.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_xlsx_cell(sheet, header, font=bold) for header in headers])
    for values in table:
        sheet.append([_xlsx_cell(sheet, value) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)


def _xlsx_cell(sheet, value, *, font=None) -> WriteOnlyCell:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl turns a string starting with "=" into a formula; an export holds data, never formulas.
        cell.data_type = "s"
    if isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    if font is not None:
        cell.font = font
    return cell
