"""What a partner's delegates send the programme: a confirmation that their page is accurate, proposals to correct
a record of their page, and the indicator values they report. Nothing they send changes a programme record until a
member of staff accepts it, through the same service as a staff edit (acip/participation/services.py).

On top of the house: reads partners and meetings, which never import this app (they reach the confirmations through
the reverse relation `partner.confirmations`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from acip.access import ScopedQuerySet
from acip.lib.fields import SHORT_TEXT, LimitedTextField, text_length_limit
from acip.models import TimeStampedModel
from meetings.models import Commitment
from partners.models import Activity, Contact, Indicator, IndicatorValue, PartnerAdministration, StatusChange


class ConfirmationQuerySet(ScopedQuerySet):
    pass


class PageConfirmation(TimeStampedModel):
    """A delegate's word that their administration's status page is accurate as of a date: a programme event
    (PartnerQuerySet.with_last_event)."""

    partner = models.ForeignKey(
        PartnerAdministration,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("administration"),
    )
    confirmed_on = models.DateField(_("accurate as of"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="page_confirmations",
        verbose_name=_("confirmed by"),
    )
    comment = LimitedTextField(_("comment"), blank=True, max_length=SHORT_TEXT)

    objects = ConfirmationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-confirmed_on", "-created_at", "-pk"]
        get_latest_by = ["confirmed_on", "created_at", "pk"]
        indexes = [models.Index(fields=["partner", "-confirmed_on"], name="confirmation_latest_idx")]
        verbose_name = _("page confirmation")
        verbose_name_plural = _("page confirmations")
        constraints = [text_length_limit("comment", SHORT_TEXT)]

    def __str__(self):
        return f"{self.partner}: {self.confirmed_on}"


class ProposalKind(models.TextChoices):
    STATUS = "status", _("Status reason")
    CONTACT = "contact", _("Contact details")
    ACTIVITY = "activity", _("Activity")
    INDICATOR_VALUE = "indicator_value", _("Indicator value")
    COMMITMENT = "commitment", _("Commitment")


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned with a comment")


#: The model whose record each kind of proposal corrects.
KIND_MODELS = {
    ProposalKind.STATUS: StatusChange,
    ProposalKind.CONTACT: Contact,
    ProposalKind.ACTIVITY: Activity,
    ProposalKind.INDICATOR_VALUE: IndicatorValue,
    ProposalKind.COMMITMENT: Commitment,
}


class ProposalQuerySet(ScopedQuerySet):
    def pending(self):
        return self.filter(state=Decision.PENDING)


class Proposal(TimeStampedModel):
    """A correction of one field of one record of the administration's page, as the delegate proposed it."""

    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("administration")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    target_id = models.PositiveBigIntegerField(_("record"))
    target_label = models.CharField(_("record"), max_length=300, blank=True)
    field = models.CharField(_("field"), max_length=50)
    current_value = models.TextField(_("value when proposed"), blank=True)
    proposed_value = models.TextField(_("proposed value"), blank=True)
    comment = LimitedTextField(_("comment"), blank=True, max_length=SHORT_TEXT)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("proposed by")
    )
    state = models.CharField(_("state"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decided_proposals",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = LimitedTextField(_("decision comment"), blank=True, max_length=SHORT_TEXT)

    objects = ProposalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="proposal_state_age_idx")]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            text_length_limit("comment", SHORT_TEXT),
            text_length_limit("decision_comment", SHORT_TEXT),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target_label} ({self.field})"

    @property
    def field_label(self) -> str:
        """The corrected field's name as its form shows it."""
        return KIND_MODELS[self.kind]._meta.get_field(self.field).verbose_name


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    RETURNED = "returned", _("Returned with a comment")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


#: The states in which the delegate may still change a report.
EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)


class ValueReportQuerySet(ScopedQuerySet):
    def submitted(self):
        return self.filter(state=ReportState.SUBMITTED)


class ValueReport(TimeStampedModel):
    """The actual value of one indicator for one year, as the administration reports it: a draft the delegate edits,
    then submitted; it becomes the IndicatorValue only when staff approve it."""

    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.CASCADE, related_name="value_reports", verbose_name=_("administration")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="reports", verbose_name=_("indicator")
    )
    period = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], help_text=_("The reporting year.")
    )
    actual = models.DecimalField(_("actual"), max_digits=12, decimal_places=2)
    comment = LimitedTextField(
        _("comment"), blank=True, max_length=SHORT_TEXT, help_text=_("Where the figure comes from, and anything else.")
    )
    state = models.CharField(_("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="value_reports", verbose_name=_("reported by")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decided_value_reports",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = LimitedTextField(_("decision comment"), blank=True, max_length=SHORT_TEXT)

    objects = ValueReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "created_at", "pk"]
        verbose_name = _("indicator value report")
        verbose_name_plural = _("indicator value reports")
        constraints = [
            # One report under way per indicator and year; once decided, a later one may correct it.
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(state__in=["draft", "submitted", "returned"]),
                name="value_report_one_open_per_period",
                violation_error_message=_("A report of this indicator for that year is already under way."),
            ),
            models.CheckConstraint(
                condition=Q(period__gte=2000) & Q(period__lte=2100),
                name="value_report_period_range",
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
            text_length_limit("comment", SHORT_TEXT),
            text_length_limit("decision_comment", SHORT_TEXT),
        ]

    def __str__(self):
        return f"{self.indicator} – {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES
