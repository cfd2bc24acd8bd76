"""PostgreSQL's full-text search: every kind has its GIN index and the search uses it; stems in English and French,
accents, and short words that English drops. Skipped on SQLite (the suite runs on both in CI)."""

import pytest
from django.db import connection

from acip.search.registry import KINDS, KINDS_BY_KEY
from acip.search.selectors import matching
from tests.acip.personas import make_staff
from tests.meetings.factories import NoteFactory
from tests.partners.factories import PartnerFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search"),
]


def test_every_kind_has_its_index_and_the_search_uses_it():
    staff = make_staff()
    with connection.cursor() as cursor:
        # A handful of rows: the planner would read the table, or walk its primary key, or reach it through a joined
        # table's foreign key index. With plain and index scans off, only a bitmap scan is left, and only the search
        # index has a condition for one.
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan", "enable_nestloop"):
            cursor.execute(f"SET LOCAL {setting} = off")
        for kind in KINDS:
            rows = matching(kind, staff, ["iau"])
            table = rows.model._meta.db_table
            assert kind.index_name in connection.introspection.get_constraints(cursor, table), kind.key
            sql, params = rows.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert kind.index_name in plan, f"{kind.key}:\n{plan}"


def found(text, query) -> bool:
    note = NoteFactory(text=text)
    notes = KINDS_BY_KEY["notes"]
    return matching(notes, make_staff(), query.split()).filter(pk=note.pk).exists()


@pytest.mark.parametrize(
    "text, query",
    [
        ("Two agencies met.", "agency"),  # English stems
        ("Les douanes et la sécurité.", "douane securite"),  # French stems, without accents
        ("La SÉCURITÉ d'abord.", "sécurité"),
        ("The IT department", "IT"),  # a stop word in English, an acronym here: the simple configuration has it
        ("The IAU reported.", "iau"),
        ("Internal integrity e-learning", "e-learning"),
    ],
)
def test_the_configurations_find(text, query):
    assert found(text, query)


def test_an_unrelated_word_does_not_match():
    assert not found("The IAU reported.", "customs")


def test_partners_are_found_by_their_french_name():
    partner = PartnerFactory(name="Direction générale des douanes")
    rows = matching(KINDS[0], make_staff(), ["generale"])
    assert list(rows) == [partner]
