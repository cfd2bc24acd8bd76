"""The search page, on whichever database the suite runs (SQLite and PostgreSQL in CI): what each role finds."""

import re

import pytest
from django.urls import reverse

from tests.meetings.factories import NoteFactory, SideMeetingFactory
from tests.search.conftest import shared_marker, staff_marker

pytestmark = pytest.mark.django_db


def search(client, q, **params):
    return client.get(reverse("search:results"), {"q": q, **params})


def text_of(response) -> str:
    """The page without the highlighting, as a reader reads it."""
    return re.sub(r"</?mark>", "", response.content.decode())


def test_staff_find_the_notes_that_name_the_iau(world):
    response = search(world.staff, "IAU")
    assert response.status_code == 200
    notes = text_of(response).split('data-testid="results-notes"')[1].split("</section>")[0]
    for marker in (staff_marker("A"), shared_marker("A"), staff_marker("B"), shared_marker("B")):
        assert marker in notes
    assert "<mark>IAU</mark>" in response.content.decode()


def test_a_delegate_finds_only_what_they_may_read(world):
    body = text_of(search(world.delegate, "IAU"))
    assert shared_marker("A") in body
    for marker in (staff_marker("A"), staff_marker("B"), shared_marker("B")):
        assert marker not in body


def test_a_delegate_gets_nothing_staff_only_on_each_kind_page(world):
    for kind in ("partners", "notes", "side_meetings", "commitments", "activities"):
        body = text_of(search(world.delegate, "marker", kind=kind))
        for marker in (staff_marker("A"), staff_marker("B"), shared_marker("B")):
            assert marker not in body, kind


def test_a_donor_viewer_finds_only_what_is_shared_with_donors(world):
    body = text_of(search(world.donor, "marker"))
    assert shared_marker("A") in body  # the note shared with donors
    assert "The IAU reports monthly" not in body  # shared with the partner only
    for marker in (staff_marker("A"), staff_marker("B"), shared_marker("B")):
        assert marker not in body


def test_the_staff_only_text_of_a_side_meeting_is_searched_for_staff_alone(world):
    assert staff_marker("A") in text_of(search(world.staff, "IAU", kind="side_meetings"))
    body = text_of(search(world.delegate, "IAU", kind="side_meetings"))
    assert staff_marker("A") not in body
    assert "0 matches" in body


def test_accents_and_capitals_do_not_matter(world):
    assert shared_marker("A") in text_of(search(world.staff, "SECURITE", kind="notes"))
    NoteFactory(side_meeting=SideMeetingFactory(partner=world.a), tier="staff", text="Plain securite here")
    body = text_of(search(world.staff, "sécurité", kind="notes"))
    assert "Plain securite here" in body
    assert "Sécurité des frontières" in body


def test_a_word_finds_longer_ones_it_begins(world):
    assert "Sécurité des frontières" in text_of(search(world.staff, "fronti", kind="notes"))


def test_every_word_must_match(world):
    body = text_of(search(world.staff, "IAU monthly", kind="notes"))
    assert "The IAU reports monthly" in body
    assert "The IAU opened a case" not in body


def test_partner_administrations_are_found_by_name_and_country(world):
    response = search(world.staff, "revenue")
    assert reverse("partners:detail", args=["ghana"]) in response.content.decode()
    assert reverse("partners:detail", args=["nepal"]) not in response.content.decode()


def test_text_is_escaped_and_only_the_match_is_marked(world):
    NoteFactory(side_meeting=SideMeetingFactory(partner=world.a), tier="staff", text='<script>alert("IAU")</script>')
    body = search(world.staff, "IAU", kind="notes").content.decode()
    assert "<script>alert" not in body
    assert "<mark>IAU</mark>" in body


def test_the_first_page_lists_five_per_kind_and_links_to_the_rest(world):
    side_meeting = SideMeetingFactory(partner=world.a)
    for number in range(6):
        NoteFactory(side_meeting=side_meeting, tier="staff", text=f"Rotation policy {number}")
    response = search(world.staff, "rotation")
    group = response.context["groups"][1]
    assert (group.kind.key, len(group.hits), group.has_more) == ("notes", 5, True)
    assert "kind=notes" in response.content.decode()


def test_a_kind_page_paginates(world):
    side_meeting = SideMeetingFactory(partner=world.a)
    for number in range(23):
        NoteFactory(side_meeting=side_meeting, tier="staff", text=f"Rotation policy {number}")
    first = search(world.staff, "rotation", kind="notes")
    assert len(first.context["hits"]) == 20
    assert "23 matches" in text_of(first)
    second = search(world.staff, "rotation", kind="notes", page=2)
    assert len(second.context["hits"]) == 3


def test_a_kind_page_counts_up_to_the_cap_and_says_there_are_more(world, monkeypatch):
    monkeypatch.setattr("acip.search.selectors.COUNT_CAP", 21)
    side_meeting = SideMeetingFactory(partner=world.a)
    for number in range(23):
        NoteFactory(side_meeting=side_meeting, tier="staff", text=f"Rotation policy {number}")
    first = search(world.staff, "rotation", kind="notes")
    assert "More than 21 matches: the latest 21 are listed." in text_of(first)
    assert "Page 1 of 2" in text_of(first)
    last = search(world.staff, "rotation", kind="notes", page=2)
    assert [hit.snippet for hit in last.context["hits"]] == ["<mark>Rotation</mark> policy 2"]  # the 21st latest


def test_a_kind_page_at_the_cap_exactly_counts_it(world, monkeypatch):
    monkeypatch.setattr("acip.search.selectors.COUNT_CAP", 23)
    side_meeting = SideMeetingFactory(partner=world.a)
    for number in range(23):
        NoteFactory(side_meeting=side_meeting, tier="staff", text=f"Rotation policy {number}")
    assert "23 matches" in text_of(search(world.staff, "rotation", kind="notes"))


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("search:results"), {"q": "IAU"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_navigation_has_the_search_box(world):
    body = world.delegate.get(reverse("meetings:list")).content.decode()
    assert f'action="{reverse("search:results")}"' in body
