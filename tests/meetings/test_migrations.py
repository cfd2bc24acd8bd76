"""meetings/migrations/0002_shorten_overlong_text: a database with texts over the new limits migrates, and keeps
each full text in the record's history."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from meetings.models import Note
from tests.meetings.factories import NoteFactory

BEFORE = [("meetings", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_note_over_the_limit_is_shortened_and_its_history_keeps_the_full_text():
    short, long = NoteFactory(text="A short note."), NoteFactory(text="A note that will grow.")
    full_text = "A marker planted in a note. " * 3600  # 100,800 characters, as the probe stored
    old_apps = migrate(BEFORE)
    old_apps.get_model("meetings", "Note").objects.filter(pk=long.pk).update(text=full_text)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    long.refresh_from_db()
    assert len(long.text) == 5000 and long.text.endswith("\u2026")
    assert full_text.startswith(long.text[:-1])
    shortened, before = long.history.order_by("-history_date", "-history_id")[:2]
    assert before.text == full_text
    assert shortened.text == long.text
    assert shortened.history_change_reason == (
        "Shortened to the new limit of 5,000 characters; the version before holds the full text."
    )
    short.refresh_from_db()
    assert (short.text, short.history.count()) == ("A short note.", 1)
    assert Note.objects.count() == 2
