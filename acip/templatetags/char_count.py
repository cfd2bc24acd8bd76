"""The messages of a textarea's character counter (templates/django/forms/widgets/textarea.html), for
static/js/char-count.js to fill in."""

from django import template
from django.utils.html import format_html
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def char_count_messages():
    """Each message in its singular and its plural form, as data attributes with `%(count)s` left in.

    The script picks the form with the browser's Intl.PluralRules ("one" or "other"), which agree with gettext's
    rules for the site's languages, English and French (where 0 takes the singular)."""
    return format_html(
        'data-left-one="{}" data-left-other="{}" data-over-one="{}" data-over-other="{}"',
        ngettext("%(count)s character left", "%(count)s characters left", 1),
        ngettext("%(count)s character left", "%(count)s characters left", 2),
        ngettext("%(count)s character too many", "%(count)s characters too many", 1),
        ngettext("%(count)s character too many", "%(count)s characters too many", 2),
    )
