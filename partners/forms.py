"""Staff forms for a country's programme records. Each catches what people get wrong with a message at the field;
the services in partners/services.py then write what the form accepted."""

from decimal import Decimal

from django import forms
from django.db.models import Max
from django.forms import BaseFormSet, formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acip.lib.concurrency import VersionedModelForm
from acip.lib.fields import SHORT_TEXT
from acip.lib.forms import DateInput, DecimalField, LimitedTextFormField, ModelMultipleChoiceField
from partners.models import (
    SCORE_MAX,
    SCORE_MIN,
    Activity,
    ActivityStatus,
    Assessment,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
    RespondentGroup,
    StatusChange,
)
from partners.services import (
    ACTIVITY_FIELDS,
    ASSESSMENT_FIELDS,
    INDICATOR_FIELDS,
    INDICATOR_VALUE_FIELDS,
    OUTCOME_FIELDS,
    PLAN_FIELDS,
    Scores,
)


def textarea(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


def end_not_before_start(form: forms.Form, start: str, end: str, message) -> None:
    starts_on, ends_on = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if starts_on and ends_on and ends_on < starts_on:
        form.add_error(end, message)


def not_in_future(form: forms.Form, name: str, message) -> None:
    value = form.cleaned_data.get(name)
    if value and value > timezone.localdate():
        form.add_error(name, message)


class ChangeReasonForm(VersionedModelForm):
    """An edit form with a "reason for the change", kept in the record's history, that refuses to overwrite a newer
    version of its record (acip/lib/concurrency.py).

    The reason is optional unless a figure named in `reason_required_for` (a baseline, a target) is replaced by
    another. A new record needs no reason, so the field is only shown on edits.
    """

    reason_required_for: tuple[str, ...] = ()
    #: The admin lays out its fields once for adding and changing (and for an inline's new rows), so it keeps the
    #: field on a new record too, where it is simply not needed.
    reason_on_new_records = False

    change_reason = LimitedTextFormField(
        max_length=SHORT_TEXT,
        label=_("Reason for the change"),
        required=False,
        widget=textarea(2),
        help_text=_("Kept in the history of this record, with your name and the date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.reason_on_new_records:
            del self.fields["change_reason"]
        elif self.reason_required_for:
            names = ", ".join(str(self.fields[name].label).lower() for name in self.reason_required_for)
            self.fields["change_reason"].help_text = _(
                "Required when you change the %(fields)s. Kept in the history of this record, with your name and "
                "the date."
            ) % {"fields": names}

    def clean(self):
        cleaned_data = super().clean()
        # A reason refused as too long has its own message: asking for one as well would contradict it.
        reason_refused = "change_reason" in self.errors
        if self.instance.pk and not reason_refused and not cleaned_data.get("change_reason", "").strip():
            for name in self.reason_required_for:
                # Setting a figure for the first time is not a change; replacing one is. The instance still holds
                # the stored values here: ModelForm copies the form's data onto it only after clean(). (Compared as
                # cleaned values, not with `changed_data`, which would compare a raw "sNaN" and raise.)
                stored = getattr(self.instance, name)
                if name in self.errors or stored is None:
                    continue
                if cleaned_data.get(name) != stored:
                    self.add_error(
                        "change_reason",
                        _("Give the reason for changing the %(field)s.")
                        % {"field": str(self.fields[name].label).lower()},
                    )
        return cleaned_data

    @property
    def reason(self) -> str:
        return self.cleaned_data.get("change_reason", "").strip()

    def save(self, commit=True):
        # The admin saves through the form: the reason goes to the record's history as the app's services hand it.
        if self.reason:
            self.instance._change_reason = self.reason
        return super().save(commit)


class StaffUserChoiceField(forms.ModelChoiceField):
    """A member of the programme staff, by name (the field's `limit_choices_to` keeps the choice to staff)."""

    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class FocalPointForm(VersionedModelForm):
    """The staff member responsible for a country, in the app and in the admin alike: the model's
    `limit_choices_to` is the one rule (only active programme staff), which both forms apply."""

    class Meta:
        model = PartnerAdministration
        fields = ["focal_point"]
        field_classes = {"focal_point": StaffUserChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["focal_point"]
        field.queryset = field.queryset.order_by("first_name", "last_name", "username")
        field.empty_label = _("No focal point")


class StatusChangeForm(forms.ModelForm):
    class Meta:
        model = StatusChange
        fields = ["effective_on", "stage", "health", "reason", "tier"]
        widgets = {"effective_on": DateInput(), "reason": textarea(4)}
        labels = {"reason": _("Reason for the change")}
        error_messages = {"reason": {"required": _("Give the reason for this status.")}}
        help_texts = {
            "reason": _("Why the administration is at this stage and health now. Required."),
            "tier": _("Who may read the reason besides the programme staff. The stage and health are always shown."),
        }

    def __init__(self, *args, current: StatusChange | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("effective_on", timezone.localdate())
            if current is not None:
                # Start from the current status, so that only what changes needs changing.
                self.initial.setdefault("stage", current.stage)
                self.initial.setdefault("health", current.health)

    def clean_effective_on(self):
        effective_on = self.cleaned_data["effective_on"]
        if effective_on > timezone.localdate():
            raise forms.ValidationError(_("The effective date cannot be in the future."))
        return effective_on


class CountryPlanForm(ChangeReasonForm):
    class Meta:
        model = CountryPlan
        fields = PLAN_FIELDS
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "approved_on": DateInput(),
            "general_outcome": textarea(3),
        }

    def __init__(self, *args, partner, **kwargs):
        self.partner = partner
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None:
            latest = partner.plans.aggregate(latest=Max("version"))["latest"]
            self.initial["version"] = (latest or 0) + 1

    def clean(self):
        cleaned_data = super().clean()
        end_not_before_start(self, "starts_on", "ends_on", _("The plan cannot end before it starts."))
        not_in_future(self, "approved_on", _("The approval date cannot be in the future."))
        version = cleaned_data.get("version")
        if version is not None:
            taken = CountryPlan.objects.filter(partner=self.partner, version=version).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("version", _("This administration already has a plan with this version number."))
        return cleaned_data


class OutcomeForm(ChangeReasonForm):
    class Meta:
        model = Outcome
        fields = [*OUTCOME_FIELDS, "factors"]
        widgets = {"description": textarea(3), "factors": forms.CheckboxSelectMultiple}
        field_classes = {"factors": ModelMultipleChoiceField}
        help_texts = {
            "factors": _("The Revised Arusha Declaration factors this outcome serves; the first one groups it."),
            "position": _("Order among the plan's outcomes (lower first)."),
        }


class IndicatorForm(ChangeReasonForm):
    reason_required_for = ("baseline",)

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        widgets = {"baseline_on": DateInput()}
        help_texts = {"position": _("Order among the outcome's indicators (lower first).")}

    def clean(self):
        cleaned_data = super().clean()
        not_in_future(self, "baseline_on", _("The baseline date cannot be in the future."))
        return cleaned_data


class IndicatorValueForm(ChangeReasonForm):
    reason_required_for = ("target",)

    class Meta:
        model = IndicatorValue
        fields = INDICATOR_VALUE_FIELDS
        widgets = {"comment": textarea(2)}

    def __init__(self, *args, indicator: Indicator | None = None, **kwargs):
        # The app's page is for one indicator; the admin's form chooses it (or is an inline of it).
        self.indicator = indicator
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is None:
            self.initial["period"] = timezone.localdate().year
        if indicator is not None:
            self.fields["target"].help_text = _("In %(unit)s.") % {"unit": indicator.unit}
            self.fields["actual"].help_text = _("In %(unit)s. Leave empty until the result is known.") % {
                "unit": indicator.unit
            }

    def clean_period(self):
        period = self.cleaned_data["period"]
        indicator = self.indicator or self.cleaned_data.get("indicator")
        indicator_id = indicator.pk if indicator else self.instance.indicator_id
        if indicator_id is None:
            return period  # the admin's indicator field has its own message; the model checks the year again
        taken = IndicatorValue.objects.filter(indicator_id=indicator_id, period=period).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This indicator already has a value for %(year)s: change that one instead."), params={"year": period}
            )
        return period

    def clean(self):
        cleaned_data = super().clean()
        if "target" not in self.errors and cleaned_data.get("target") is None and cleaned_data.get("actual") is None:
            self.add_error("target", _("Give a target, an actual or both."))
        return cleaned_data


class AssessmentForm(ChangeReasonForm):
    class Meta:
        model = Assessment
        fields = ASSESSMENT_FIELDS
        widgets = {"started_on": DateInput(), "ended_on": DateInput(), "summary": textarea(3)}
        help_texts = {"tier": _("Survey results are confidential to the administration: share them with care.")}

    def clean(self):
        cleaned_data = super().clean()
        end_not_before_start(self, "started_on", "ended_on", _("The assessment cannot end before it starts."))
        not_in_future(self, "started_on", _("Record an assessment once it has started."))
        return cleaned_data


class FactorScoreForm(forms.Form):
    """The two scores of one integrity factor: one per respondent group."""

    def __init__(self, *args, factor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.factor = factor
        for group, group_label in RespondentGroup.choices:
            self.fields[group] = DecimalField(
                label=_("%(group)s: %(factor)s") % {"group": group_label, "factor": factor or ""},
                required=False,
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                # No max_digits: the scale's own bounds say it better than "at most 3 digits" would, once.
                decimal_places=1,
                error_messages={
                    "min_value": _("A score is between 0 and 100."),
                    "max_value": _("A score is between 0 and 100."),
                    "max_decimal_places": _("Give at most one decimal place."),
                    "invalid": _("Enter a number between 0 and 100."),
                },
                widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "100", "inputmode": "decimal"}),
            )


class BaseFactorScoreFormSet(BaseFormSet):
    """Ten rows, one per integrity factor in the declaration's order, each with a score per respondent group.

    A group is scored on all ten factors or on none (a survey without private-sector respondents, an assessment
    without scores): a half-filled group would draw a misleading profile.
    """

    def __init__(self, *args, factors, **kwargs):
        self.factors = list(factors)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["factor"] = self.factors[index] if index is not None and index < len(self.factors) else None
        return kwargs

    def clean(self):
        if any(self.errors):
            return
        if len(self.forms) != len(self.factors):
            raise forms.ValidationError(_("Give the scores of all ten factors; reload the page and try again."))
        for group, group_label in RespondentGroup.choices:
            given = [form.cleaned_data.get(group) is not None for form in self.forms]
            if any(given) and not all(given):
                for form, has_score in zip(self.forms, given, strict=True):
                    if not has_score:
                        form.add_error(
                            group,
                            _("Give this score too, or leave every %(group)s score empty.")
                            % {"group": str(group_label).lower()},
                        )

    def scores(self) -> Scores:
        return {
            (form.factor.pk, group): form.cleaned_data.get(group)
            for form in self.forms
            for group in RespondentGroup.values
        }

    @classmethod
    def initial_for(cls, factors, assessment: Assessment | None) -> list[dict[str, Decimal | None]]:
        existing = {}
        if assessment is not None and assessment.pk:
            existing = {(s.factor_id, s.group): s.score for s in assessment.scores.all()}
        return [{group: existing.get((factor.pk, group)) for group in RespondentGroup.values} for factor in factors]


FactorScoreFormSet = formset_factory(
    FactorScoreForm, formset=BaseFactorScoreFormSet, extra=0, max_num=10, absolute_max=10, validate_max=True
)


class ActivityForm(ChangeReasonForm):
    class Meta:
        model = Activity
        fields = ACTIVITY_FIELDS
        widgets = {
            "planned_start_on": DateInput(),
            "planned_end_on": DateInput(),
            "actual_start_on": DateInput(),
            "actual_end_on": DateInput(),
            "description": textarea(3),
        }

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = Outcome.objects.filter(plan__partner=partner).select_related("plan")

    def clean(self):
        cleaned_data = super().clean()
        end_not_before_start(
            self, "planned_start_on", "planned_end_on", _("The planned end cannot be before the planned start.")
        )
        end_not_before_start(
            self, "actual_start_on", "actual_end_on", _("The actual end cannot be before the actual start.")
        )
        not_in_future(self, "actual_start_on", _("An actual date cannot be in the future: plan it instead."))
        not_in_future(self, "actual_end_on", _("An actual date cannot be in the future: plan it instead."))
        if cleaned_data.get("actual_end_on") and not cleaned_data.get("actual_start_on"):
            self.add_error("actual_start_on", _("Give the actual start as well as the actual end."))
        if cleaned_data.get("status") == ActivityStatus.COMPLETED and not cleaned_data.get("actual_start_on"):
            if "actual_start_on" not in self.errors:
                self.add_error("actual_start_on", _("A completed activity needs the date it actually started."))
        return cleaned_data
