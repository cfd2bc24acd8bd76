"""Reminders by e-mail: what each user wants to receive, and the log of what was sent (so that nothing goes twice).

The rules for who is told what and when are in `acip/reminders/rules.py`; the work of a run is in `services.py`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from acip.models import TimeStampedModel


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ReminderPreference(TimeStampedModel):
    """A user's choices. A user without a row gets the defaults below (everything on, the digest on Monday)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference", verbose_name=_("user")
    )
    commitments = models.BooleanField(
        _("commitment reminders"),
        default=True,
        help_text=_("Before and on a commitment's due date, and while it is overdue."),
    )
    stale_pages = models.BooleanField(
        _("stale status pages"),
        default=True,
        help_text=_("When a country you are the focal point for has had no programme event for too long."),
    )
    digest = models.BooleanField(
        _("weekly digest"),
        default=True,
        help_text=_("Your overdue and due-soon commitments, your countries going stale and the coming meetings."),
    )
    digest_weekday = models.PositiveSmallIntegerField(_("digest day"), choices=Weekday.choices, default=Weekday.MONDAY)
    language = models.CharField(
        _("language of the e-mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        ordering = ["user"]
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")
        constraints = [
            models.CheckConstraint(condition=models.Q(digest_weekday__lte=6), name="reminder_digest_weekday_0_to_6"),
        ]

    def __str__(self):
        return str(self.user)


class ReminderKind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment")
    STALE_PAGE = "stale_page", _("Stale status page")
    DIGEST = "digest", _("Weekly digest")


class DeliveryStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, tried again on the next run")


class ReminderLog(models.Model):
    """One reminder (a kind, its object, the step of its escalation) to one address: sent, or failed with why.

    The unique key is what makes a run safe to repeat: a row marked sent is never sent again; a failed one is.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    object_id = models.PositiveBigIntegerField(
        _("object"), help_text=_("The commitment, administration or user the reminder is about.")
    )
    step = models.CharField(_("step"), max_length=40)
    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=400, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    error = models.TextField(_("last error"), blank=True)
    last_tried_at = models.DateTimeField(_("last tried at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-last_tried_at", "pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "step", "recipient"], name="reminder_log_once_per_step_and_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id} {self.step} → {self.recipient}"
