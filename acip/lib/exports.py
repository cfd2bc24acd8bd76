"""CSV and Excel writers: one function takes column definitions and rows and answers the file.

Knows nothing of the apps: each app's exports.py passes rows already scoped to the user (`visible_to`), from the
same selector as its list page, and columns already chosen for the user's role; `export_patterns` makes their URLs.
Values are written as their type (dates as dates, amounts as numbers in Excel); text that a spreadsheet would run
as a formula is written as plain text, so an exported note cannot execute anything.
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
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

#: Rows are read from the database in chunks of this many, so a large export does not sit in memory twice.
CHUNK = 2000
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


def display(path: str) -> Callable:
    """A column value: the label of a choice field (`get_<field>_display`)."""
    return lambda row: getattr(row, f"get_{path}_display")()


def shared(attribute: str) -> Callable:
    """A column value: free text of a text-tiered row, or a marker where it is not shared with the user."""
    return lambda row: getattr(row, attribute) if row.text_shared else gettext("Not shared")


def chunked(queryset) -> Iterable:
    """The rows of a queryset, read in chunks (an export holds every page of its list)."""
    return queryset.iterator(chunk_size=CHUNK)


#: An export: from the request, the columns for the user's role and the rows the list page shows.
Export = Callable[[Any], tuple[Sequence[Column], Iterable[Any]]]


def export_patterns(exports: dict[str, Export]) -> list:
    """The URLs `/<name>.<csv|xlsx>?<the list's filters>`, one per export, named after it (`side_meetings`)."""
    return [
        path(f"{name.replace('_', '-')}.<export_format:fmt>", _export_view, {"dataset": name, "make": make}, name=name)
        for name, make in exports.items()
    ]


@require_safe
def _export_view(request, fmt, dataset: str, make: Export):
    columns, rows = make(request)
    return export_response(columns=columns, rows=rows, fmt=fmt, filename=dataset.replace("_", "-"))


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


def export_links_for(url_name: str, query: str = "", **kwargs) -> dict[str, str]:
    """The CSV and Excel URLs of an export with the given (already encoded) query string; a page links its own
    filters' export with `{% querystring page=None %}` instead."""
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


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook of several (a report's section): its title, columns with their widths, and rows."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Any]
    #: each column's width in characters, in the columns' order; a missing one is 14
    widths: Sequence[int] = ()


def workbook_response(*, sheets: Sequence[Sheet], filename: str) -> HttpResponse:
    """An Excel download of several sheets, one per section of a report, each with a frozen bold header row, an
    autofilter over its rows, set column widths, and values written as their type (dates, numbers)."""
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet_def in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(sheet_def.title))
        sheet.freeze_panes = "A2"
        for index, _column in enumerate(sheet_def.columns, start=1):
            width = sheet_def.widths[index - 1] if index <= len(sheet_def.widths) else 14
            sheet.column_dimensions[get_column_letter(index)].width = width
        last = get_column_letter(max(len(sheet_def.columns), 1))
        sheet.auto_filter.ref = f"A1:{last}{len(sheet_def.rows) + 1}"
        sheet.append([_xlsx_cell(sheet, str(column.header), font=bold) for column in sheet_def.columns])
        for row in sheet_def.rows:
            sheet.append([_xlsx_cell(sheet, _plain(column.value(row))) for column in sheet_def.columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _sheet_title(title: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    return "".join(" " if char in "[]:*?/\\" else char for char in str(title))[:31]
