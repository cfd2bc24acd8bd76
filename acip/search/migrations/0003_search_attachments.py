"""PostgreSQL only: the GIN index of the search registry's documents kind (attachment titles), as 0002 does for the
other kinds."""

from django.db import migrations

from acip.search.migrations._indexes import add_indexes_of, remove_indexes_of

INDEXES = [("documents", "Attachment", "search_attachments_idx", ("title",))]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_indexes"),
        ("documents", "0001_attachments"),
    ]

    operations = [migrations.RunPython(add_indexes_of(INDEXES), remove_indexes_of(INDEXES))]
