"""Django admin for engagements: meetings with their attendance and side meetings, and the notes and commitments
of each side meeting. Every model here keeps its history, so every admin extends `acip.admin.HistoryAdmin`."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acip.admin import AUDIT_FIELDS, HistoryAdmin, StackedInline, TabularInline
from acip.lib.queries import count_of
from meetings.models import Attendance, Commitment, CommitmentStatus, Meeting, Note, SideMeeting


def stamp_closing(commitment: Commitment, user) -> None:
    """Keep the closing fields in step with the status that the form set: the admin shows them read-only, and the
    database refuses an open commitment with a closing date or a closed one without.

    The app's pages close a commitment through `services.commitment_close`, which asks for a comment and never
    reopens; the admin is the administrators' tool for corrections, reopening included, so it only keeps the fields
    consistent. Its changes are in the commitment's history like any other.
    """
    if commitment.status == CommitmentStatus.OPEN:
        commitment.closed_at = None
        commitment.closed_by = None
    elif commitment.closed_at is None:
        commitment.closed_at = timezone.now()
        commitment.closed_by = user


class AttendanceInline(TabularInline):
    model = Attendance
    fields = ["partner", "contacts"]
    autocomplete_fields = ["partner", "contacts"]
    extra = 0


class SideMeetingInline(TabularInline):
    model = SideMeeting
    fields = ["partner", "held_on", "atmosphere", "tier"]
    autocomplete_fields = ["partner"]
    extra = 0
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = [
        "title",
        "kind",
        "committee",
        "session_number",
        "cbc_session_number",
        "starts_on",
        "ends_on",
        "place",
        "is_online",
        "attendance_count",
        "side_meeting_count",
    ]
    list_filter = ["kind", "committee", "is_online", "programme"]
    search_fields = ["title", "place", "theme"]
    date_hierarchy = "starts_on"
    readonly_fields = ["uuid", *AUDIT_FIELDS]
    inlines = [AttendanceInline, SideMeetingInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                attendance_count=count_of(Attendance, "meeting"),
                side_meeting_count=count_of(SideMeeting, "meeting"),
            )
        )

    @admin.display(description=_("administrations attending"), ordering="attendance_count")
    def attendance_count(self, meeting):
        return meeting.attendance_count

    @admin.display(description=_("side meetings"), ordering="side_meeting_count")
    def side_meeting_count(self, meeting):
        return meeting.side_meeting_count


@admin.register(Attendance)
class AttendanceAdmin(HistoryAdmin):
    list_display = ["partner", "meeting", "delegate_count"]
    list_filter = ["meeting__kind", "partner__region"]
    list_select_related = ["partner", "meeting"]
    search_fields = ["partner__country_name", "partner__name", "meeting__title"]
    autocomplete_fields = ["meeting", "partner", "contacts"]
    readonly_fields = AUDIT_FIELDS

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(delegate_count=count_of(Attendance.contacts.through, "attendance"))
        )

    @admin.display(description=_("delegates"), ordering="delegate_count")
    def delegate_count(self, attendance):
        return attendance.delegate_count


class NoteInline(StackedInline):
    model = Note
    fields = ["text", "tier", "author"]
    autocomplete_fields = ["author"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommitmentInline(StackedInline):
    """A commitment raised here belongs to the side meeting's administration (set on save, see `save_formset`)."""

    model = Commitment
    fields = [
        ("title", "tier"),
        "description",
        ("owner", "owner_contact", "owner_user"),
        ("due_on", "status"),
        ("closed_at", "closed_by"),
    ]
    readonly_fields = ["closed_at", "closed_by"]
    autocomplete_fields = ["owner_contact", "owner_user"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner_contact", "owner_user", "closed_by")


@admin.register(SideMeeting)
class SideMeetingAdmin(HistoryAdmin):
    list_display = ["partner", "meeting", "held_on", "atmosphere", "tier", "note_count", "commitment_count"]
    list_filter = ["atmosphere", "tier", "meeting__kind", "partner__region"]
    list_select_related = ["partner", "meeting"]
    search_fields = ["partner__country_name", "partner__name", "meeting__title", "purpose", "key_outcomes"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["meeting", "partner", "partner_participants", "status_change"]
    readonly_fields = ["uuid", *AUDIT_FIELDS]
    inlines = [NoteInline, CommitmentInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(note_count=count_of(Note, "side_meeting"), commitment_count=count_of(Commitment, "side_meeting"))
        )

    @admin.display(description=_("notes"), ordering="note_count")
    def note_count(self, side_meeting):
        return side_meeting.note_count

    @admin.display(description=_("commitments"), ordering="commitment_count")
    def commitment_count(self, side_meeting):
        return side_meeting.commitment_count

    def save_formset(self, request, form, formset, change):
        if formset.model is not Commitment:
            return super().save_formset(request, form, formset, change)
        for commitment in formset.save(commit=False):
            if commitment.partner_id is None:
                commitment.partner_id = form.instance.partner_id
            stamp_closing(commitment, request.user)
            commitment.save()
        for commitment in formset.deleted_objects:
            commitment.delete()
        formset.save_m2m()


@admin.register(Note)
class NoteAdmin(HistoryAdmin):
    list_display = ["__str__", "side_meeting", "author", "tier", "created_at"]
    list_filter = ["tier", "side_meeting__partner__region"]
    # A side meeting's name is its administration's and its meeting's.
    list_select_related = ["side_meeting__partner", "side_meeting__meeting", "author"]
    search_fields = ["text", "side_meeting__partner__country_name", "side_meeting__meeting__title"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["side_meeting", "author"]
    readonly_fields = AUDIT_FIELDS

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdmin):
    list_display = [
        "title",
        "partner",
        "owner",
        "owner_contact",
        "owner_user",
        "due_on",
        "status",
        "tier",
        "side_meeting",
    ]
    list_filter = ["status", "owner", "tier", "partner__region"]
    list_select_related = [
        "partner",
        "owner_contact",
        "owner_user",
        "side_meeting__partner",
        "side_meeting__meeting",
    ]
    search_fields = ["title", "description", "partner__country_name", "partner__name"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["partner", "side_meeting", "owner_contact", "owner_user", "outcome", "activity"]
    readonly_fields = ["uuid", "closed_at", "closed_by", *AUDIT_FIELDS]

    def save_model(self, request, obj, form, change):
        stamp_closing(obj, request.user)
        super().save_model(request, obj, form, change)
