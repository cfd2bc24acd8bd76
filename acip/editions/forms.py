from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acip.editions.models import Edition
from acip.lib.forms import DateInput
from meetings.models import Meeting, MeetingKind


class EditionForm(forms.ModelForm):
    """Freeze an edition: on a committee session's day (its title by default) or on any past day with a title."""

    class Meta:
        model = Edition
        fields = ["title", "frozen_on", "meeting"]
        widgets = {"frozen_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _(
            "For example “18th Integrity Sub-Committee”. Leave empty to use the session's title."
        )
        self.fields["meeting"].queryset = Meeting.objects.filter(kind=MeetingKind.COMMITTEE).order_by("-starts_on")
        self.fields["meeting"].empty_label = _("No session")
        if not self.is_bound:
            self.initial.setdefault("frozen_on", timezone.localdate())

    def clean_frozen_on(self):
        frozen_on = self.cleaned_data["frozen_on"]
        if frozen_on > timezone.localdate():
            raise forms.ValidationError(_("An edition keeps what is true on a day that has come: not a future date."))
        return frozen_on

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title"):
            meeting = cleaned.get("meeting")
            if meeting:
                cleaned["title"] = meeting.title
            elif "meeting" in cleaned:
                self.add_error("title", _("Give the edition a title, or choose the committee session it is for."))
        return cleaned


class CompareForm(forms.Form):
    """Which earlier edition the page compares with (`?compare=<id>`)."""

    compare = forms.ModelChoiceField(queryset=Edition.objects.none(), label=_("Compare with"), empty_label=None)

    def __init__(self, *args, earlier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compare"].queryset = earlier
