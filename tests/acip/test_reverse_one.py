"""acip.lib.urls.reverse_one writes the same URL as reverse(), or refuses as it does, for any value and prefix."""

import uuid

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, get_script_prefix, include, path, reverse, set_script_prefix
from hypothesis import example, given, settings
from hypothesis import strategies as st

import acip.lib.urls
from acip.lib.urls import reverse_one

# One link of each converter the models' links use: slug, uuid and int.
VIEWS = ["partners:detail", "meetings:detail", "meetings:side_meeting", "meetings:commitment", "editions:detail"]
VALUES = st.one_of(
    st.from_regex(r"[-A-Za-z0-9_]{1,20}", fullmatch=True),
    st.text(max_size=12),
    st.uuids(),
    st.integers(min_value=-5, max_value=10**12),
    st.booleans(),
)


def _either(call):
    try:
        return call()
    except NoReverseMatch:
        return NoReverseMatch


@settings(max_examples=150, deadline=None)
@given(view=st.sampled_from(VIEWS), value=VALUES, prefix=st.sampled_from(["/", "/acip/", "/a b/"]))
@example(view="partners:detail", value="ghana", prefix="/")
@example(view="meetings:detail", value=uuid.UUID("12345678-1234-5678-1234-567812345678"), prefix="/acip/")
@example(view="editions:detail", value=7, prefix="/")
@example(view="editions:detail", value="ghana", prefix="/")
@example(view="meetings:detail", value="ghana", prefix="/")
def test_the_same_url_as_reverse(view, value, prefix):
    before = get_script_prefix()
    set_script_prefix(prefix)
    try:
        assert _either(lambda: reverse_one(view, value)) == _either(lambda: reverse(view, args=[value]))
    finally:
        set_script_prefix(before)


def test_a_plain_value_is_put_in_place_without_reversing_again(monkeypatch):
    expected = {slug: reverse("partners:detail", args=[slug]) for slug in ("ghana", "cote-d-ivoire", "x_1")}
    reverse_one("partners:detail", "ghana")  # the pattern, reversed once
    calls = []
    monkeypatch.setattr(acip.lib.urls, "reverse", lambda *args, **kwargs: calls.append(args))

    assert {slug: reverse_one("partners:detail", slug) for slug in expected} == expected
    assert calls == []
    reverse_one("partners:detail", "a b")  # not plain: reversed as Django does
    assert len(calls) == 1


def _view(request, slug):
    raise AssertionError("never called")


# This module is the URLconf of the last test: the administrations' pages moved, the meetings' gone.
urlpatterns = [path("moved/", include(([path("p/<slug:slug>/", _view, name="detail")], "partners")))]


def test_a_swapped_urlconf_is_followed():
    assert reverse_one("partners:detail", "ghana") == "/partners/ghana/"  # remembered under the project's URLconf
    with override_settings(ROOT_URLCONF=__name__):
        assert reverse_one("partners:detail", "ghana") == "/moved/p/ghana/"
        with pytest.raises(NoReverseMatch):
            reverse_one("meetings:detail", uuid.uuid4())
    assert reverse_one("partners:detail", "ghana") == "/partners/ghana/"
