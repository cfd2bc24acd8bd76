"""Texts longer than the limits that the next migration (text_limits) sets are shortened first, or its CHECK
constraints could not be added; each record's history keeps the full text (acip.lib.migrations.shorten_overlong_text).
"""

from django.db import migrations

from acip.lib.migrations import shorten_overlong_text

#: (model, field, limit): the limits of acip.lib.fields, copied as a migration must (they may change later).
LIMITS = [
    ("Programme", "objective", 2000),
    ("Phase", "description", 2000),
    ("FundingAgreement", "notes", 5000),
    ("IntegrityFactor", "description", 2000),
]


class Migration(migrations.Migration):
    dependencies = [("acip", "0004_role_groups")]

    operations = [migrations.RunPython(shorten_overlong_text("acip", LIMITS), migrations.RunPython.noop)]
