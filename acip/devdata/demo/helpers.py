"""Generic helpers of the demo loader, and the shorthands every part of it uses."""

import datetime
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)

D = datetime.date
UTC = datetime.UTC
ILLUSTRATIVE = "Illustrative"


def upsert(model: type[M], *, lookup: dict[str, Any], values: dict[str, Any] | None = None) -> M:
    """`update_or_create` that validates with `full_clean()` and saves only the fields whose value differs."""
    values = values or {}
    try:
        obj = model._default_manager.get(**lookup)
    except model.DoesNotExist:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            changed.append("updated_at")
        obj.save(update_fields=changed)
    return obj


def m2m_set(manager: Any, objs: list[models.Model]) -> None:
    """`manager.set(objs)` that touches nothing (and so records no history) when the set is already right."""
    wanted = {obj.pk for obj in objs}
    current = set(manager.values_list("pk", flat=True))
    if missing := wanted - current:
        manager.add(*missing)
    if extra := current - wanted:
        manager.remove(*extra)


def utc_at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
