"""Whatever a user types into the search box, or a URL carries, the page answers with a message, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.acip.personas import client_for, make_staff

pytestmark = pytest.mark.django_db

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def staff_client():
    return client_for(make_staff())


def errors_of(response):
    assert response.status_code == 200
    return response.context["form"].errors.get("q", [])


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "Type a word to search for."),
        ("   ", "Type a word to search for."),
        ("x" * 201, "Shorten this to 200 characters at most (it has 201)."),
        ("& | ! ( ) : * <-> ' \" \\ -", "Type a word or a number: punctuation and operators alone match nothing."),
        ("IAU\x00", "Null characters are not allowed."),
        ("a " * 13, "Use 12 words at most (this has 13)."),
    ],
)
def test_a_bad_query_gets_a_message(staff_client, query, message):
    response = staff_client.get(reverse("search:results"), {"q": query})
    assert errors_of(response) == [message]
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


@pytest.mark.parametrize(
    "params",
    [
        {"q": "IAU", "kind": "notes", "page": "abc"},
        {"q": "IAU", "kind": "notes", "page": "-1"},
        {"q": "IAU", "kind": "notes", "page": "9" * 40},
        {"q": "IAU", "kind": "notes", "page": "1e309"},
        {"q": "IAU", "kind": "notes", "page": "\x00"},
        {"q": "IAU", "kind": "no such kind"},
        {"q": "IAU", "kind": "\x00"},
        {"q": ["IAU", "two values"]},
        {"kind": "notes"},
    ],
)
def test_junk_in_the_address_gets_a_page(staff_client, params):
    assert staff_client.get(reverse("search:results"), params).status_code == 200


def test_the_page_without_a_query_explains_itself(staff_client):
    response = staff_client.get(reverse("search:results"))
    assert response.status_code == 200
    assert "Every word must match" in response.content.decode()


@given(q=st.text(max_size=60), page=st.text(max_size=8))
@SETTINGS
def test_any_text_gets_a_page(staff_client, q, page):
    for kind in ("", "notes"):
        response = staff_client.get(reverse("search:results"), {"q": q, "kind": kind, "page": page})
        assert response.status_code == 200


@given(q=st.text(alphabet="\x00\u202e\U0001f600'\"<>;%&|!():*-\\²①ǅ٣ß", max_size=12))
@SETTINGS
def test_operators_and_odd_characters_get_a_page(staff_client, q):
    assert staff_client.get(reverse("search:results"), {"q": q}).status_code == 200
