"""The operations of the index migrations (0002 and after; a module whose name starts with _ is not a migration):
PostgreSQL only, a GIN index over the very expression that the search matches (`document_vector`, imported for that
reason: a copy that drifted would leave the index unused). Each migration lists its (app, model, index name, fields)
in INDEXES, the fields as in acip/search/registry.py; tests/search/test_text.py checks that the lists and the
registry agree."""

from django.contrib.postgres.indexes import GinIndex

from acip.search.text import document_vector


def _indexes(apps, indexes):
    for app_label, model_name, name, fields in indexes:
        yield apps.get_model(app_label, model_name), GinIndex(document_vector(*fields), name=name)


def add_indexes_of(indexes):
    def add_indexes(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for model, index in _indexes(apps, indexes):
                schema_editor.add_index(model, index)

    return add_indexes


def remove_indexes_of(indexes):
    def remove_indexes(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for model, index in _indexes(apps, indexes):
                schema_editor.remove_index(model, index)

    return remove_indexes
