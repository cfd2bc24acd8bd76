"""The stage and health badges as tags: one `format_html` each, where an `{% include %}` of their template per row
cost a template render with its own context (a donor view of a hundred administrations and as many indicators
rendered three hundred of them). The templates `partners/_stage_badge.html` and `_health_badge.html` call these
tags, so the markup lives here alone."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

#: the sign before a health's label, for those who do not tell the colours apart (hidden from screen readers)
HEALTH_SIGNS = {"on_track": "✓", "at_risk": "!", "off_track": "✕"}


@register.simple_tag
def health_badge(value, label):
    sign = HEALTH_SIGNS.get(value)
    return format_html(
        '<span class="badge health-badge health-{}">{}{}</span>',
        value or "no_data",
        format_html('<span aria-hidden="true">{}</span> ', sign) if sign else "",
        label or _("No status"),
    )


@register.simple_tag
def stage_badge(label):
    return format_html('<span class="badge stage-badge">{}</span>', label or _("No status yet"))
