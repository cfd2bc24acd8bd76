"""A record's history as staff read it on its page: when, who, what changed (old and new value) and the reason.

simple-history's `diff_against` reads the previous record (and any many-to-many history) once per row; here all
records come in one query and consecutive ones are compared in memory.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

SKIPPED = {"id", "uuid", "created_at", "updated_at"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    is_relation: bool = False


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _shown(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "isoformat") and not hasattr(value, "hour"):
        return date_format(value, "j M Y")
    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j M Y H:i")
    return str(value)


def history_of(obj) -> list[HistoryEntry]:
    """The object's history, newest first (one query)."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    if not records:
        return []
    fields = [f for f in records[0].tracked_fields if f.editable and f.name not in SKIPPED]
    actions = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            for model_field in fields:
                old, new = getattr(previous, model_field.attname), getattr(record, model_field.attname)
                if old != new:
                    relation = model_field.is_relation
                    changes.append(
                        FieldChange(
                            label=str(model_field.verbose_name).capitalize(),
                            old="" if relation else _shown(model_field, old),
                            new="" if relation else _shown(model_field, new),
                            is_relation=relation,
                        )
                    )
        action = actions.get(record.history_type, record.history_type)
        if record.history_type == "~" and not changes:
            # Saved with only its linked records changed (participants, delegates), which are kept elsewhere.
            action = _("Linked records updated")
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                action=action,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    entries.reverse()
    return entries
