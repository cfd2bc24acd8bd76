"""The programme core: programmes, phases, donors and their agreements, the reference lists, and user roles.

The bottom of the house: nothing here imports `partners` or `meetings`. Where a core model points up (the partners
an agreement covers, the administration a delegate belongs to) it names the model as a string.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from acip.lib.fields import LONG_TEXT, SHORT_TEXT, LimitedTextField, text_length_limit
from acip.reference import FACTOR_DESCRIPTIONS, translated


def dates_in_order(start: str, end: str, name: str, *, may_be_empty: tuple[str, ...] | None = None):
    """A database rule that an end date is not before its start date; a date of `may_be_empty` (by default both,
    end first) may be left empty."""
    may_be_empty = (end, start) if may_be_empty is None else may_be_empty
    condition = reduce(
        or_, [Q(**{f"{date}__isnull": True}) for date in may_be_empty] + [Q(**{f"{end}__gte": F(start)})]
    )
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message=_("The end date must not be before the start date."),
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Tier(models.TextChoices):
    """Who may read a piece of free text, from the narrowest audience to the widest: each tier's readers are the
    previous tier's and more. Staff read all three; the administration the text is about reads PARTNER and DONORS;
    donor viewers read DONORS (`acip.roles.Membership.readable_tiers`)."""

    STAFF = "staff", _("Staff only")
    PARTNER = "partner", _("Shared with the partner")
    DONORS = "donors", _("Shared with donors")


class TieredModel(models.Model):
    tier = models.CharField(
        _("confidentiality"),
        max_length=10,
        choices=Tier.choices,
        default=Tier.STAFF,
        help_text=_("Who may read the text of this record besides the programme staff."),
    )

    class Meta:
        abstract = True


class Programme(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    objective = LimitedTextField(_("objective"), blank=True, max_length=SHORT_TEXT)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="managed_programmes",
        limit_choices_to={"groups__name": "Programme staff", "is_active": True},
        null=True,
        blank=True,
        verbose_name=_("programme manager"),
        help_text=_("The staff member told when a commitment stays overdue (every 30 days, until it is closed)."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            dates_in_order("starts_on", "ends_on", "programme_dates_in_order", may_be_empty=("ends_on",)),
            text_length_limit("objective", SHORT_TEXT),
        ]

    def __str__(self):
        return self.short_name


class Phase(TimeStampedModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="phases", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    description = LimitedTextField(_("description"), blank=True, max_length=SHORT_TEXT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="phase_number_unique_in_programme"),
            dates_in_order("starts_on", "ends_on", "phase_dates_in_order", may_be_empty=("ends_on",)),
            text_length_limit("description", SHORT_TEXT),
        ]

    def __str__(self):
        return f"{self.programme} – {self.name}"


class Donor(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    iati_ref = models.CharField(
        _("IATI organisation identifier"),
        max_length=100,
        blank=True,
        help_text=_("The donor's identifier in IATI data, for example NO-BRC-971277882 for Norad."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self):
        return self.short_name


class Currency(models.TextChoices):
    EUR = "EUR", _("Euro")
    CAD = "CAD", _("Canadian dollar")
    NOK = "NOK", _("Norwegian krone")
    USD = "USD", _("US dollar")


class Approximation(models.TextChoices):
    """How a source words an approximate amount ("almost EUR 8m" [S2], "about EUR 2.5m" [S10])."""

    ABOUT = "about", pgettext_lazy("approximate amount", "about")
    ALMOST = "almost", pgettext_lazy("approximate amount", "almost")
    __empty__ = pgettext_lazy("approximate amount", "exact")


class FundingAgreement(TimeStampedModel):
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("donor"))
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("programme")
    )
    phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        related_name="agreements",
        null=True,
        blank=True,
        verbose_name=_("phase"),
    )
    title = models.CharField(_("title"), max_length=200)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    amount_approximation = models.CharField(
        _("approximate amount"),
        max_length=10,
        choices=Approximation.choices,
        blank=True,
        help_text=_(
            'When the source gives the amount in euros as "about" or "almost" (for an agreement in euros, the '
            "amount itself): the pages then show it with that word."
        ),
    )
    amount_eur = models.DecimalField(
        _("amount in euros"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The amount in euros as the programme reports it, when the agreement is in another currency."),
    )
    partners = models.ManyToManyField(
        "partners.PartnerAdministration",
        related_name="funding_agreements",
        blank=True,
        verbose_name=_("partners covered"),
    )
    notes = LimitedTextField(_("notes"), blank=True, max_length=LONG_TEXT)

    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        ordering = ["signed_on", "title"]
        verbose_name = _("funding agreement")
        verbose_name_plural = _("funding agreements")
        constraints = [
            dates_in_order("starts_on", "ends_on", "agreement_dates_in_order", may_be_empty=()),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & (Q(amount_eur__isnull=True) | Q(amount_eur__gte=0)),
                name="agreement_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            text_length_limit("notes", LONG_TEXT),
        ]

    def __str__(self):
        return self.title

    @property
    def amount_is_approximate(self) -> bool:
        return bool(self.amount_approximation)


class IntegrityFactor(models.Model):
    """One of the ten key factors of the Revised Arusha Declaration (reference data, loaded by a migration)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = LimitedTextField(_("description"), blank=True, max_length=SHORT_TEXT)

    class Meta:
        ordering = ["number"]
        verbose_name = _("integrity factor")
        verbose_name_plural = _("integrity factors")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=10),
                name="factor_number_1_to_10",
                violation_error_message=_("The Revised Arusha Declaration has ten factors, numbered 1 to 10."),
            ),
            text_length_limit("description", SHORT_TEXT),
        ]

    def __str__(self):
        return f"{self.number}. {self.label}"

    @property
    def label(self) -> str:
        """The name in the user's language (acip/reference.py); the row keeps the English."""
        return translated(self.name)

    @property
    def description_label(self) -> str:
        """The description as entered, or the Declaration's summary of the factor, in the user's language."""
        return translated(self.description or FACTOR_DESCRIPTIONS.get(self.number, ""))


class Region(models.Model):
    """One of the six WCO regions (reference data, loaded by a migration)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the user's language (acip/reference.py); the row keeps the English."""
        return translated(self.name)


class Profile(TimeStampedModel):
    """Links a user to what their role reaches: a delegate to one administration, a donor viewer to one donor.

    The role itself is the user's group; this row says which administration or donor it applies to.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    partner = models.ForeignKey(
        "partners.PartnerAdministration",
        on_delete=models.PROTECT,
        related_name="profiles",
        null=True,
        blank=True,
        verbose_name=_("partner administration"),
        help_text=_("For a partner delegate: the one administration they belong to."),
    )
    donor = models.ForeignKey(
        Donor,
        on_delete=models.PROTECT,
        related_name="profiles",
        null=True,
        blank=True,
        verbose_name=_("donor"),
        help_text=_("For a donor viewer: the donor whose funded partners they may see."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=True) | Q(donor__isnull=True),
                name="profile_partner_or_donor_not_both",
                violation_error_message=_("A user is linked to an administration or to a donor, not both."),
            ),
        ]

    def __str__(self):
        return str(self.user)
