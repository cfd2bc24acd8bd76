"""Form fields that every app's forms share."""

from django import forms


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses an id beyond the database's integer range as an invalid choice.

    Django guards an exact lookup against such a number, not the `pk__in` lookup that this field makes, which would
    end in a server error (OverflowError on SQLite, out of range on PostgreSQL)."""

    MAX_ID = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = abs(int(str(pk))) > self.MAX_ID
            except ValueError:
                continue  # not a number at all: Django's own check answers
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)
