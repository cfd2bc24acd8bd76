"""Forms for meetings, side meetings, notes and commitments. The status agreed at a side meeting uses the one status
form of the project, partners.forms.StatusChangeForm, so that it follows the same rules as the country page.

Cross-field rules live in clean() so that a mistake shows next to the field it concerns; the database constraints
on the models say the same things once more.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from acip.lib.concurrency import VersionedModelForm
from acip.lib.fields import SHORT_TEXT
from acip.lib.forms import DateInput, LimitedTextFormField, ModelMultipleChoiceField
from acip.models import Tier
from acip.roles import GROUP_STAFF
from meetings.models import Commitment, CommitmentStatus, Committee, Meeting, MeetingKind, Note, Owner, SideMeeting
from meetings.services import COMMITMENT_FIELDS, MEETING_FIELDS, SIDE_MEETING_FIELDS
from partners.models import Activity, Contact, Outcome, PartnerAdministration


class MonthForm(forms.Form):
    """The month the calendar shows: `?month=2026-11` (the browser's month picker)."""

    FIRST, LAST = datetime.date(1950, 1, 1), datetime.date(2100, 12, 1)

    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Year and month, for example 2026-11."),
        error_messages={"invalid": _("Enter a year and a month, for example 2026-11.")},
    )

    @classmethod
    def for_query(cls, params, today: datetime.date) -> "MonthForm":
        """The form for a request's query string, showing this month when it names none."""
        data = params.copy()
        if not data.get("month"):
            data["month"] = today.strftime("%Y-%m")
        return cls(data)

    def clean_month(self):
        month = self.cleaned_data["month"]
        if not self.FIRST <= month <= self.LAST:
            raise forms.ValidationError(_("Pick a month between January 1950 and December 2100."))
        return month

    def first_day(self, today: datetime.date) -> datetime.date:
        """The first day of the month asked for, or of `today`'s month when the one asked for is wrong."""
        return self.cleaned_data["month"] if self.is_valid() else today.replace(day=1)


class PartnerChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.country_name} – {obj.name}"


class ContactChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        position = obj.get_position_display()
        return f"{obj.name} ({obj.job_title or position})"


class StaffUserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def staff_users():
    return (
        get_user_model()
        .objects.filter(Q(groups__name=GROUP_STAFF) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class MeetingForm(VersionedModelForm):
    """The meeting and who attended it, in one form: the administrations and, under each, its delegates."""

    partners = PartnerChoiceField(
        queryset=PartnerAdministration.objects.select_related("region").order_by("region__position", "country_name"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
        label=_("Administrations attending"),
    )
    contacts = ContactChoiceField(
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
        label=_("Delegates attending"),
        help_text=_("Tick the delegates under each administration that attends."),
    )

    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "theme": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The database column is a small integer: refuse what would not fit rather than fail on save.
        for name in ("session_number", "cbc_session_number"):
            self.fields[name].validators.append(MaxValueValidator(999))
            self.fields[name].widget.attrs["max"] = 999
        chosen_contacts = Q(pk__in=[])
        if self.instance.pk is not None:
            attendances = list(self.instance.attendances.prefetch_related("contacts"))
            self.initial.setdefault("partners", [attendance.partner_id for attendance in attendances])
            contact_ids = [contact.pk for attendance in attendances for contact in attendance.contacts.all()]
            self.initial.setdefault("contacts", contact_ids)
            chosen_contacts = Q(pk__in=contact_ids)
        # Former contacts stay listed where they were ticked, so saving does not silently drop them.
        self.fields["contacts"].queryset = Contact.objects.filter(Q(is_active=True) | chosen_contacts).order_by(
            "partner_id", "name"
        )
        programmes = self.fields["programme"].queryset
        if self.instance.pk is None and not self.initial.get("programme"):
            latest = programmes.order_by("-starts_on").first()
            self.initial["programme"] = latest.pk if latest else None

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The meeting cannot end before it starts."))
        kind = cleaned.get("kind")
        if kind and kind != MeetingKind.COMMITTEE:
            if cleaned.get("committee"):
                self.add_error("committee", _("Only a committee session names a committee."))
            if cleaned.get("session_number"):
                self.add_error("session_number", _("Only a committee session has a session number."))
        if cleaned.get("cbc_session_number") and cleaned.get("committee") != Committee.CBC_ISC:
            self.add_error(
                "cbc_session_number", _("Only a joint CBC and ISC session has a CBC session number of its own.")
            )
        if kind == MeetingKind.COMMITTEE and not cleaned.get("committee"):
            self.add_error("committee", _("Choose the committee that meets in this session."))
        partners = cleaned.get("partners")
        if partners is not None and cleaned.get("contacts"):
            partner_ids = {partner.pk for partner in partners}
            strays = [contact for contact in cleaned["contacts"] if contact.partner_id not in partner_ids]
            if strays:
                self.add_error(
                    "contacts",
                    _("Tick the administration of %(names)s as attending, or untick them.")
                    % {"names": ", ".join(contact.name for contact in strays)},
                )
        return cleaned

    def attendance_rows(self):
        """Each administration's checkbox with its delegates' checkboxes, for the template to nest them."""
        contacts_by_partner: dict[int, list] = {}
        for widget in self["contacts"]:
            contacts_by_partner.setdefault(widget.data["value"].instance.partner_id, []).append(widget)
        rows = []
        for widget in self["partners"]:
            partner = widget.data["value"].instance
            rows.append({"partner": partner, "widget": widget, "contacts": contacts_by_partner.get(partner.pk, [])})
        return rows


class BriefingRegionForm(forms.Form):
    """Which region of a session's briefing pack to show: `?region=<code>`, among the regions of the delegations."""

    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        error_messages={
            "invalid_choice": _("No delegation of this meeting comes from that region: every region is shown.")
        },
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions"))] + [(region.code, region.label) for region in regions]


class PartnerPickForm(forms.Form):
    """Which attending administration a new side meeting is with."""

    partner = forms.ModelChoiceField(
        queryset=PartnerAdministration.objects.none(),
        to_field_name="slug",
        label=_("Administration"),
        empty_label=None,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = PartnerAdministration.objects.filter(attendances__meeting=meeting)


class SideMeetingForm(VersionedModelForm):
    partner_participants = ContactChoiceField(
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
        label=_("Delegation participants"),
    )

    class Meta:
        model = SideMeeting
        # The service's list with the delegation's participants (written by the service as a set) in their place.
        fields = [*SIDE_MEETING_FIELDS[:2], "partner_participants", *SIDE_MEETING_FIELDS[2:]]
        widgets = {
            "held_on": DateInput(),
            "wco_participants": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "key_outcomes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "wco_participants": _("Names of the programme team members, one per line."),
            "atmosphere": _("Seen by programme staff only, whatever the confidentiality below."),
            "tier": _("Who besides the programme staff may read the purpose, key outcomes and team participants."),
        }

    def __init__(self, *args, meeting: Meeting, partner: PartnerAdministration, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        chosen = Q(pk__in=self.instance.partner_participants.all()) if self.instance.pk else Q(pk__in=[])
        self.fields["partner_participants"].queryset = Contact.objects.filter(
            Q(is_active=True) | chosen, partner=partner
        )
        if self.instance.pk is None and not self.initial.get("held_on"):
            self.initial["held_on"] = meeting.starts_on

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if not self.meeting.starts_on <= held_on <= self.meeting.ends_on:
            raise forms.ValidationError(
                _("A side meeting is held during its meeting, from %(start)s to %(end)s.")
                % {"start": self.meeting.starts_on.isoformat(), "end": self.meeting.ends_on.isoformat()}
            )
        return held_on


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["text", "tier"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "tier": forms.RadioSelect}
        labels = {"text": _("Note")}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the note."))
        return text


class NoteEditForm(VersionedModelForm):
    """Correct a note and its tier (its author or staff); the same rules as a new note's."""

    class Meta:
        model = Note
        fields = ["text", "tier"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5}), "tier": forms.RadioSelect}
        labels = {"text": _("Note")}

    clean_text = NoteForm.clean_text


class NoteWithdrawForm(forms.Form):
    reason = LimitedTextFormField(
        label=_("Why is the note withdrawn?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        help_text=_("Staff keep seeing the note, marked as withdrawn, with this reason; nobody else does."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the note is withdrawn."))
        return reason


class CommitmentForm(VersionedModelForm):
    owner_user = StaffUserChoiceField(
        queryset=get_user_model().objects.none(), required=False, label=_("Owner in the programme team")
    )

    class Meta:
        model = Commitment
        fields = COMMITMENT_FIELDS
        widgets = {"due_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3}), "owner": forms.RadioSelect}
        help_texts = {
            "tier": _("Shared with the partner by default: the delegation sees the commitments agreed with it."),
        }

    def __init__(self, *args, partner: PartnerAdministration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_contact"].queryset = Contact.objects.filter(partner=partner)
        self.fields["owner_user"].queryset = staff_users()
        self.fields["outcome"].queryset = Outcome.objects.filter(plan__partner=partner)
        self.fields["activity"].queryset = Activity.objects.filter(partner=partner)
        if self.instance.pk is None:
            # The model's default is staff only; a next step is agreed with the delegation, so it sees it.
            self.initial["tier"] = Tier.PARTNER

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner")
        if owner == Owner.PROGRAMME and cleaned.get("owner_contact"):
            self.add_error(
                "owner_contact", _("The programme team owns this step: leave the administration's person out.")
            )
        if owner == Owner.ADMINISTRATION and cleaned.get("owner_user"):
            self.add_error("owner_user", _("The administration owns this step: leave the programme team member out."))
        return cleaned


class CommitmentCloseForm(forms.Form):
    status = forms.ChoiceField(label=_("Close as"), widget=forms.RadioSelect)
    comment = LimitedTextFormField(
        label=_("Closing comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        help_text=_("What was done, or why the step was dropped."),
    )

    def __init__(self, *args, may_drop: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(CommitmentStatus.DONE.value, CommitmentStatus.DONE.label)]
        if may_drop:
            choices.append((CommitmentStatus.DROPPED.value, CommitmentStatus.DROPPED.label))
        self.fields["status"].choices = choices
        self.fields["status"].initial = CommitmentStatus.DONE

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("Say what was done or why the step was dropped."))
        return comment
