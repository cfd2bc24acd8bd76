"""`reverse_one`: `reverse(viewname, args=[value])` for the links a list writes once per row.

Django's `reverse()` costs about 0.1 ms a call on this machine: it tries each pattern of the name and checks the
candidate against its regex. The dashboard's two heatmaps link 372 administrations, so that was a tenth of the page.
Here the URL is reversed once per view name, script prefix, URLconf and language with a marker in place of the
value, and a row's value is put in the marker's place. Only a value that `reverse()` would write unchanged
(letters, digits, "-" and "_": a slug, a UUID, a number) takes this path; anything else, and a URL whose converter
refuses the marker, is reversed as before.
"""

import functools
import re
import uuid

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_PLAIN = re.compile(r"[-A-Za-z0-9_]+")
# One marker per kind of value, each accepted by exactly the converters that accept every value of its kind: a
# slug's by str, slug and path; a UUID's by those and uuid; a number's by those and int. A converter that refuses
# the marker makes the value go through reverse() itself.
_MARKS = {
    str: "zqxjmarkzqxj",
    uuid.UUID: "1a2b3c4d-0000-4000-8000-00000000abcd",
    int: "990123456789",
}


@functools.lru_cache(maxsize=256)
def _pattern(viewname: str, kind: type, script_prefix: str, urlconf, language) -> tuple[str, str] | None:
    """The URL of `viewname` split around the marker of `kind`, or None where its converter refuses the marker."""
    mark = _MARKS[kind]
    try:
        url = reverse(viewname, args=[mark], urlconf=urlconf)
    except NoReverseMatch:
        return None
    if url.count(mark) != 1:
        return None
    before, after = url.split(mark)
    return before, after


@receiver(setting_changed)
def _forget_patterns(*, setting, **kwargs):
    """A test that swaps the URLconf (as Django's own URL caches are cleared then)."""
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()


def _kind(value) -> type | None:
    if isinstance(value, uuid.UUID):
        return uuid.UUID
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return int
    if isinstance(value, str) and _PLAIN.fullmatch(value):
        return str
    return None


def reverse_one(viewname: str, value) -> str:
    """`reverse(viewname, args=[value])`, the same string, without its cost for a plain value."""
    kind = _kind(value)
    # The language too: a translated pattern (i18n_patterns, gettext_lazy in a path) reverses differently in each.
    pattern = _pattern(viewname, kind, get_script_prefix(), get_urlconf(), get_language()) if kind else None
    if pattern is None:
        return reverse(viewname, args=[value])
    before, after = pattern
    return f"{before}{value}{after}"
