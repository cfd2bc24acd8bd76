"""Engagements with the delegations: meetings, who attended, side meetings, their notes and the commitments
(next steps) agreed there. The top of the house: reads `partners` and `acip`, which never import it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from acip.access import ScopedQuerySet
from acip.lib.fields import LONG_TEXT, NAMES_TEXT, SHORT_TEXT, LimitedTextField, text_length_limit
from acip.lib.queries import count_of
from acip.lib.urls import reverse_one
from acip.models import Programme, TieredModel, TimeStampedModel, dates_in_order
from acip.roles import membership_of
from partners.models import Activity, Contact, Outcome, PartnerAdministration, StatusChange


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th... in the user's language (a session: "1re", "2e" in French)."""
    if number == 1:
        template = pgettext("ordinal 1", "%(number)sst")
    elif number % 100 in (11, 12, 13):
        template = pgettext("ordinal 11, 12, 13", "%(number)sth")
    elif number % 10 == 1:
        template = pgettext("ordinal 21, 31...", "%(number)sst")
    elif number % 10 == 2:
        template = pgettext("ordinal 2, 22...", "%(number)snd")
    elif number % 10 == 3:
        template = pgettext("ordinal 3, 23...", "%(number)srd")
    else:
        template = pgettext("ordinal 4, 5...", "%(number)sth")
    return template % {"number": number}


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


class MeetingQuerySet(ScopedQuerySet):
    def _partner_q(self, membership):
        # A meeting is visible through the administrations that attended it or met the programme team there: a
        # side meeting that the user may see never names a meeting that they may not.
        attended = Attendance.objects.filter(super()._partner_q(membership))
        met = SideMeeting.objects.filter(super()._partner_q(membership))
        return Q(pk__in=attended.values("meeting_id")) | Q(pk__in=met.values("meeting_id"))

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
            attendance_count=count_of(Attendance.objects.visible_to(user), "meeting"),
            side_meeting_count=count_of(SideMeeting.objects.visible_to(user), "meeting"),
        )


class Meeting(TimeStampedModel):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    committee = models.CharField(_("committee"), max_length=10, choices=Committee.choices, blank=True)
    session_number = models.PositiveSmallIntegerField(
        _("session number"),
        null=True,
        blank=True,
        help_text=_("For a committee session, for example 18. For a joint session, the Integrity Sub-Committee's."),
    )
    cbc_session_number = models.PositiveSmallIntegerField(
        _("CBC number"),
        null=True,
        blank=True,
        help_text=_("For a joint session only: the Capacity Building Committee's own number, for example 10."),
    )
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("City, or 'Online'."))
    is_online = models.BooleanField(_("online"), default=False)
    theme = LimitedTextField(_("theme"), blank=True, max_length=SHORT_TEXT)
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
            models.CheckConstraint(
                condition=Q(committee="cbc_isc") | Q(cbc_session_number__isnull=True),
                name="meeting_cbc_number_only_for_joint_sessions",
                violation_error_message=_("Only a joint session has a CBC session number of its own."),
            ),
            text_length_limit("theme", SHORT_TEXT),
        ]

    def __str__(self):
        return self.title

    @property
    def session_label(self) -> str:
        """The session as the WCO names it: "10th CBC and 18th ISC", "19th ISC", or "" without a number."""
        number, cbc = self.session_number, self.cbc_session_number
        if self.committee == Committee.CBC_ISC and number and cbc:
            return gettext("%(cbc)s CBC and %(isc)s ISC") % {"cbc": ordinal(cbc), "isc": ordinal(number)}
        if not number:
            return ""
        if self.committee == Committee.CBC:
            return gettext("%(number)s CBC") % {"number": ordinal(number)}
        if self.committee in (Committee.ISC, Committee.CBC_ISC):
            return gettext("%(number)s ISC") % {"number": ordinal(number)}
        return gettext("session %(number)s") % {"number": number}

    def get_absolute_url(self):
        return reverse_one("meetings:detail", self.uuid)


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
    purpose = LimitedTextField(_("purpose"), blank=True, max_length=SHORT_TEXT)
    wco_participants = LimitedTextField(_("programme team participants"), blank=True, max_length=NAMES_TEXT)
    partner_participants = models.ManyToManyField(
        Contact, related_name="side_meetings", blank=True, verbose_name=_("delegation participants")
    )
    key_outcomes = LimitedTextField(_("key outcomes"), blank=True, max_length=LONG_TEXT)
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
        indexes = [
            models.Index(fields=["partner", "-held_on"], name="side_meeting_partner_idx"),
            # The admin's change list, newest first: a page of 100 read from the index, not a sort of every row.
            models.Index(fields=["-held_on"], name="side_meeting_held_on_idx"),
        ]
        constraints = [
            text_length_limit("purpose", SHORT_TEXT),
            text_length_limit("wco_participants", NAMES_TEXT),
            text_length_limit("key_outcomes", LONG_TEXT),
        ]

    def __str__(self):
        return f"{self.partner} – {self.meeting}"

    def get_absolute_url(self):
        return reverse_one("meetings:side_meeting", self.uuid)


class NoteQuerySet(ScopedQuerySet):
    partner_path = "side_meeting__partner"
    tier_scope = "row"

    def visible_to(self, user):
        """A withdrawn note stays for staff, marked as withdrawn; nobody else reads it, whatever its tier."""
        notes = super().visible_to(user)
        if not membership_of(user).sees_everything:
            notes = notes.filter(withdrawn_at__isnull=True)
        return notes


class Note(TieredModel, TimeStampedModel):
    side_meeting = models.ForeignKey(
        SideMeeting, on_delete=models.CASCADE, related_name="notes", verbose_name=_("side meeting")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notes", verbose_name=_("author")
    )
    text = LimitedTextField(_("text"), max_length=LONG_TEXT)
    # A note is never deleted in the app: it is withdrawn, with the reason, and stays in the record for staff.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = LimitedTextField(_("reason for withdrawing"), max_length=SHORT_TEXT, blank=True)

    objects = NoteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        # The default ordering with its tiebreaker: the admin's change list reads its page of 100 from the index,
        # not a sort of every note (and its date hierarchy the first and last date).
        indexes = [models.Index(fields=["created_at", "id"], name="note_created_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""), name="note_text_required", violation_error_message=_("A note needs text.")
            ),
            text_length_limit("text", LONG_TEXT),
            text_length_limit("withdrawal_reason", SHORT_TEXT),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="note_withdrawn_with_a_reason",
                violation_error_message=_("Say why the note is withdrawn."),
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


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

    def with_owner_name(self, user):
        """Annotate `owner_name`: who owns the step, by name: the administration's person (if `user` may see that
        contact), else the programme team member's full name or username; "" when the owning side named nobody. In
        the database, so that the dashboard can count by it too."""
        full_name = NullIf(Trim(Concat("owner_user__first_name", Value(" "), "owner_user__last_name")), Value(""))
        contact_name = (
            "owner_contact__name"
            if membership_of(user).sees_everything
            else Subquery(Contact.objects.visible_to(user).filter(pk=OuterRef("owner_contact_id")).values("name")[:1])
        )
        return self.annotate(owner_name=Coalesce(contact_name, full_name, "owner_user__username", Value("")))

    def with_people(self, user):
        """The administration, who owns the commitment (the person at the administration as `user` may see them)
        and who closed it."""
        return (
            self.select_related("partner", "owner_user", "closed_by")
            .with_related_visible_to(user, "owner_contact")
            .with_owner_name(user)
        )

    def with_links_visible_to(self, user):
        """Load where the commitment was raised and the outcome and activity it serves, each as `user` may see it:
        those are tiered through their plan or themselves (or, linked in the admin, another administration's), and
        a commitment shared with the partner must not reveal a hidden one. A hidden one reads as None."""
        return self.with_related_visible_to(user, "side_meeting__meeting", "outcome", "activity")

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
    description = LimitedTextField(_("details"), blank=True, max_length=SHORT_TEXT)
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
    closing_comment = LimitedTextField(_("closing comment"), blank=True, max_length=SHORT_TEXT)
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
            # The default ordering with its tiebreaker: the admin's change list, a page read from the index.
            models.Index(fields=["due_on", "id"], name="commitment_due_on_idx"),
            # A staff member's open commitments by due date: the navigation's "My work" count on every staff page
            # and My work's lists (acip/dashboards/mywork.py); the owner's own index read every commitment they
            # ever owned (25,000 at scale) to find the 2,500 open and due. With `owner` and the id in it, the count
            # and My work's numbering of the lists read the index alone, in its order.
            models.Index(fields=["owner_user", "owner", "status", "due_on", "id"], name="commitment_owner_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True) | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="commitment_closed_at_matches_status",
                violation_error_message=_("An open commitment has no closing date; a closed one has one."),
            ),
            text_length_limit("description", SHORT_TEXT),
            text_length_limit("closing_comment", SHORT_TEXT),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_one("meetings:commitment", self.uuid)
