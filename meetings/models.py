"""Engagements with the delegations: meetings, who attended, side meetings, their notes and the commitments
(next steps) agreed there. The top of the house: reads `partners` and `acip`, which never import it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from acip.access import ScopedQuerySet
from acip.models import Programme, TieredModel, TimeStampedModel
from partners.models import Activity, Contact, Outcome, PartnerAdministration, StatusChange, dates_in_order


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", _("Committee session")
    COORDINATORS = "coordinators", _("Coordinators' meeting")
    WORKSHOP = "workshop", _("Workshop")
    SCOPING = "scoping", _("Scoping visit")
    MISSION = "mission", _("Mission")


class Committee(models.TextChoices):
    CBC = "cbc", _("Capacity Building Committee")
    ISC = "isc", _("Integrity Sub-Committee")
    CBC_ISC = "cbc_isc", _("Capacity Building Committee and Integrity Sub-Committee")


def _count_of(queryset, fk: str):
    """A count of the rows of `queryset` pointing at the outer row, as a correlated subquery: two `Count()`s over
    reverse joins would multiply each other's rows."""
    rows = queryset.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n")), 0)


class MeetingQuerySet(ScopedQuerySet):
    def _partner_q(self, membership):
        # A meeting is visible through the administrations that attended it.
        attended = Attendance.objects.filter(super()._partner_q(membership))
        return Q(pk__in=attended.values("meeting_id"))

    def upcoming(self, today):
        """Meetings not over yet, soonest first."""
        return self.filter(ends_on__gte=today).order_by("starts_on", "title")

    def past(self, today):
        """Meetings that are over, latest first."""
        return self.filter(ends_on__lt=today).order_by("-starts_on", "title")

    def with_counts(self, user):
        """How many administrations attended and how many side meetings were held, of those the user may see: a
        count must not tell a delegate how many other delegations came."""
        return self.select_related("programme").annotate(
            attendance_count=_count_of(Attendance.objects.visible_to(user), "meeting"),
            side_meeting_count=_count_of(SideMeeting.objects.visible_to(user), "meeting"),
        )


class Meeting(TimeStampedModel):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    committee = models.CharField(_("committee"), max_length=10, choices=Committee.choices, blank=True)
    session_number = models.PositiveSmallIntegerField(
        _("session number"), null=True, blank=True, help_text=_("For a committee session, for example 18.")
    )
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("City, or 'Online'."))
    is_online = models.BooleanField(_("online"), default=False)
    theme = models.TextField(_("theme"), blank=True)
    partners = models.ManyToManyField(
        PartnerAdministration,
        through="Attendance",
        related_name="meetings",
        verbose_name=_("attending administrations"),
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["starts_on"], name="meeting_starts_on_idx")]
        constraints = [
            dates_in_order("starts_on", "ends_on", "meeting_dates_in_order"),
            models.CheckConstraint(
                condition=Q(kind="committee") | Q(committee=""),
                name="meeting_committee_only_for_sessions",
                violation_error_message=_("Only a committee session names a committee."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.uuid])


class AttendanceQuerySet(ScopedQuerySet):
    pass


class Attendance(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("administration")
    )
    contacts = models.ManyToManyField(Contact, related_name="attendances", blank=True, verbose_name=_("delegates"))

    objects = AttendanceQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[contacts])

    class Meta:
        ordering = ["meeting", "partner__country_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "partner"],
                name="attendance_once_per_meeting",
                violation_error_message=_("This administration is already recorded as attending."),
            ),
        ]

    def __str__(self):
        return f"{self.partner} at {self.meeting}"


class Atmosphere(models.TextChoices):
    CONSTRUCTIVE = "constructive", _("Constructive")
    CORDIAL = "cordial", _("Cordial")
    MIXED = "mixed", _("Mixed")
    TENSE = "tense", _("Tense")


class SideMeetingQuerySet(ScopedQuerySet):
    tier_scope = "text"


class SideMeeting(TieredModel, TimeStampedModel):
    """One meeting between the programme team and one delegation, usually during a committee session.

    `tier` governs the purpose and key outcomes; the atmosphere is always for staff only.
    """

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="side_meetings", verbose_name=_("meeting")
    )
    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.PROTECT, related_name="side_meetings", verbose_name=_("administration")
    )
    held_on = models.DateField(_("held on"))
    purpose = models.TextField(_("purpose"), blank=True)
    wco_participants = models.TextField(_("programme team participants"), blank=True)
    partner_participants = models.ManyToManyField(
        Contact, related_name="side_meetings", blank=True, verbose_name=_("delegation participants")
    )
    key_outcomes = models.TextField(_("key outcomes"), blank=True)
    atmosphere = models.CharField(_("atmosphere"), max_length=20, choices=Atmosphere.choices, blank=True)
    status_change = models.OneToOneField(
        StatusChange,
        on_delete=models.PROTECT,
        related_name="side_meeting",
        null=True,
        blank=True,
        verbose_name=_("status change agreed"),
    )

    objects = SideMeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[partner_participants])

    class Meta:
        ordering = ["-held_on", "partner__country_name"]
        verbose_name = _("side meeting")
        verbose_name_plural = _("side meetings")
        indexes = [models.Index(fields=["partner", "-held_on"], name="side_meeting_partner_idx")]

    def __str__(self):
        return f"{self.partner} – {self.meeting}"

    def get_absolute_url(self):
        return reverse("meetings:side_meeting", args=[self.uuid])


class NoteQuerySet(ScopedQuerySet):
    partner_path = "side_meeting__partner"
    tier_scope = "row"


class Note(TieredModel, TimeStampedModel):
    side_meeting = models.ForeignKey(
        SideMeeting, on_delete=models.CASCADE, related_name="notes", verbose_name=_("side meeting")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notes", verbose_name=_("author")
    )
    text = models.TextField(_("text"))

    objects = NoteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""), name="note_text_required", violation_error_message=_("A note needs text.")
            ),
        ]

    def __str__(self):
        return self.text[:60]


class Owner(models.TextChoices):
    PROGRAMME = "programme", _("Programme team")
    ADMINISTRATION = "administration", _("Administration")


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class CommitmentQuerySet(ScopedQuerySet):
    tier_scope = "row"

    def open(self):
        return self.filter(status=CommitmentStatus.OPEN)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)

    def with_is_overdue(self, today):
        """Annotate `is_overdue`: still open and due before `today`."""
        return self.annotate(
            is_overdue=Case(
                When(status=CommitmentStatus.OPEN, due_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def with_people(self):
        return self.select_related("partner", "owner_contact", "owner_user", "closed_by")

    def with_links_visible_to(self, user):
        """Load the outcome and activity served, with `outcome_visible` / `activity_visible`: those are tiered
        through their plan or themselves, and a commitment shared with the partner must not reveal a hidden one."""
        return self.select_related("outcome", "activity").annotate(
            outcome_visible=Exists(Outcome.objects.visible_to(user).filter(pk=OuterRef("outcome_id"))),
            activity_visible=Exists(Activity.objects.visible_to(user).filter(pk=OuterRef("activity_id"))),
        )

    def agenda_for(self, side_meeting):
        """The administration's open commitments raised before this side meeting: its agenda until they close.

        A commitment recorded outside a side meeting counts from the day it was recorded.
        """
        return self.open().filter(
            Q(side_meeting__held_on__lt=side_meeting.held_on)
            | Q(side_meeting__isnull=True, created_at__date__lt=side_meeting.held_on),
            partner_id=side_meeting.partner_id,
        )


class Commitment(TieredModel, TimeStampedModel):
    """A next step agreed with a delegation. Open ones follow the administration until closed."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(
        PartnerAdministration, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("administration")
    )
    side_meeting = models.ForeignKey(
        SideMeeting,
        on_delete=models.PROTECT,
        related_name="commitments",
        null=True,
        blank=True,
        verbose_name=_("raised at"),
    )
    title = models.CharField(_("what"), max_length=300)
    description = models.TextField(_("details"), blank=True)
    owner = models.CharField(_("owner"), max_length=20, choices=Owner.choices)
    owner_contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
        verbose_name=_("owner at the administration"),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="owned_commitments",
        null=True,
        blank=True,
        verbose_name=_("owner in the programme team"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="closed_commitments",
        null=True,
        blank=True,
        verbose_name=_("closed by"),
    )
    closing_comment = models.TextField(_("closing comment"), blank=True)
    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
        verbose_name=_("outcome"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
        verbose_name=_("activity"),
    )

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            models.Index(fields=["status", "due_on"], name="commitment_status_due_idx"),
            models.Index(fields=["partner", "status", "due_on"], name="commitment_partner_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True) | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="commitment_closed_at_matches_status",
                violation_error_message=_("An open commitment has no closing date; a closed one has one."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:commitment", args=[self.uuid])
