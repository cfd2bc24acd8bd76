"""A country's integrity programme: the administration, its people, its status over time, its plan, indicators,
assessments and activities. Reads down into `acip`; never imports `meetings` (those read this app's reverse
relations instead)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, Least, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from acip.access import ScopedQuerySet, donors_visible_to
from acip.lib.fields import LONG_TEXT, SHORT_TEXT, LimitedTextField, text_length_limit
from acip.lib.queries import count_of
from acip.lib.urls import reverse_one
from acip.models import (
    FundingAgreement,
    IntegrityFactor,
    Programme,
    Region,
    TieredModel,
    TimeStampedModel,
    dates_in_order,
)
from acip.roles import GROUP_STAFF

SCORE_MIN = Decimal("0")
SCORE_MAX = Decimal("100")


class Cohort(models.TextChoices):
    INITIAL_2019 = "2019", _("Initial partners (2019)")
    EXPANSION_2020 = "2020", _("Norad expansion (2020)")
    AMERICAS_2021 = "2021", _("Americas expansion (2021)")
    LATER = "later", _("Later partners")


class Stage(models.TextChoices):
    """The WCO cycle an administration goes through in the programme, in order."""

    PROSPECTIVE = "prospective", _("Prospective")
    SCOPING = "scoping", _("Scoping")
    PLANNING = "planning", _("Planning")
    IMPLEMENTATION = "implementation", _("Implementation")
    MONITORING = "monitoring", _("Monitoring")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    EXITED = "exited", _("Exited")


#: Stages after which an administration has left the programme's active work (no longer "stale").
CLOSED_STAGES = (Stage.COMPLETED, Stage.EXITED)


class ExitReason(models.TextChoices):
    """Why an administration left the programme: recorded with its exit date (DOMAIN.md §1.4: the headcount falls
    after 2023-24 as funding ends)."""

    FUNDING_ENDED = "funding_ended", _("Funding ended")
    PLAN_COMPLETED = "plan_completed", _("Project plan completed")
    WITHDREW = "withdrew", _("Withdrew from the programme")
    OTHER = "other", _("Other reason")


class Health(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class PartnerQuerySet(ScopedQuerySet):
    partner_path = "pk"

    def with_current_status(self):
        """Annotate the latest status change's stage, health and date (the current status is the latest row)."""
        latest = StatusChange.objects.filter(partner=OuterRef("pk")).order_by("-effective_on", "-created_at", "-pk")
        return self.annotate(
            current_stage=Subquery(latest.values("stage")[:1]),
            current_health=Subquery(latest.values("health")[:1]),
            status_effective_on=Subquery(latest.values("effective_on")[:1]),
        )

    def active_on(self, day):
        """Administrations in the programme on `day`: joined on or before it, not yet exited (an administration is
        still counted on its exit day). The one definition of "active" that every headcount uses."""
        return self.filter(joined_on__lte=day).filter(Q(exited_on__isnull=True) | Q(exited_on__gte=day))

    def in_programme(self, day):
        """Administrations still in the programme on `day`: members then, whose current stage (annotated here)
        is not completed or exited. The one definition that the dashboard's health cards, the partner list's
        "Still in the programme" filter and the stale pages share."""
        rows = self if "current_stage" in self.query.annotations else self.with_current_status()
        return rows.active_on(day).filter(Q(current_stage__isnull=True) | ~Q(current_stage__in=CLOSED_STAGES))

    def with_donors(self, user):
        """Prefetch the funding agreements that cover each administration, with their donors, of the donors that
        `user` may know of (`donors_visible_to`: a donor viewer is not shown the others' names). One query."""
        return self.prefetch_related(
            Prefetch(
                "funding_agreements",
                queryset=FundingAgreement.objects.filter(donor__in=donors_visible_to(user))
                .select_related("donor")
                .order_by("donor__short_name", "signed_on"),
            )
        )

    def with_last_event(self, *, today: datetime.date | None = None, user=None):
        """Annotate `last_event`: the date of the administration's latest programme event up to `today`, or None.

        The page is current as of what happened in the programme, never as of a row's save (`updated_at`): a status
        change (its effective date), a side meeting held, an assessment (its end, or its start while under way), an
        indicator value reported for a year (that year's end), an activity that took place (its actual end, or its
        actual start while under way), the page confirmed by its delegation (the date it is accurate as of). With
        `user`, only the events that user may see count, so that a date never tells a delegate or a donor of a record
        hidden from them. One correlated subquery per kind of event, so a page of any list stays one query."""
        today = today or timezone.localdate()
        events = [
            _latest(StatusChange, "partner", user, F("effective_on"), effective_on__lte=today),
            # Side meetings belong to `meetings`, which this app never imports: reached through the reverse relation.
            _latest(
                self.model._meta.get_field("side_meetings").related_model,
                "partner",
                user,
                F("held_on"),
                held_on__lte=today,
            ),
            _latest(
                Assessment, "partner", user, _end_or_start("started_on", "ended_on", today), started_on__lte=today
            ),
            _latest(
                IndicatorValue,
                "indicator__outcome__plan__partner",
                user,
                Least(_year_end("period"), Value(today, output_field=DateField())),
                actual__isnull=False,
                period__lte=today.year,
            ),
            _latest(
                Activity,
                "partner",
                user,
                _end_or_start("actual_start_on", "actual_end_on", today),
                actual_start_on__lte=today,
            ),
            # A page confirmed by its delegation: the confirmations belong to acip.participation, on top of the
            # house, reached through the reverse relation as the side meetings are.
            _latest(
                self.model._meta.get_field("confirmations").related_model,
                "partner",
                user,
                F("confirmed_on"),
                confirmed_on__lte=today,
            ),
            # This list is the one definition of a programme event.
        ]
        # GREATEST skips NULLs on PostgreSQL but yields NULL on SQLite: compare against a date older than any event.
        latest = Greatest(*[Coalesce(event, _NO_EVENT) for event in events])
        return self.annotate(last_event=NullIf(latest, _NO_EVENT))

    def stale(self, *, today: datetime.date, days: int):
        """Administrations still in the programme whose latest programme event is older than `days` before `today`,
        or which have none; annotated with `last_event` and the current status, the oldest first."""
        cutoff = today - datetime.timedelta(days=days)
        return (
            self.in_programme(today)
            .with_last_event(today=today)
            # "No event" counts as older than the cutoff: one comparison, so that the six subqueries of the latest
            # event are planned and run once per administration, not twice (`last_event < cutoff OR ... IS NULL`).
            .alias(event_or_none=Coalesce("last_event", _NO_EVENT))
            .filter(event_or_none__lt=cutoff)
            .order_by(F("last_event").asc(nulls_first=True), "country_name")
        )

    def with_open_commitment_count(self, user):
        """Annotate `open_commitment_count`: the open commitments of each administration that `user` may see.

        Commitments belong to `meetings`, which this app never imports: the model is reached through the reverse
        relation, and its access layer decides what counts."""
        commitment_model = self.model._meta.get_field("commitments").related_model
        open_ones = commitment_model.objects.visible_to(user).filter(status="open")
        return self.annotate(open_commitment_count=count_of(open_ones, "partner"))


#: Older than any programme event: stands for "no event" inside GREATEST() (see with_last_event()).
_NO_EVENT = Value(datetime.date(1900, 1, 1), output_field=DateField())


def _latest(model, partner_path: str, user, event_on, **happened):
    """The latest `event_on` of the `model` rows of the outer administration that match `happened` (and that
    `user` may see, when given), as a correlated subquery."""
    rows = model.objects.visible_to(user) if user is not None else model.objects.all()
    rows = rows.filter(**{partner_path: OuterRef("pk")}, **happened).annotate(event_on=event_on)
    return Subquery(rows.order_by("-event_on").values("event_on")[:1], output_field=DateField())


def _end_or_start(start: str, end: str, today: datetime.date):
    """A record's end date once it has passed, else its start (something under way happened when it started)."""
    return Case(When(**{f"{end}__lte": today}, then=F(end)), default=F(start), output_field=DateField())


def _year_end(year: str):
    """31 December of an integer year field, as a date (portable: SQLite and PostgreSQL read ISO dates)."""
    return Cast(Concat(Cast(year, CharField()), Value("-12-31")), DateField())


class PartnerAdministration(TimeStampedModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="partners", verbose_name=_("programme")
    )
    country_code = models.CharField(
        _("country code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2 code, for example GH.")
    )
    country_name = models.CharField(_("country"), max_length=100, unique=True)
    name = models.CharField(_("administration"), max_length=200, help_text=_("The administration's official name."))
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="partners", verbose_name=_("region"))
    cohort = models.CharField(_("cohort"), max_length=10, choices=Cohort.choices)
    joined_on = models.DateField(_("joined on"))
    exited_on = models.DateField(_("exited on"), null=True, blank=True)
    exit_reason = models.CharField(
        _("exit reason"),
        max_length=20,
        choices=ExitReason.choices,
        blank=True,
        help_text=_("Required with an exit date: why the administration left the programme."),
    )
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="focal_partners",
        null=True,
        blank=True,
        limit_choices_to={"groups__name": GROUP_STAFF, "is_active": True},
        verbose_name=_("focal point"),
        help_text=_("The member of the programme staff responsible for this country."),
    )

    objects = PartnerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["country_name"]
        verbose_name = _("partner administration")
        verbose_name_plural = _("partner administrations")
        constraints = [
            dates_in_order("joined_on", "exited_on", "partner_membership_dates_in_order"),
            models.CheckConstraint(
                condition=Q(exited_on__isnull=True, exit_reason="")
                | (Q(exited_on__isnull=False) & ~Q(exit_reason="")),
                name="partner_exit_reason_with_exit_date",
                violation_error_message=_("An exit date and an exit reason go together."),
            ),
            models.CheckConstraint(
                condition=Q(country_code__regex=r"^[A-Z]{2}$"),
                name="partner_country_code_iso",
                violation_error_message=_("The country code is two capital letters (ISO 3166-1 alpha-2)."),
            ),
        ]

    def __str__(self):
        return self.country_name

    def clean(self):
        """The membership's rules, next to their fields, for every form (the admin's included) and the loaders."""
        super().clean()
        errors = {}
        if self.joined_on and self.exited_on and self.exited_on < self.joined_on:
            errors["exited_on"] = _("The exit date must not be before the date the administration joined.")
        if self.exited_on and not self.exit_reason:
            errors["exit_reason"] = _("Give the reason for the exit.")
        if self.exit_reason and not self.exited_on:
            errors["exited_on"] = _("Give the exit date, or leave the exit reason empty.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.country_code = self.country_code.upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_one("partners:detail", self.slug)

    # The labels of the current status that `with_current_status()` annotates as raw values; None before any status.

    @property
    def stage_label(self) -> str | None:
        return Stage(self.current_stage).label if getattr(self, "current_stage", None) else None

    @property
    def health_label(self) -> str | None:
        return Health(self.current_health).label if getattr(self, "current_health", None) else None


class Position(models.TextChoices):
    COORDINATOR = "coordinator", _("A-CIP Coordinator")
    HEAD_OF_CUSTOMS = "head", _("Head of Customs")
    DELEGATE = "delegate", _("Delegation member")
    FOCAL_POINT = "focal_point", _("Focal point")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    """The language a contact works in. Not settings.LANGUAGES, the languages of the interface: a Spanish-speaking
    coordinator is recorded as such before the interface speaks Spanish."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


class ContactQuerySet(ScopedQuerySet):
    #: A donor viewer reads a contact's name and position only (acip.access).
    personal_fields = ("email", "phone", "job_title", "language")

    def coordinator_first(self):
        """Active contacts, the A-CIP Coordinator first, then by name."""
        return (
            self.filter(is_active=True)
            .annotate(
                coordinator_rank=Case(
                    When(position=Position.COORDINATOR, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
            .order_by("coordinator_rank", "name", "pk")
        )


class Contact(TimeStampedModel):
    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("administration")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.DELEGATE)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, default=Language.ENGLISH)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="contact",
        null=True,
        blank=True,
        verbose_name=_("user account"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name


class StatusChangeQuerySet(ScopedQuerySet):
    tier_scope = "text"


class StatusChange(TieredModel, TimeStampedModel):
    """An effective-dated status of an administration. Rows are only ever added: the latest is the current one."""

    partner = models.ForeignKey(
        PartnerAdministration,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("administration"),
    )
    effective_on = models.DateField(_("effective on"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    health = models.CharField(_("health"), max_length=20, choices=Health.choices)
    reason = LimitedTextField(
        _("reason"), help_text=_("Why the status is what it is; required."), max_length=SHORT_TEXT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="status_changes",
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
    )

    objects = StatusChangeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_on", "-created_at", "-pk"]
        get_latest_by = ["effective_on", "created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [
            # The current-status subquery and the timeline read one partner's rows newest first.
            # PartnerQuerySet.with_last_event() reads it too: the latest status in effect.
            models.Index(fields=["partner", "-effective_on", "-created_at"], name="status_partner_latest_idx"),
            # The default ordering with its tiebreaker, for every partner at once: the admin's change list.
            models.Index(fields=["-effective_on", "-created_at", "-id"], name="status_effective_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="status_change_reason_required",
                violation_error_message=_("Give the reason for this status."),
            ),
            text_length_limit("reason", SHORT_TEXT),
        ]

    def __str__(self):
        return f"{self.partner}: {self.get_stage_display()}, {self.get_health_display()} ({self.effective_on})"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    CLOSED = "closed", _("Closed")


class CountryPlanQuerySet(ScopedQuerySet):
    tier_scope = "row"


class CountryPlan(TieredModel, TimeStampedModel):
    """The Project Information Document (PID): an administration's multi-year A-CIP plan."""

    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.PROTECT, related_name="plans", verbose_name=_("administration")
    )
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    general_outcome = LimitedTextField(_("general outcome"), blank=True, max_length=SHORT_TEXT)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    objects = CountryPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "-starts_on", "-version"]
        verbose_name = _("country plan")
        verbose_name_plural = _("country plans")
        constraints = [
            dates_in_order("starts_on", "ends_on", "plan_dates_in_order"),
            models.UniqueConstraint(fields=["partner", "version"], name="plan_version_unique_per_partner"),
            text_length_limit("general_outcome", SHORT_TEXT),
        ]

    def __str__(self):
        return f"{self.partner}: {self.title} (v{self.version})"


class OutcomeQuerySet(ScopedQuerySet):
    partner_path = "plan__partner"
    tier_scope = "row"
    tier_path = "plan__tier"


class Outcome(TimeStampedModel):
    """A specific outcome ("specific priority") of a country plan, tagged with the factors it serves."""

    plan = models.ForeignKey(CountryPlan, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("plan"))
    title = models.CharField(_("title"), max_length=300)
    description = LimitedTextField(_("description"), blank=True, max_length=SHORT_TEXT)
    factors = models.ManyToManyField(IntegrityFactor, related_name="outcomes", verbose_name=_("integrity factors"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = OutcomeQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[factors])

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            text_length_limit("description", SHORT_TEXT),
        ]

    def __str__(self):
        return self.title


class Level(models.TextChoices):
    IMPACT = "impact", _("Impact")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")


class IndicatorQuerySet(ScopedQuerySet):
    partner_path = "outcome__plan__partner"
    tier_scope = "row"
    tier_path = "outcome__plan__tier"


class Indicator(TimeStampedModel):
    """A results-framework indicator, on a country outcome or on the programme as a whole."""

    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.PROTECT,
        related_name="indicators",
        null=True,
        blank=True,
        verbose_name=_("outcome"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="indicators",
        null=True,
        blank=True,
        verbose_name=_("programme"),
        help_text=_("For a programme-level indicator only; leave empty when the indicator belongs to an outcome."),
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.OUTCOME)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example %, number, days."))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_on = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_source = models.CharField(_("baseline source"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__isnull=True, programme__isnull=False)
                | Q(outcome__isnull=False, programme__isnull=True),
                name="indicator_on_outcome_or_programme",
                violation_error_message=_("An indicator belongs to an outcome or to the programme, not both."),
            ),
        ]

    def __str__(self):
        return self.name


class IndicatorValueQuerySet(ScopedQuerySet):
    partner_path = "indicator__outcome__plan__partner"
    tier_scope = "row"
    tier_path = "indicator__outcome__plan__tier"


class IndicatorValue(TimeStampedModel):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], help_text=_("The reporting year.")
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=12, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    comment = LimitedTextField(_("comment"), blank=True, max_length=SHORT_TEXT)

    objects = IndicatorValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="indicator_value_one_per_period",
                violation_error_message=_("This indicator already has a value for that year."),
            ),
            models.CheckConstraint(
                condition=Q(period__gte=2000) & Q(period__lte=2100),
                name="indicator_value_period_range",
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
            text_length_limit("comment", SHORT_TEXT),
        ]

    def __str__(self):
        return f"{self.indicator} – {self.period}"


class AssessmentKind(models.TextChoices):
    IDG = "idg", _("IDG integrity assessment")
    REMOTE = "remote", _("Remote integrity assessment")
    CIPS = "cips", _("Customs Integrity Perception Survey")
    DIAGNOSTIC = "diagnostic", _("Diagnostic")


class AssessmentQuerySet(ScopedQuerySet):
    tier_scope = "row"


class Assessment(TieredModel, TimeStampedModel):
    """An integrity assessment or survey round with a 0 to 100 score per factor and respondent group."""

    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("administration")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssessmentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    round_number = models.PositiveSmallIntegerField(_("round"), null=True, blank=True)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    sample_officials = models.PositiveIntegerField(_("officials surveyed"), null=True, blank=True)
    sample_private = models.PositiveIntegerField(_("private-sector respondents"), null=True, blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    summary = LimitedTextField(_("summary"), blank=True, max_length=LONG_TEXT)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "-started_on"]
        indexes = [
            # The latest assessment of each partner (the dashboard's factor heatmap, the country page's profile).
            # PartnerQuerySet.with_last_event() reads it too: the latest assessment started.
            models.Index(fields=["partner", "-started_on", "-id"], name="assessment_partner_latest_idx"),
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            dates_in_order("started_on", "ended_on", "assessment_dates_in_order"),
            text_length_limit("summary", LONG_TEXT),
        ]

    def __str__(self):
        return f"{self.partner}: {self.title}"


class RespondentGroup(models.TextChoices):
    OFFICIALS = "officials", _("Customs officials")
    PRIVATE = "private", _("Private sector")


class AssessmentScoreQuerySet(ScopedQuerySet):
    partner_path = "assessment__partner"
    tier_scope = "row"
    tier_path = "assessment__tier"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    factor = models.ForeignKey(
        IntegrityFactor, on_delete=models.PROTECT, related_name="scores", verbose_name=_("integrity factor")
    )
    group = models.CharField(_("respondent group"), max_length=10, choices=RespondentGroup.choices)
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
        help_text=_("From 0 to 100."),
    )

    objects = AssessmentScoreQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "factor__number", "group"]
        verbose_name = _("factor score")
        verbose_name_plural = _("factor scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "factor", "group"],
                name="score_one_per_factor_and_group",
                violation_error_message=_("This assessment already has a score for that factor and group."),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="score_within_scale",
                violation_error_message=_("A score is between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.factor}: {self.score} ({self.get_group_display()})"


class ActivityKind(models.TextChoices):
    SCOPING = "scoping", _("Scoping visit")
    ASSESSMENT = "assessment", _("Integrity assessment")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    TOT = "tot", _("Training of trainers")
    MISSION = "mission", _("In-country mission")
    REMOTE = "remote", _("Remote assistance")
    SEMINAR = "seminar", _("Awareness seminar")
    FORUM = "forum", _("Private-sector forum")
    ELEARNING = "elearning", _("E-learning")


class Component(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral")
    MULTILATERAL = "multilateral", _("Multilateral")


class Modality(models.TextChoices):
    IN_COUNTRY = "in_country", _("In country")
    REMOTE = "remote", _("Remote")
    HYBRID = "hybrid", _("Hybrid")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SCHEDULED = "scheduled", _("Scheduled")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityQuerySet(ScopedQuerySet):
    tier_scope = "row"

    def with_is_late(self, today):
        """Annotate `is_late`: neither completed nor cancelled, and its planned end (or start, when it has no
        planned end) has passed."""
        finished = [ActivityStatus.COMPLETED, ActivityStatus.CANCELLED]
        return self.annotate(
            is_late=Case(
                When(status__in=finished, then=Value(False)),
                When(planned_end_on__lt=today, then=Value(True)),
                When(planned_end_on__isnull=True, planned_start_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def on_calendar(self):
        """The activities that take place, each with the days it spans as `starts_on` and `ends_on` (as a meeting
        has them): as held once it has started, else as planned; a cancelled activity is left out."""
        held = Q(actual_start_on__isnull=False)
        return self.exclude(status=ActivityStatus.CANCELLED).annotate(
            starts_on=Coalesce("actual_start_on", "planned_start_on"),
            ends_on=Case(
                When(held, then=Coalesce("actual_end_on", "actual_start_on")),
                default=Coalesce("planned_end_on", "planned_start_on"),
                output_field=DateField(),
            ),
        )

    def completed_in_funded_period(self, donor):
        """Completed activities of administrations the donor covers, done within the period of an agreement that
        covers that administration. The day an activity was done is its actual end, else its actual start, else as
        planned."""
        covering = FundingAgreement.partners.through.objects.filter(
            fundingagreement__donor=donor,
            partneradministration_id=OuterRef("partner_id"),
            fundingagreement__starts_on__lte=OuterRef("done_on"),
            fundingagreement__ends_on__gte=OuterRef("done_on"),
        )
        return (
            self.filter(status=ActivityStatus.COMPLETED)
            .annotate(done_on=Coalesce("actual_end_on", "actual_start_on", "planned_end_on", "planned_start_on"))
            .filter(Exists(covering))
        )


class Activity(TieredModel, TimeStampedModel):
    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.PROTECT, related_name="activities", verbose_name=_("administration")
    )
    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
        verbose_name=_("outcome served"),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    component = models.CharField(_("component"), max_length=20, choices=Component.choices, default=Component.BILATERAL)
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices, default=Modality.IN_COUNTRY)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    planned_start_on = models.DateField(_("planned start"))
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    actual_start_on = models.DateField(_("actual start"), null=True, blank=True)
    actual_end_on = models.DateField(_("actual end"), null=True, blank=True)
    description = LimitedTextField(_("description"), blank=True, max_length=LONG_TEXT)
    participants_women = models.PositiveIntegerField(_("women participants"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("men participants"), null=True, blank=True)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-planned_start_on", "title"]
        indexes = [
            # PartnerQuerySet.with_last_event(): the latest activity that took place, per partner.
            models.Index(fields=["partner", "-actual_start_on"], name="activity_partner_held_idx"),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            dates_in_order("planned_start_on", "planned_end_on", "activity_planned_dates_in_order"),
            dates_in_order("actual_start_on", "actual_end_on", "activity_actual_dates_in_order"),
            text_length_limit("description", LONG_TEXT),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Its row among the activities of its administration's status page (an activity has no page of its own)."""
        return f"{reverse_one('partners:detail', self.partner.slug)}#activity-{self.pk}"
