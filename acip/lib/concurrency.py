"""Lost updates made visible: every edit form carries the version of the record it was opened on, and a save against
a newer version is refused, naming who changed what and when, with the form shown again holding both values.

The version is the record's `updated_at` (acip.models.TimeStampedModel), so no model needs a field of its own.

How to use it (every edit form of the project does, app and admin alike):

- The form: a ModelForm that extends `VersionedModelForm`. It declares a hidden field `opened_version`, the
  `updated_at` of the record it was opened on; `clean()` compares it with the row as stored, read under
  `select_for_update()`, and on a newer row calls `form.show_conflict(...)`, which refuses the save (see below). A
  form for a new record, or for a model without `updated_at`, carries an empty version and checks nothing.
- The service: re-read the row with `locked(obj, version=data.get(VERSION))` (acip.lib.services) inside its
  `transaction.atomic()`. Between the form's check and the service's lock another save can still land; `locked`
  then raises `EditConflict`, and nothing is written.
- The view: `acip.lib.forms.run_service(form, write)` turns an `EditConflict` into `form.show_conflict(conflict)`,
  as it turns a ValidationError into messages. The admin needs nothing more: its change view runs the form's
  `clean()` and the save in one transaction, so the lock taken by `clean()` holds until the row is written
  (acip.admin.HistoryAdmin and its inlines use `VersionedModelForm` and show the hidden field).

What `show_conflict` does to the form: a message at the top names who saved the record since it was opened, when,
and which fields they changed; the hidden version moves to the stored one, so that the next save goes through;
a field that the person left as they found it takes the stored value (their edit never reverts someone else's);
a field that both changed keeps the person's value, with the stored one shown in a message at the field, to merge.

A post without a version (a script, an old test) is not checked: the forms always send one.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from acip.lib.history import person_name, shown

# Not "version": a country plan has a field of that name.
VERSION = "opened_version"

_UNKNOWN = object()


def version_of(obj: models.Model) -> str:
    """The version token of a stored record: its `updated_at`, to the microsecond."""
    updated_at = getattr(obj, "updated_at", None)
    return updated_at.isoformat() if obj.pk is not None and updated_at else ""


def parse_version(value) -> datetime.datetime | None:
    """The datetime of a version token; None for an empty one. ValueError for anything else."""
    if isinstance(value, datetime.datetime):
        return value
    if not value:
        return None
    parsed = datetime.datetime.fromisoformat(str(value))
    if timezone.is_naive(parsed):
        raise ValueError("a version is an aware datetime")
    return parsed


@dataclass(frozen=True)
class Change:
    who: str
    when: datetime.datetime


class EditConflict(Exception):
    """`current` (the row as stored now) is newer than the version `opened` that the form was opened on."""

    def __init__(self, current: models.Model, opened: datetime.datetime):
        super().__init__(f"{current._meta.label} {current.pk} changed since {opened.isoformat()}")
        self.current = current
        self.opened = opened

    def _history(self):
        return getattr(type(self.current), "history", None)

    def opened_record(self) -> models.Model | None:
        """The record as the form showed it, from its history (None where the history does not reach back)."""
        history = self._history()
        if history is None:
            return None
        record = history.filter(id=self.current.pk, updated_at=self.opened).order_by("-history_date").first()
        return record.instance if record is not None else None

    def changes(self) -> list[Change]:
        """Who saved the record since it was opened, and when, oldest first."""
        history = self._history()
        if history is None:
            return [Change(who=_("another user"), when=self.current.updated_at)]
        records = (
            history.filter(id=self.current.pk, updated_at__gt=self.opened)
            .select_related("history_user")
            .order_by("history_date")
        )
        found = [Change(who=person_name(r.history_user) or _("another user"), when=r.history_date) for r in records]
        return found or [Change(who=_("another user"), when=self.current.updated_at)]


def check_version(current: models.Model, opened: datetime.datetime | None) -> None:
    """Raise EditConflict when the stored `current` is not the version `opened` (None: nothing to check)."""
    if opened is not None and getattr(current, "updated_at", opened) != opened:
        raise EditConflict(current, opened)


def _comparable(value):
    """One shape for a form's cleaned value and a model's value: ids for rows, sorted ids for several."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(_comparable(item) for item in value)
    return value


def _shown(current: models.Model, name: str) -> str:
    """A stored value as the record's history writes it, for the message at the field."""
    model_field = current._meta.get_field(name)
    if model_field.many_to_many:
        return ", ".join(str(item) for item in getattr(current, name).all()) or "—"
    if model_field.is_relation:
        return str(getattr(current, name) or "—")
    return shown(model_field, getattr(current, name))


class VersionField(forms.CharField):
    """The hidden version: its value is judged by the form (`clean_opened_version`), whose message shows at the top
    of the form, not at a field nobody sees."""

    widget = forms.HiddenInput

    def clean(self, value):
        return value


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that carries the version it was opened on and refuses to overwrite a newer one."""

    version_error = gettext_lazy("This form is out of date: open the record again and redo your change.")

    opened_version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial[VERSION] = version_of(self.instance)

    def clean_opened_version(self):
        if self.instance.pk is None:
            return None
        try:
            return parse_version(self.cleaned_data.get(VERSION))
        except (TypeError, ValueError, OverflowError):
            # At the top of the form: the field itself is hidden.
            self.add_error(None, self.version_error)
            return None

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get(VERSION)
        if self.instance.pk is not None and opened is not None:
            # The admin runs clean() and the save in one transaction: the lock holds until its row is written. The
            # app's services lock the row again (acip.lib.services.locked) for the race between the two.
            with transaction.atomic():
                current = type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk).first()
            if current is not None:
                try:
                    check_version(current, opened)
                except EditConflict as conflict:
                    self.show_conflict(conflict)
        return cleaned_data

    def show_conflict(self, conflict: EditConflict) -> None:
        """Refuse the save and show the form again for merging (see the module's docstring)."""
        current, opened_row = conflict.current, conflict.opened_record()
        data = self.data.copy()
        data[self.add_prefix(VERSION)] = version_of(current)
        model_fields = {f.name for f in current._meta.get_fields() if getattr(f, "editable", False)}
        changed_by_them = []
        for name, field in self.fields.items():
            if name not in model_fields or name not in self.cleaned_data:
                continue
            theirs = model_to_dict(current, fields=[name]).get(name)
            opened = _UNKNOWN
            if opened_row is not None and not current._meta.get_field(name).many_to_many:
                opened = model_to_dict(opened_row, fields=[name]).get(name)
            mine, theirs_c = _comparable(self.cleaned_data[name]), _comparable(theirs)
            if opened is not _UNKNOWN and _comparable(opened) == theirs_c:
                continue  # they left it alone: yours stands
            if opened is not _UNKNOWN or mine != theirs_c:
                changed_by_them.append(str(field.label or name))
            if mine == theirs_c:
                continue
            if opened is not _UNKNOWN and mine == _comparable(opened):
                self._put(data, name, theirs)  # you left it alone: theirs stands, yours would revert it
                continue
            self.add_error(
                name,
                _("Saved meanwhile as: %(value)s. Yours is in the field: keep it, or take theirs.")
                % {"value": _shown(current, name)},
            )
        changes = conflict.changes()
        people = ", ".join(dict.fromkeys(change.who for change in changes))
        when = formats.date_format(timezone.localtime(changes[-1].when), "DATETIME_FORMAT")
        what = ", ".join(changed_by_them) or _("this record")
        self.add_error(
            None,
            _(
                "%(who)s changed %(what)s on %(when)s, after you opened this form. Nothing of yours was saved. Their "
                "values are shown with yours: merge the two and save again."
            )
            % {"who": people, "what": what, "when": when},
        )
        self.data = data

    def _put(self, data, name: str, value) -> None:
        """Write a stored value into the form's data, as its widget would post it."""
        key = self.add_prefix(name)
        widget = self.fields[name].widget
        if isinstance(widget, forms.MultiWidget):
            for suffix, part in zip(widget.widgets_names, widget.decompress(value), strict=True):
                data[f"{key}{suffix}"] = "" if part is None else str(part)
        elif isinstance(value, list | tuple | models.QuerySet):
            data.setlist(key, [str(_comparable(item)) for item in value])
        elif value is True:
            data[key] = "on"
        elif value is None or value is False:
            data.pop(key, None)
        else:
            data[key] = str(_comparable(value))
