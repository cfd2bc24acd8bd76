"""PostgreSQL only: the `unaccent` extension and three text search configurations that use it, so that "securite"
finds "sécurité" (acip/search/text.py). Nothing on SQLite, whose search folds accents in Python.

CREATE EXTENSION needs a role that may create it (a superuser, or the database's owner on PostgreSQL 13+, unaccent
being a trusted extension)."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# name: (the configuration copied, the dictionary that follows unaccent for words with letters beyond ASCII)
CONFIGURATIONS = {
    "acip_english": ("english", "english_stem"),
    "acip_french": ("french", "french_stem"),
    "acip_simple": ("simple", "simple"),
}


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (parent, dictionary) in CONFIGURATIONS.items():
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        UnaccentExtension(),  # a no-op on any database but PostgreSQL
        migrations.RunPython(create_configurations, drop_configurations),
    ]
