"""Texts longer than the limits that the next migration (text_limits) sets are shortened first, or its CHECK
constraints could not be added; each record's history keeps the full text (acip.lib.migrations.shorten_overlong_text).
"""

from django.db import migrations

from acip.lib.migrations import shorten_overlong_text

#: (model, field, limit): the limits of acip.lib.fields, copied as a migration must (they may change later).
LIMITS = [
    ("StatusChange", "reason", 2000),
    ("CountryPlan", "general_outcome", 2000),
    ("Outcome", "description", 2000),
    ("IndicatorValue", "comment", 2000),
    ("Assessment", "summary", 5000),
    ("Activity", "description", 5000),
]


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_indexes_for_last_update_and_latest_assessment")]

    operations = [migrations.RunPython(shorten_overlong_text("partners", LIMITS), migrations.RunPython.noop)]
