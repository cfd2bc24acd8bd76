"""What a delegate may propose to correct, kind by kind: the records of their page it applies to, the fields they
may change, and how an accepted change is written, through the same service as a staff edit (so that its rules,
the reason for the change among them, hold)."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acip.lib.forms import DateInput
from acip.participation.models import ProposalKind
from meetings.models import Commitment, CommitmentStatus
from meetings.services import commitment_close, commitment_save
from partners.models import Activity, Contact, IndicatorValue, StatusChange
from partners.services import activity_save, contact_save, indicator_value_save, status_change_record

#: The commitment "field" a delegate proposes to close: its status, to done.
DONE = "done"


@dataclass(frozen=True)
class Kind:
    kind: str
    model: type[models.Model]
    fields: tuple[str, ...]
    #: (record, field, value, reason, user) -> None: writes the accepted value through the record's service
    apply: Callable
    #: the lookup from the model to its administration
    partner_path: str = "partner"
    #: which of those records may be corrected (a status whose reason the user may read, an open commitment)
    only: dict | None = None

    def records(self, user, partner):
        """The records of this kind of the administration that `user` may see and correct."""
        return self.model.objects.visible_to(user).filter(**{self.partner_path: partner}, **(self.only or {}))

    def model_field(self, name: str):
        return self.model._meta.get_field(name)

    def form_field(self, name: str) -> forms.Field:
        if self.kind == ProposalKind.COMMITMENT and name == "status":
            return forms.BooleanField(label=_("Done"), required=False, help_text=_("Tick when it is done."))
        field = self.model_field(name).formfield(required=False)
        if isinstance(field, forms.DateField):
            field.widget = DateInput()
        return field

    def current(self, record, name: str) -> str:
        return as_text(getattr(record, name))

    def label(self, record) -> str:
        return str(record)[:300]


def as_text(value) -> str:
    """A value as the proposal keeps it (ISO dates, plain decimals, a choice's stored value)."""
    if value is None:
        return ""
    if value is True:
        return DONE
    return str(value)


def _parse(record, name: str, text: str):
    field = record._meta.get_field(name)
    if text == "" and field.null:
        return None
    return field.to_python(text)


def _status(record: StatusChange, name, text, reason, user):
    # Statuses are never edited: the corrected reason is a new status, same stage and health, effective today.
    status_change_record(
        partner=record.partner,
        effective_on=max(timezone.localdate(), record.effective_on),
        stage=record.stage,
        health=record.health,
        reason=text,
        tier=record.tier,
        recorded_by=user,
    )


def _contact(record: Contact, name, text, reason, user):
    contact_save(partner=record.partner, contact=record, data={name: _parse(record, name, text)}, reason=reason)


def _activity(record: Activity, name, text, reason, user):
    activity_save(partner=record.partner, activity=record, data={name: _parse(record, name, text)}, reason=reason)


def _value(record: IndicatorValue, name, text, reason, user):
    indicator_value_save(
        indicator=record.indicator, value=record, data={name: _parse(record, name, text)}, reason=reason
    )


def _commitment(record: Commitment, name, text, reason, user):
    if name == "status":
        commitment_close(commitment=record, user=user, status=CommitmentStatus.DONE, comment=reason)
    else:
        commitment_save(commitment=record, data={name: _parse(record, name, text)}, reason=reason)


KINDS: dict[str, Kind] = {
    kind.kind: kind
    for kind in [
        Kind(ProposalKind.STATUS, StatusChange, ("reason",), _status, only={"text_shared": True}),
        Kind(ProposalKind.CONTACT, Contact, ("name", "job_title", "email", "phone", "language"), _contact),
        Kind(
            ProposalKind.ACTIVITY,
            Activity,
            ("actual_start_on", "actual_end_on", "participants_women", "participants_men"),
            _activity,
        ),
        Kind(
            ProposalKind.INDICATOR_VALUE,
            IndicatorValue,
            ("actual", "source"),
            _value,
            partner_path="indicator__outcome__plan__partner",
        ),
        Kind(
            ProposalKind.COMMITMENT,
            Commitment,
            ("status", "due_on"),
            _commitment,
            only={"status": CommitmentStatus.OPEN},
        ),
    ]
}
