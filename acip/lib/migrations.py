"""Steps that the migrations of more than one app run. A migration must keep working as the models change, so what is
here reads the models only through the migration's `apps` (their state at that migration), never through app code,
and must go on doing what it did for the migrations that already use it."""

from django.db.models.functions import Length
from django.utils import timezone

REASON = "Shortened to the new limit of {limit:,} characters; the version before holds the full text."


def shorten_overlong_text(app_label: str, limits: list[tuple[str, str, int]]):
    """A RunPython step that shortens the texts longer than their new limit, `limits` being (model, field, limit),
    before the migration that adds the limits' CHECK constraints (which could not be added otherwise).

    Nothing is lost: the record's history keeps the full text (a version is added first when the history does not
    hold it), and the shortened version says why, in the history's reason for the change. A model without a history
    has no such place: migrating stops instead, and says which rows to shorten by hand."""

    def shorten(apps, schema_editor):
        for model_name, field, limit in limits:
            _shorten(apps, app_label, model_name, field, limit)

    return shorten


def _shorten(apps, app_label: str, model_name: str, field: str, limit: int) -> None:
    model = apps.get_model(app_label, model_name)
    too_long = list(model.objects.annotate(text_length=Length(field)).filter(text_length__gt=limit))
    if not too_long:
        return
    try:
        history = apps.get_model(app_label, f"Historical{model_name}")
    except LookupError:
        ids = ", ".join(str(row.pk) for row in too_long)
        raise RuntimeError(
            f"{app_label}.{model_name}.{field} is longer than {limit} characters in the rows {ids}, and that model "
            "keeps no history to hold the full text: shorten them, then migrate again."
        ) from None
    for row in too_long:
        latest = history.objects.filter(id=row.pk).order_by("-history_date", "-history_id").first()
        if latest is None or getattr(latest, field) != getattr(row, field):
            _record(history, row, None)
        setattr(row, field, getattr(row, field)[: limit - 1].rstrip() + "\u2026")
        model.objects.filter(pk=row.pk).update(**{field: getattr(row, field)})
        _record(history, row, REASON.format(limit=limit))


def _record(history, row, reason):
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    history.objects.create(
        **values, history_date=timezone.now(), history_type="~", history_change_reason=reason, history_user=None
    )
