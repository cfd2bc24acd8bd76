"""How many filters of a list are in use, for its "Filters" button on a phone (includes/_filters_toggle.html)."""

from django import template

register = template.Library()

#: Query parameters that are not filters: where the list is, and how it is ordered.
NOT_FILTERS = {"page", "sort"}


@register.simple_tag
def active_filters(form) -> int:
    """The fields of a bound filter form that carry a value (a default a list applies counts, since it narrows)."""
    if not form.is_bound:
        return 0
    return sum(
        1
        for name in form.fields
        if name not in NOT_FILTERS and any(value not in ("", None) for value in form.data.getlist(name))
    )
