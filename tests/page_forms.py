"""Helpers for tests that post a page's own forms back, as a person who changes one field would."""

from django.forms import BaseForm, BaseFormSet, MultiWidget


def bound_data(*forms_or_formsets) -> dict:
    """The POST data that submits these forms (and formsets, with their management forms) as they stand."""
    data = {}
    forms = []
    for item in forms_or_formsets:
        if isinstance(item, BaseFormSet):
            management = item.management_form
            data.update({management.add_prefix(name): management[name].value() for name in management.fields})
            forms.extend(item.forms)
        else:
            forms.append(item)
    for form in forms:
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()
            widget = bound.field.widget
            if isinstance(widget, MultiWidget):
                for suffix, part in zip(widget.widgets_names, widget.decompress(value), strict=True):
                    data[f"{bound.html_name}{suffix}"] = "" if part is None else part
            elif value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(part) for part in value]
            elif value is not None and value is not False:
                data[bound.html_name] = value
    return data


def page_forms(response) -> list:
    """Every form and formset that the page's view handed to its template."""
    found = []
    for context in response.context:
        for value in context.flatten().values():
            if isinstance(value, BaseForm | BaseFormSet) and not any(value is seen for seen in found):
                found.append(value)
    return found


def all_rows() -> int:
    """How many rows the programme's tables hold, their history included: unchanged when nothing was written."""
    from django.apps import apps

    return sum(
        model.objects.count()
        for app in ("acip", "partners", "meetings")
        for model in apps.get_app_config(app).get_models()
    )


def text_of(length: int) -> str:
    """Lines of words with the browser's CRLF line breaks, `length` characters long once each counts as one (as the
    browser's maxlength counts them)."""
    text = ("A line of the record\n" * (length // 21 + 1))[: length - 1] + "."
    return text.replace("\n", "\r\n")
