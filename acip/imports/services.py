"""Writing an import: the confirmed file is checked again against the database as it is now, and written in one
transaction only if it still has no error and would still do what its preview showed."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from acip.imports.specs import SPECS, Plan


class ImportChanged(Exception):
    """The records changed since the preview (or the file no longer passes): nothing was written."""

    def __init__(self):
        super().__init__(_("The records changed since the preview; nothing was imported."))


def import_plan(*, kind: str, table: list[list[str]], user) -> Plan:
    return SPECS[kind].plan(table, user)


def import_apply(*, kind: str, table: list[list[str]], user, digest: str, filename: str) -> Plan:
    """Write what the preview with `digest` showed, all or nothing; raises ImportChanged when the plan differs."""
    reason = _("Imported from %(file)s") % {"file": filename}
    try:
        with transaction.atomic():
            plan = import_plan(kind=kind, table=table, user=user)
            if plan.errors or plan.digest != digest:
                raise ImportChanged
            for obj in plan.writes:
                _link_saved_parents(obj)
                # The cells were checked by the plan; the model's own rules run once more, constraints by the save.
                obj.full_clean(validate_unique=False, validate_constraints=False)
                obj._change_reason = reason
                obj.save()
    except IntegrityError:
        # Someone saved the same record between the check and the write: the transaction is rolled back.
        raise ImportChanged from None
    return plan


def _link_saved_parents(obj) -> None:
    """Point a new row at a parent created earlier in the same import (a survey round before its scores)."""
    for model_field in obj._meta.concrete_fields:
        if model_field.is_relation and model_field.is_cached(obj) and getattr(obj, model_field.attname) is None:
            parent = model_field.get_cached_value(obj)
            if parent is not None:
                setattr(obj, model_field.attname, parent.pk)
