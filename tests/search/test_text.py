"""The parts of search that hold on every database: the words of a query, folding, highlighting, and the registry
against the migration that indexes it."""

import importlib
from pathlib import Path

from acip.search import migrations
from acip.search.registry import KINDS
from acip.search.text import fold, from_headline, highlight, snippet, words_of


def test_a_query_is_its_words_and_nothing_else():
    assert words_of("IAU & (x|y):* 'sécurité' -- 2024") == ["IAU", "x", "y", "sécurité", "2024"]
    assert words_of("&|!():*<->") == []


def test_folding_drops_accents_and_capitals():
    assert fold("SÉCURITÉ Straße") == "securite strasse"


def test_highlighting_escapes_the_text_and_marks_the_words():
    assert highlight("<b>IAU</b> & Sécurité", ["iau", "securite"]) == (
        "&lt;b&gt;<mark>IAU</mark>&lt;/b&gt; &amp; <mark>Sécurité</mark>"
    )


def test_a_headline_is_escaped_between_its_marks():
    expected = "&lt;i&gt;<mark>IAU</mark>&lt;/i&gt; &amp; <mark>x</mark>"
    assert from_headline("<i>\x02IAU\x03</i> & \x02x\x03") == expected


def test_a_long_text_is_cut_around_its_first_match():
    text = "word " * 100 + "IAU here " + "tail " * 100
    cut = snippet(text, ["iau"])
    assert cut.startswith("… ") and cut.endswith(" …")
    assert "<mark>IAU</mark>" in cut
    assert len(cut) < 300


def test_the_migrations_index_the_fields_that_the_registry_searches():
    """A kind added to the registry gets its index in a migration of its own, with an INDEXES list like 0002's."""
    indexed = {}
    for path in sorted(Path(migrations.__file__).parent.glob("0*.py")):
        module = importlib.import_module(f"{migrations.__name__}.{path.stem}")
        indexed |= {name: fields for _, _, name, fields in getattr(module, "INDEXES", [])}
    assert indexed == {kind.index_name: kind.fields for kind in KINDS}
