from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acip.lib.concurrency import VersionedModelForm
from acip.lib.fields import SHORT_TEXT
from acip.lib.forms import DateInput, LimitedTextFormField, ModelMultipleChoiceField
from acip.participation.kinds import Kind, as_text
from acip.participation.models import Decision, PageConfirmation, Proposal, ProposalKind, ValueReport
from partners.models import Contact, PartnerAdministration


def _textarea(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


class ConfirmationForm(forms.ModelForm):
    class Meta:
        model = PageConfirmation
        fields = ["confirmed_on", "comment"]
        widgets = {"confirmed_on": DateInput(), "comment": _textarea(3)}
        help_texts = {
            "confirmed_on": _("The day as of which the page is accurate: today, or an earlier day."),
            "comment": _("Optional. Staff read it, and so does anyone who reads your page's history."),
        }

    def clean_confirmed_on(self):
        confirmed_on = self.cleaned_data["confirmed_on"]
        if confirmed_on > timezone.localdate():
            raise forms.ValidationError(_("Choose today or an earlier day, not a future date."))
        return confirmed_on


class ProposalForm(forms.Form):
    """One input per field the delegate may correct, holding the record's value now, and the reason; every field
    they change becomes one proposal."""

    comment = LimitedTextFormField(
        max_length=SHORT_TEXT,
        label=_("Why (evidence or reason)"),
        widget=_textarea(3),
        help_text=_("Required. Staff read it when they review your proposal, and it is kept in the record's history."),
    )

    def __init__(self, *args, kind: Kind, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.record = kind, record
        proposed = {}
        for name in kind.fields:
            field = kind.form_field(name)
            self.fields[name] = field
            proposed[name] = getattr(record, name)
        if kind.kind == ProposalKind.COMMITMENT:
            proposed["status"] = False
        self.initial.update(proposed)
        # The reason last, after the values.
        self.order_fields([*kind.fields, "comment"])

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        if not self.changes():
            raise forms.ValidationError(_("Change at least one value: the form holds the record as it is now."))
        return cleaned_data

    def changes(self) -> dict:
        """The fields whose value differs from the record's, with the value proposed."""
        changed = {}
        for name in self.kind.fields:
            value = self.cleaned_data.get(name)
            if self.kind.kind == ProposalKind.COMMITMENT and name == "status":
                if value:
                    changed[name] = True
                continue
            if as_text(value) != as_text(getattr(self.record, name)):
                changed[name] = value
        return changed


class ValueReportForm(VersionedModelForm):
    class Meta:
        model = ValueReport
        fields = ["period", "actual", "comment"]
        widgets = {"comment": _textarea(3)}


class DecisionForm(forms.Form):
    """Staff's decision on one or several items of the queue, with one comment."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.ACCEPTED, _("Accept (approve)")),
            (Decision.RETURNED, _("Return with a comment")),
            (Decision.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    comment = LimitedTextFormField(
        max_length=SHORT_TEXT,
        label=_("Comment"),
        required=False,
        widget=_textarea(2),
        help_text=_("Required to return or reject. The delegate reads it; it is kept in the history."),
    )
    # Every item, not only the waiting ones: one decided by someone else meanwhile is then named in the answer.
    proposals = ModelMultipleChoiceField(
        queryset=Proposal.objects.all(), required=False, widget=forms.MultipleHiddenInput
    )
    reports = ModelMultipleChoiceField(
        queryset=ValueReport.objects.all(), required=False, widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = Proposal.objects.visible_to(user)
        self.fields["reports"].queryset = ValueReport.objects.visible_to(user)

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("proposals") and not cleaned_data.get("reports") and not self.has_error("proposals"):
            raise forms.ValidationError(_("Tick at least one item of the queue."))
        decision = cleaned_data.get("decision")
        if decision in (Decision.RETURNED, Decision.REJECTED) and not cleaned_data.get("comment", "").strip():
            self.add_error("comment", _("Say why: the delegate reads it."))
        return cleaned_data


#: The queue's "kind" filter: the kinds of proposal, and the reported values.
REPORT = "report"


class QueueFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        queryset=PartnerAdministration.objects.only("slug", "country_name"),
        to_field_name="slug",
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *ProposalKind.choices, (REPORT, _("Reported indicator value"))],
        required=False,
        label=_("Kind"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = PartnerAdministration.objects.visible_to(user).only("slug", "country_name")


class OwnContactForm(VersionedModelForm):
    """A delegate's own details, as the programme's contact list holds them."""

    class Meta:
        model = Contact
        fields = ["name", "position", "job_title", "email", "language"]
        help_texts = {"language": _("The language you work in; the programme writes to you in it.")}
