"""An uploaded CSV or Excel file read into a table of text cells.

Every cell is read as text (a date as its ISO form, a number as written), so that the CSV and the Excel paths meet in
one table and one set of checks (cells.py) decides what each value means. A file that is not a spreadsheet, or one
too big to preview, is refused with a message before anything else looks at it.
"""

import csv
import datetime
import hashlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook

#: A file larger than this is refused: the preview keeps its rows in the session until it is confirmed.
MAX_BYTES = 2 * 1024 * 1024
#: Rows (below the header) and columns read at most; 186 administrations x 2 groups x 10 factors is 3,720 rows.
MAX_ROWS = 5000
MAX_COLUMNS = 40


class FileRefused(Exception):
    """The upload cannot be read as a spreadsheet; its message says why, for the form."""


def read_table(uploaded) -> tuple[list[list[str]], str]:
    """The upload's rows as lists of text cells (the header first, trailing blank rows dropped) and the SHA-256 of
    its bytes. Raises FileRefused."""
    if uploaded.size > MAX_BYTES:
        raise FileRefused(_("The file is larger than 2 MB. Split it into smaller files."))
    content = uploaded.read()
    if not content:
        raise FileRefused(_("The file is empty."))
    name = (uploaded.name or "").lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise FileRefused(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))
    table = []
    for number, row in enumerate(rows):
        if number > MAX_ROWS:
            raise FileRefused(
                _("The file has more than %(count)d rows. Split it into smaller files.") % {"count": MAX_ROWS}
            )
        table.append([_text(value) for value in row[:MAX_COLUMNS]])
    while table and not any(table[-1]):
        table.pop()
    if not table:
        raise FileRefused(_("The file is empty."))
    return table, hashlib.sha256(content).hexdigest()


def _xlsx_rows(content: bytes) -> Iterable[Sequence]:
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise FileRefused(_("This file is not an Excel workbook (.xlsx)."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        # The first sheet only: a survey firm's workbook may add notes on others.
        return list(_limited(workbook.worksheets[0].iter_rows(values_only=True)))
    except FileRefused:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, BadZipFile, XML errors...) for a broken file
        raise FileRefused(_("This Excel file cannot be read. Save it again as .xlsx and retry.")) from None


def _limited(rows: Iterable) -> Iterable:
    for number, row in enumerate(rows):
        if number > MAX_ROWS + 1:
            raise FileRefused(
                _("The file has more than %(count)d rows. Split it into smaller files.") % {"count": MAX_ROWS}
            )
        yield row


def _csv_rows(content: bytes) -> list[list[str]]:
    if b"\x00" in content:
        raise FileRefused(_("This file is not a CSV file."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the Windows code page, not UTF-8.
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    # Excel in French (and Spanish) separates CSV fields with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(_limited(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error:
        raise FileRefused(_("This CSV file cannot be read.")) from None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # 72.5 stays 72.5, 3.0 becomes 3; repr keeps the digits the sheet holds, not a binary approximation.
        return repr(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal | int):
        return str(value)
    return str(value).strip()
