"""PostgreSQL only: a GIN index per kind of the search registry, over the very expression that the search matches
(`document_vector`, imported for that reason: a copy that drifted would leave the index unused). An expression
index rather than a stored generated column: the models belong to other apps and must also run on SQLite, where a
tsvector column cannot be computed; the index adds nothing to their tables and costs nothing on SQLite.

tests/search/test_postgresql.py checks that every kind of the registry has its index and that the query uses it."""

from django.db import migrations

from acip.search.migrations._indexes import add_indexes_of, remove_indexes_of

# (app, model, index name, the kind's fields as in acip/search/registry.py)
INDEXES = [
    ("partners", "PartnerAdministration", "search_partners_idx", ("country_name", "name", "acronym")),
    ("meetings", "Note", "search_notes_idx", ("text",)),
    ("meetings", "SideMeeting", "search_side_meetings_idx", ("purpose", "key_outcomes")),
    ("meetings", "Commitment", "search_commitments_idx", ("title", "description")),
    ("partners", "Activity", "search_activities_idx", ("title", "description")),
]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_text_search_configurations"),
        ("meetings", "0003_text_limits"),
        ("partners", "0006_indexes_for_last_event"),
    ]

    operations = [migrations.RunPython(add_indexes_of(INDEXES), remove_indexes_of(INDEXES))]
