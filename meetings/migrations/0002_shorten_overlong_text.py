"""Texts longer than the limits that the next migration (text_limits) sets are shortened first, or its CHECK
constraints could not be added; each record's history keeps the full text (acip.lib.migrations.shorten_overlong_text).
"""

from django.db import migrations

from acip.lib.migrations import shorten_overlong_text

#: (model, field, limit): the limits of acip.lib.fields, copied as a migration must (they may change later).
LIMITS = [
    ("Meeting", "theme", 2000),
    ("SideMeeting", "purpose", 2000),
    ("SideMeeting", "wco_participants", 1000),
    ("SideMeeting", "key_outcomes", 5000),
    ("Note", "text", 5000),
    ("Commitment", "description", 2000),
    ("Commitment", "closing_comment", 2000),
]


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(shorten_overlong_text("meetings", LIMITS), migrations.RunPython.noop)]
