"""Helpers for tests that post Django admin forms."""

from django.forms import MultiWidget


def admin_form_data(response) -> dict:
    """The POST data that submits a rendered admin change form as it stands: the main form's and every inline form's
    current values, and the inlines' management forms. A test then changes only what it is about."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms.extend(formset.forms)
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
            elif value is not None and value is not False:
                data[bound.html_name] = value
    return data
