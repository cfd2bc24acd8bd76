"""The writes of participation: what a delegate sends, and what staff decide about it.

A decision re-reads its item under `select_for_update()` and refuses one that is no longer waiting, so that when
two members of staff decide the same item at once, one wins and the other is told (AlreadyDecided). An accepted
correction and an approved value are written by the record's own service (acip/participation/kinds.py,
partners.services.indicator_value_save), with the reason that both sides gave, so that the record's history says
who changed it and why; the item's own history keeps the decision.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acip.lib.concurrency import VERSION
from acip.lib.services import apply_fields, locked, validated_save
from acip.participation.kinds import KINDS, as_text
from acip.participation.models import (
    EDITABLE_STATES,
    Decision,
    PageConfirmation,
    Proposal,
    ReportState,
    ValueReport,
)
from partners.models import Indicator, IndicatorValue, PartnerAdministration
from partners.services import indicator_value_save

REPORT_FIELDS = ["period", "actual", "comment"]


class AlreadyDecided(Exception):
    """The item was decided by someone else since the page was opened."""

    def __init__(self, item):
        super().__init__(str(item))
        self.item = item


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def page_confirm(
    *, partner: PartnerAdministration, user, confirmed_on: datetime.date, comment: str = ""
) -> PageConfirmation:
    confirmation = PageConfirmation(partner=partner, confirmed_by=user, confirmed_on=confirmed_on, comment=comment)
    validated_save(confirmation, reason=comment)
    return confirmation


@transaction.atomic
def proposals_create(*, partner: PartnerAdministration, kind: str, record, values: dict, comment: str, user):
    """One proposal per field whose value the delegate changed, each keeping the value the record had then."""
    spec = KINDS[kind]
    proposals = []
    for name, value in values.items():
        proposal = Proposal(
            partner=partner,
            kind=kind,
            target_id=record.pk,
            target_label=spec.label(record),
            field=name,
            current_value=spec.current(record, name),
            proposed_value=as_text(value),
            comment=comment,
            proposed_by=user,
        )
        validated_save(proposal, reason=comment)
        proposals.append(proposal)
    return proposals


def _decide(item, *, state: str, comment: str, user) -> None:
    item.state = state
    item.decided_by = user
    item.decided_at = timezone.now()
    item.decision_comment = comment
    validated_save(item, reason=comment or item.get_state_display())


@transaction.atomic
def proposal_decide(*, proposal: Proposal, decision: str, comment: str, user) -> Proposal:
    """Accept, reject or return a waiting proposal. Accepting writes the change through the record's service; a
    record gone or closed since (a commitment closed meanwhile), or whose field was changed since the proposal, is a
    ValidationError, and nothing is decided."""
    proposal = Proposal.objects.select_for_update().select_related("partner", "proposed_by").get(pk=proposal.pk)
    if proposal.state != Decision.PENDING:
        raise AlreadyDecided(proposal)
    if decision == Decision.ACCEPTED:
        spec = KINDS[proposal.kind]
        record = spec.records(user, proposal.partner).filter(pk=proposal.target_id).first()
        if record is None:
            raise ValidationError(_("The record of this proposal no longer exists or can no longer be changed."))
        now = spec.current(record, proposal.field)
        if now != proposal.current_value:
            # Someone saved the field after the delegate proposed: accepting would overwrite a newer value unseen.
            raise ValidationError(
                _(
                    "The record was changed after this was proposed (“%(then)s” then, “%(now)s” now): return it to "
                    "the delegate, or make the change on the record yourself."
                )
                % {"then": proposal.current_value or "—", "now": now or "—"}
            )
        reason = _("Proposed by %(name)s: %(comment)s") % {
            "name": _name(proposal.proposed_by),
            "comment": proposal.comment,
        }
        if comment:
            reason = f"{reason} ({comment})"
        spec.apply(record, proposal.field, proposal.proposed_value, reason, user)
    elif decision not in (Decision.REJECTED, Decision.RETURNED):
        raise ValidationError(_("Choose to accept, reject or return."))
    _decide(proposal, state=decision, comment=comment, user=user)
    return proposal


@transaction.atomic
def report_save(
    *,
    partner: PartnerAdministration,
    indicator: Indicator,
    data: dict,
    user,
    report: ValueReport | None = None,
    submit: bool = False,
) -> ValueReport:
    """Save a draft of a reported value, or submit it for review. A submitted or decided report is not changed."""
    if report:
        report = locked(report, version=data.get(VERSION))
        if report.state not in EDITABLE_STATES:
            raise ValidationError(_("This report is already submitted: it can no longer be changed."))
    else:
        report = ValueReport(partner=partner, indicator=indicator, reported_by=user)
    apply_fields(report, data, REPORT_FIELDS)
    if submit:
        report.state = ReportState.SUBMITTED
        report.submitted_at = timezone.now()
    validated_save(report, reason=report.comment)
    return report


@transaction.atomic
def report_decide(*, report: ValueReport, decision: str, comment: str, user) -> ValueReport:
    """Approve a submitted report (it becomes the indicator's actual for the year, with history), return it to the
    delegate with a comment, or reject it."""
    report = ValueReport.objects.select_for_update().select_related("indicator", "reported_by").get(pk=report.pk)
    if report.state != ReportState.SUBMITTED:
        raise AlreadyDecided(report)
    states = {
        Decision.ACCEPTED: ReportState.APPROVED,
        Decision.RETURNED: ReportState.RETURNED,
        Decision.REJECTED: ReportState.REJECTED,
    }
    if decision not in states:
        raise ValidationError(_("Choose to accept, reject or return."))
    if decision == Decision.ACCEPTED:
        value = IndicatorValue.objects.filter(indicator=report.indicator, period=report.period).first()
        reason = _("Reported by %(name)s") % {"name": _name(report.reported_by)}
        if report.comment:
            reason = f"{reason}: {report.comment}"
        if comment:
            reason = f"{reason} ({comment})"
        indicator_value_save(
            indicator=report.indicator,
            value=value,
            data={"period": report.period, "actual": report.actual},
            reason=reason,
        )
    _decide(report, state=states[decision], comment=comment, user=user)
    return report
