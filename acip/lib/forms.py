"""Form fields that every app's forms share, and the two steps by which every edit view runs its form."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.deconstruct import deconstructible
from django.utils.formats import localize, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from acip.lib.concurrency import EditConflict


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and expects ISO dates whatever the language of the page."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


T = TypeVar("T")


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


@deconstructible
class MaxLengthValidator(validators.MaxLengthValidator):
    """Django's check, with a message that reads as advice and numbers grouped as the language writes them
    (5,000 in English, 5 000 in French) where Django's reads "Ensure this value has at most 5000 characters"."""

    message = _("Shorten this to %(limit_value)s characters at most (it has %(show_value)s).")

    def __call__(self, value):
        length = self.clean(value)
        if self.compare(length, self.limit_value):
            raise forms.ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit_value": number_format(self.limit_value, force_grouping=True),
                    "show_value": number_format(length, force_grouping=True),
                    "value": value,
                },
            )


def _lf(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class LimitedTextFormField(forms.CharField):
    """The form field of `acip.lib.fields.LimitedTextField`, or of any free text up to `max_length`.

    A browser counts a line break as one character for a textarea's maxlength (and in the counter), but sends it as
    two (CRLF): the text is stored with plain line feeds, so that what the browser let through is what is counted.
    """

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [
            MaxLengthValidator(max_length) if type(validator) is validators.MaxLengthValidator else validator
            for validator in self.validators
        ]

    def to_python(self, value):
        return super().to_python(_lf(value))

    def has_changed(self, initial, data):
        return super().has_changed(_lf(initial), data)


class BoundField(forms.BoundField):
    """Links a textarea that has a maxlength to its character counter (`<id>_count`, which the widget's template
    renders right after it) for a screen reader, after its help text and errors."""

    @property
    def aria_describedby(self):
        describedby = super().aria_describedby
        widget = self.field.widget
        if describedby is None or not isinstance(widget, forms.Textarea) or not widget.attrs.get("maxlength"):
            return describedby
        widget_id = widget.attrs.get("id") or self.auto_id
        if not widget_id or self.is_hidden:
            return describedby
        return " ".join(part for part in (describedby, f"{widget_id}_count") if part)


class FormRenderer(TemplatesSetting):
    """Renders widgets with the project's templates (templates/django/forms/ first, then Django's own), so that every
    form, crispy and admin alike, gets the character counter of templates/django/forms/widgets/textarea.html.

    A select is written in Python instead, the same HTML as Django's select.html: that template includes a template
    for each option, which cost the filter forms more than the rest of their page (the administrations filter has one
    option per country: about 40 ms of the commitments list's CPU at scale). tests/acip/test_forms_select.py compares
    the two."""

    bound_field_class = BoundField

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = select_html(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def select_html(widget: dict) -> str | None:
    """Django's select.html and select_option.html for `widget` (a Select's context), or None for an option of
    another template, left to the templates."""
    parts = [format_html('<select name="{}"{}>', widget["name"], _attrs_html(widget["attrs"]))]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', _shown(group_name)))
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    _as_string(option["value"]),
                    _attrs_html(option["attrs"]),
                    _shown(option["label"]),
                )
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, _as_string(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


def _as_string(value):
    """The `stringformat:'s'` filter: a string, still marked safe when it was."""
    return value if isinstance(value, SafeData) else str(value)


def _shown(value):
    """A value as `{{ }}` shows it: localized (a number's separators)."""
    return localize(value)


class DecimalField(forms.DecimalField):
    """A decimal field whose "has it changed?" survives a signalling NaN.

    Django's answer compares the typed value with the stored one, and a typed "sNaN" raises instead of answering
    (the admin asks every form, and a formset every row, before validation would refuse it). It is not a number, so
    it is a change, and validation then gives its message. Every form of the project uses this field for a model's
    DecimalField (the admin through acip.admin's FORMFIELD_OVERRIDES)."""

    def has_changed(self, initial, data):
        try:
            return super().has_changed(initial, data)
        except ArithmeticError:
            return True


def bound_data(request):
    """The data to bind a page's form to: the POST of a POST (an empty one too, so that its mistakes are shown),
    nothing on a GET."""
    return request.POST if request.method == "POST" else None


def run_service(form: forms.BaseForm, write: Callable[[], T]) -> T | None:
    """Run a service for a valid form. A rule that the service enforces (a race past the form's own checks) becomes
    a message on the form, next to its field where the form has one, and a save against a newer version of the row
    becomes the form's conflict (acip/lib/concurrency.py); the answer is then None: show the form again.
    Every edit view of every app saves through this one helper."""
    try:
        return write()
    except EditConflict as conflict:
        form.show_conflict(conflict)
        return None
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None
