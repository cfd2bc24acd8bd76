"""The steps that every app's services share. One contract for every write (partners/services.py,
meetings/services.py):

    <noun>_save(*, <parent>=..., data: dict, <noun>: Model | None = None, reason: str = "") -> Model

`data` is a form's `cleaned_data` (or any dict of field values); the service writes only the fields of its own
list (`<NOUN>_FIELDS`, which the form's `Meta.fields` names too), so that nothing else a caller passes reaches the
row. An update re-reads the row under `select_for_update()` inside the service's transaction, so that the rule it
checks (a changed baseline needs a reason) is judged against the database, not against a form's copy, and so
that a row saved since the form was opened (`data["version"]`, acip/lib/concurrency.py) is refused.
"""

from collections.abc import Iterable
from typing import TypeVar

from django.db import models

from acip.lib.concurrency import check_version, parse_version

M = TypeVar("M", bound=models.Model)


def apply_fields(obj: models.Model, data: dict, fields: Iterable[str]) -> None:
    """Copy the values of `fields` that `data` holds onto `obj`; a field `data` does not name is left alone."""
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def locked(obj: M, *, version=None) -> M:
    """The row of `obj` read again under `select_for_update()`: call inside `transaction.atomic()`.

    `version` is the one the form was opened on (`data.get(VERSION)`, see acip/lib/concurrency.py): a row saved
    since raises EditConflict, before anything is written."""
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    check_version(current, parse_version(version))
    return current


def validated_save(obj: models.Model, *, reason: str = "") -> None:
    """`full_clean()` then `save()`, with the reason for the change handed to django-simple-history."""
    obj.full_clean()
    if reason:
        obj._change_reason = reason
    obj.save()
