"""Reading one row of an uploaded table, cell by cell, with every wrong value named where a spreadsheet user sees it:
"row 7, column D (score)". The one place that says what a valid number, date, choice or required value is, for
every import and for CSV and Excel alike (tables.py gives both as text)."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

#: The spellings of a date that the import reads: ISO (what Excel cells become), then day first as in Europe.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
YES = {"yes", "y", "true", "1", "oui", "sí", "si", "x"}
NO = {"no", "n", "false", "0", "non", ""}


@dataclass(frozen=True)
class CellError:
    row: int
    column: str  # the column's letter, or "" for an error about the whole row or file
    header: str
    message: str

    def __str__(self):
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column %(column)s (%(header)s): %(message)s") % {
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "message": self.message,
        }


def normalise(text: str) -> str:
    """A header or a name as compared: case, spacing and underscores do not matter."""
    return re.sub(r"[\s_]+", " ", str(text)).strip().casefold()


class Row:
    """One data row: its spreadsheet number, its cells by column key, and the errors found in it."""

    def __init__(self, number: int, cells: list[str], positions: dict[str, int], headers: dict[str, str], errors):
        self.number = number
        self.cells = cells
        self.positions = positions
        self.headers = headers
        self.errors = errors
        self._errors_before = len(errors)

    @property
    def has_errors(self) -> bool:
        return len(self.errors) > self._errors_before

    def raw(self, key: str) -> str:
        index = self.positions.get(key)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def error(self, key: str, message: str) -> None:
        index = self.positions.get(key)
        column = get_column_letter(index + 1) if index is not None else ""
        self.errors.append(CellError(self.number, column, self.headers.get(key, key), message))

    def _present(self, key: str, required: bool) -> str | None:
        value = self.raw(key)
        if not value:
            if required:
                self.error(key, _("a value is required."))
            return None
        return value

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str | None:
        value = self._present(key, required)
        if value is None:
            return None if required else ""
        if max_length and len(value) > max_length:
            self.error(key, _("at most %(count)d characters.") % {"count": max_length})
            return None
        return value

    def integer(self, key: str, *, required: bool = False, minimum: int, maximum: int) -> int | None:
        value = self._present(key, required)
        if value is None:
            return None
        try:
            number = int(value)
        except ValueError:
            self.error(key, _("“%(value)s” is not a whole number.") % {"value": value})
            return None
        if not minimum <= number <= maximum:
            self.error(
                key,
                _("%(value)s is out of range (%(minimum)d to %(maximum)d).")
                % {"value": number, "minimum": minimum, "maximum": maximum},
            )
            return None
        return number

    def decimal(
        self, key: str, *, required: bool = False, places: int, minimum: Decimal | None = None, maximum=None
    ) -> Decimal | None:
        value = self._present(key, required)
        if value is None:
            return None
        try:
            number = Decimal(value.replace(",", ".") if value.count(",") == 1 and "." not in value else value)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.error(key, _("“%(value)s” is not a number.") % {"value": value})
            return None
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            self.error(
                key,
                _("%(value)s is out of range (%(minimum)s to %(maximum)s).")
                % {"value": value, "minimum": minimum, "maximum": maximum},
            )
            return None
        if number != round(number, places):
            self.error(key, _("at most %(count)d decimal places.") % {"count": places})
            return None
        return round(number, places)

    def date(self, key: str, *, required: bool = False) -> datetime.date | None:
        value = self._present(key, required)
        if value is None:
            return None
        for spelling in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value.split(" ")[0], spelling).date()
            except ValueError:
                continue
        self.error(key, _("“%(value)s” is not a date (write it as 2024-03-31).") % {"value": value})
        return None

    def choice(self, key: str, choices, *, required: bool = False) -> str | None:
        """A TextChoices value, written as its value or its label (in English or the user's language)."""
        value = self._present(key, required)
        if value is None:
            return None
        for option in choices:
            if normalise(value) in (normalise(option.value), normalise(option.label)):
                return option.value
        self.error(
            key,
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(str(option.value) for option in choices)},
        )
        return None

    def boolean(self, key: str, *, default: bool) -> bool | None:
        value = normalise(self.raw(key))
        if not value:
            return default
        if value in YES:
            return True
        if value in NO:
            return False
        self.error(key, _("write yes or no."))
        return None

    def email(self, key: str) -> str | None:
        value = self.text(key, max_length=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.error(key, _("“%(value)s” is not an e-mail address.") % {"value": value})
                return None
        return value
