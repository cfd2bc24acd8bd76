"""Model fields that every app's models share."""

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from acip.lib import forms as lib_forms

#: A few paragraphs: a note, a description, a summary, the outcomes of a side meeting.
LONG_TEXT = 5000
#: One paragraph: a reason, a purpose, a comment, a theme, an objective.
SHORT_TEXT = 2000
#: A list of names, one a line.
NAMES_TEXT = 1000


class LimitedTextField(models.TextField):
    """Free text with a maximum length (required), held to it everywhere a value can come from:

    - forms, the admin's included, through `LimitedTextFormField` (the message at the field, the browser's maxlength
      and the character counter of templates/django/forms/widgets/textarea.html);
    - `full_clean()`, which a plain TextField skips (its max_length is a form hint only);
    - the database, with a `text_length_limit` in the model's Meta.constraints (neither SQLite nor PostgreSQL
      limits a text column by itself), so that a bulk_create, the shell or a raw update cannot store more either.
      tests/acip/test_text_limits.py checks that every such field has its constraint, with the same number.
    """

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(lib_forms.MaxLengthValidator(max_length))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": lib_forms.LimitedTextFormField, **kwargs})


class TextLengthConstraint(models.CheckConstraint):
    """A CHECK that the database enforces; `full_clean()` leaves it to the field's own validator."""

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        # The field's MaxLengthValidator has already refused a longer text, with a message at the field; asking the
        # database the same question would cost a query (and a savepoint) on every save.
        return


def text_length_limit(field: str, max_length: int) -> TextLengthConstraint:
    """The database's side of a LimitedTextField's max_length: give both the same constant."""
    return TextLengthConstraint(
        condition=LessThanOrEqual(Length(field), max_length), name=f"%(class)s_{field}_max_length"
    )
