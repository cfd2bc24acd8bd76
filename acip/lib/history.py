"""Change history as staff read it on a page: when, who, what changed (old and new value) and the reason given.

Two readers build the same `HistoryEntry` rows, which `templates/includes/history.html` shows:

- `history_of(obj)`: every version of one record (a meeting, a side meeting, a commitment), in one query, each
  compared with the one before in memory (simple-history's `diff_against` would read the previous version again
  for every row);
- `latest_changes(model, ...)`: the latest versions of many records of one kind (the statuses of a country), in one
  query, each row carrying the previous version's fields through a window (`LAG` over the versions of the same
  record).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import F, QuerySet, Window
from django.db.models.functions import Lag
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

#: Fields no one edits: never listed as a change.
SKIPPED = {"id", "uuid", "created_at", "updated_at"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    #: a link to another record: named as changed, without reading the records linked before and after
    is_relation: bool = False


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    #: which record changed, where one history lists several ("Status: 3 Feb 2023"); empty on a record's own page
    record: str = ""


def person_name(user) -> str:
    """A user's full name, or their username when they have none ("" for no user)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def shown(model_field, value) -> str:
    """A field's value as the page writes it: a choice by its label, a date as "3 Feb 2023", 40.00 as "40"."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value)
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _action(history_type: str) -> str:
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}.get(history_type, history_type)


def _change(model_field, old, new) -> FieldChange:
    relation = model_field.is_relation
    return FieldChange(
        label=str(model_field.verbose_name).capitalize(),
        old="" if relation else shown(model_field, old),
        new="" if relation else shown(model_field, new),
        is_relation=relation,
    )


def history_of(obj) -> list[HistoryEntry]:
    """Every version of `obj`, newest first, with what changed from the version before (one query)."""
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    if not records:
        return []
    fields = [f for f in records[0].tracked_fields if f.editable and f.name not in SKIPPED]
    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            for model_field in fields:
                old, new = getattr(previous, model_field.attname), getattr(record, model_field.attname)
                if old != new:
                    changes.append(_change(model_field, old, new))
        action = _action(record.history_type)
        if record.history_type == "~" and not changes:
            # Saved with only its linked records changed (participants, delegates), which are kept elsewhere.
            action = _("Linked records updated")
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=person_name(record.history_user),
                action=action,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    entries.reverse()
    return entries


def latest_changes(
    model,
    *,
    filters: dict,
    fields: list[str],
    label: str,
    subject: Callable[[object], object],
    limit: int,
    related: tuple[str, ...] = (),
) -> list[HistoryEntry]:
    """The latest `limit` versions of the `model` records that match `filters`, newest first, each with what changed
    in `fields` (not relations) from the record's version before: one query. `label` and `subject(version)` name the
    record ("Status: 3 Feb 2023"); `related` is what `subject` reads through a relation."""
    previous = {
        f"previous_{name}": Window(
            Lag(name), partition_by=[F("id")], order_by=[F("history_date").asc(), F("history_id").asc()]
        )
        for name in fields
    }
    records: QuerySet = model.history.filter(**filters).select_related("history_user", *related)
    model_fields = [model._meta.get_field(name) for name in fields]
    entries = []
    for record in records.annotate(**previous).order_by("-history_date", "-history_id")[:limit]:
        changes = []
        if record.history_type == "~":
            for model_field in model_fields:
                old, new = getattr(record, f"previous_{model_field.name}"), getattr(record, model_field.name)
                if old != new:
                    changes.append(_change(model_field, old, new))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=person_name(record.history_user),
                action=_action(record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
                record=_("%(record)s: %(subject)s") % {"record": label, "subject": _named(subject(record))},
            )
        )
    return entries


def _named(value) -> str:
    return date_format(value) if isinstance(value, date) else str(value)
