"""Texts longer than the limits that the next migration (text_limits) sets are shortened first, or its CHECK
constraints could not be added.

Nothing is lost: the record's history keeps the full text (a version is added first when the history does not hold
it), and the shortened version says why, in the history's reason for the change. A model without a history has no
such place: migrating stops instead, and says which rows to shorten by hand.
"""

from django.db import migrations
from django.db.models.functions import Length
from django.utils import timezone

#: (model, field, limit): the limits of acip.lib.fields, copied as a migration must (no imports from app code).
LIMITS = [
    ("Programme", "objective", 2000),
    ("Phase", "description", 2000),
    ("FundingAgreement", "notes", 5000),
    ("IntegrityFactor", "description", 2000),
]

REASON = "Shortened to the new limit of {limit:,} characters; the version before holds the full text."


def _record(history, row, reason):
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    history.objects.create(
        **values, history_date=timezone.now(), history_type="~", history_change_reason=reason, history_user=None
    )


def shorten(apps, schema_editor):
    for model_name, field, limit in LIMITS:
        model = apps.get_model("acip", model_name)
        too_long = list(model.objects.annotate(text_length=Length(field)).filter(text_length__gt=limit))
        if not too_long:
            continue
        try:
            history = apps.get_model("acip", f"Historical{model_name}")
        except LookupError:
            ids = ", ".join(str(row.pk) for row in too_long)
            raise RuntimeError(
                f"acip.{model_name}.{field} is longer than {limit} characters in the rows {ids}, and that model "
                "keeps no history to hold the full text: shorten them, then migrate again."
            ) from None
        for row in too_long:
            latest = history.objects.filter(id=row.pk).order_by("-history_date", "-history_id").first()
            if latest is None or getattr(latest, field) != getattr(row, field):
                _record(history, row, None)
            setattr(row, field, getattr(row, field)[: limit - 1].rstrip() + "\u2026")
            model.objects.filter(pk=row.pk).update(**{field: getattr(row, field)})
            _record(history, row, REASON.format(limit=limit))


class Migration(migrations.Migration):
    dependencies = [("acip", "0004_role_groups")]

    operations = [migrations.RunPython(shorten, migrations.RunPython.noop)]
