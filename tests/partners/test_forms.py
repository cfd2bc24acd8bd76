"""The staff forms catch what people get wrong, with the message at the field."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from acip.models import IntegrityFactor
from partners.forms import (
    ActivityForm,
    AssessmentForm,
    CountryPlanForm,
    FactorScoreFormSet,
    IndicatorForm,
    IndicatorValueForm,
    StatusChangeForm,
)
from partners.models import Activity, Assessment, CountryPlan, Indicator, IndicatorValue, StatusChange
from tests.partners.factories import (
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def days(n: int) -> str:
    return (today() + datetime.timedelta(days=n)).isoformat()


# Status change

STATUS = {
    "effective_on": "2024-01-01",
    "stage": "planning",
    "health": "at_risk",
    "reason": "Plan delayed.",
    "tier": "staff",
}


def test_status_form_accepts_today():
    assert StatusChangeForm({**STATUS, "effective_on": days(0)}).is_valid()


def test_status_form_refuses_a_future_date_at_the_field():
    form = StatusChangeForm({**STATUS, "effective_on": days(1)})
    assert form.errors == {"effective_on": ["The effective date cannot be in the future."]}


def test_status_form_requires_a_reason():
    assert "reason" in StatusChangeForm({**STATUS, "reason": ""}).errors
    assert StatusChangeForm({**STATUS, "reason": "  \n "}).errors["reason"] == ["Give the reason for this status."]


def test_status_form_labels_the_reason_as_the_reason_for_the_change():
    assert StatusChangeForm().fields["reason"].label == "Reason for the change"


def test_status_form_starts_on_today():
    assert StatusChangeForm().initial["effective_on"] == today()


# Plan

PLAN = {
    "title": "PID",
    "version": "1",
    "status": "draft",
    "starts_on": "2021-01-01",
    "ends_on": "2024-12-31",
    "approved_on": "",
    "general_outcome": "",
    "tier": "staff",
}


def plan_form(data, partner=None, instance=None):
    partner = partner or PartnerFactory()
    return CountryPlanForm(data, partner=partner, instance=instance or CountryPlan(partner=partner))


def test_plan_form_refuses_an_end_before_the_start_at_the_field():
    assert plan_form({**PLAN, "ends_on": "2020-12-31"}).errors == {
        "ends_on": ["The plan cannot end before it starts."]
    }


def test_plan_form_refuses_an_approval_in_the_future():
    assert "approved_on" in plan_form({**PLAN, "approved_on": days(3)}).errors


def test_plan_form_refuses_a_version_the_administration_already_has():
    plan = CountryPlanFactory(version=1)
    form = plan_form(PLAN, partner=plan.partner)
    assert form.errors == {"version": ["This administration already has a plan with this version number."]}


def test_plan_form_accepts_the_same_version_on_another_administration_and_on_the_plan_itself():
    plan = CountryPlanFactory(version=1)
    assert plan_form(PLAN).is_valid()
    assert plan_form({**PLAN, "title": "Renamed"}, partner=plan.partner, instance=plan).is_valid()


def test_new_plan_form_has_no_reason_field_and_an_edit_has_an_optional_one():
    plan = CountryPlanFactory()
    assert "change_reason" not in plan_form(None).fields
    edit = plan_form(None, partner=plan.partner, instance=plan)
    assert edit.fields["change_reason"].required is False


# Indicator

INDICATOR = {
    "code": "",
    "name": "Share of staff trained",
    "level": "outcome",
    "unit": "%",
    "direction": "increase",
    "baseline": "40",
    "baseline_on": "",
    "baseline_source": "",
    "position": "0",
}


def test_indicator_form_needs_a_reason_to_replace_a_baseline():
    indicator = IndicatorFactory(baseline=Decimal(40))
    form = IndicatorForm({**INDICATOR, "baseline": "42.5"}, instance=indicator)
    assert form.errors == {"change_reason": ["Give the reason for changing the baseline."]}
    assert "baseline" in form.fields["change_reason"].help_text


def test_indicator_form_takes_a_baseline_replaced_with_a_reason():
    indicator = IndicatorFactory(baseline=Decimal(40))
    form = IndicatorForm({**INDICATOR, "baseline": "42.5", "change_reason": "Census corrected"}, instance=indicator)
    assert form.is_valid()
    assert form.reason == "Census corrected"


def test_indicator_form_needs_no_reason_for_the_same_baseline_written_differently():
    indicator = IndicatorFactory(baseline=Decimal(40))
    assert IndicatorForm({**INDICATOR, "baseline": "40.00", "name": "Renamed"}, instance=indicator).is_valid()


def test_indicator_form_needs_no_reason_to_set_a_first_baseline():
    indicator = IndicatorFactory(baseline=None)
    assert IndicatorForm(INDICATOR, instance=indicator).is_valid()


def test_indicator_form_refuses_a_signalling_nan_baseline_without_error():
    # Decimal("sNaN") raises when compared: the form must refuse it, not fail on it.
    form = IndicatorForm({**INDICATOR, "baseline": "sNaN"}, instance=IndicatorFactory(baseline=Decimal(40)))
    assert "baseline" in form.errors


def test_indicator_form_refuses_a_baseline_date_in_the_future():
    form = IndicatorForm({**INDICATOR, "baseline_on": days(10)}, instance=Indicator(outcome=OutcomeFactory()))
    assert "baseline_on" in form.errors


# Indicator value


def value_form(data, indicator, instance=None):
    return IndicatorValueForm(data, indicator=indicator, instance=instance or IndicatorValue(indicator=indicator))


VALUE = {"period": "2023", "target": "60", "actual": "", "source": "", "comment": ""}


def test_value_form_refuses_a_second_value_for_a_year_at_the_field():
    value = IndicatorValueFactory(period=2023)
    form = value_form(VALUE, value.indicator)
    assert form.errors == {"period": ["This indicator already has a value for 2023: change that one instead."]}


def test_value_form_accepts_its_own_year_on_an_edit():
    value = IndicatorValueFactory(period=2023, target=60, actual=None)
    assert value_form({**VALUE, "actual": "58"}, value.indicator, instance=value).is_valid()


def test_value_form_needs_a_target_or_an_actual():
    form = value_form({**VALUE, "target": ""}, IndicatorFactory())
    assert form.errors == {"target": ["Give a target, an actual or both."]}


@pytest.mark.parametrize("year", ["1999", "2101", "twenty"])
def test_value_form_refuses_a_year_outside_the_range(year):
    assert "period" in value_form({**VALUE, "period": year}, IndicatorFactory()).errors


def test_value_form_needs_a_reason_to_replace_a_target_but_not_to_set_a_first_one():
    replaced = IndicatorValueFactory(period=2023, target=60)
    assert "change_reason" in value_form({**VALUE, "target": "65"}, replaced.indicator, instance=replaced).errors
    first = IndicatorValueFactory(period=2024, target=None, actual=50)
    assert value_form({**VALUE, "period": "2024", "actual": "50"}, first.indicator, instance=first).is_valid()


def test_value_form_names_the_unit():
    assert "%" in value_form(None, IndicatorFactory(unit="%")).fields["target"].help_text


# Assessment and its scores


ASSESSMENT = {
    "kind": "cips",
    "title": "CIPS round 1",
    "round_number": "",
    "started_on": "2020-01-15",
    "ended_on": "",
    "sample_officials": "",
    "sample_private": "",
    "provider": "",
    "summary": "",
    "tier": "partner",
}


def test_assessment_form_refuses_an_end_before_the_start():
    form = AssessmentForm({**ASSESSMENT, "ended_on": "2020-01-01"}, instance=Assessment(partner=PartnerFactory()))
    assert form.errors == {"ended_on": ["The assessment cannot end before it starts."]}


def test_assessment_form_refuses_a_start_in_the_future():
    form = AssessmentForm({**ASSESSMENT, "started_on": days(5)}, instance=Assessment(partner=PartnerFactory()))
    assert "started_on" in form.errors


def score_formset(officials, private):
    factors = list(IntegrityFactor.objects.order_by("number"))
    data = {"s-TOTAL_FORMS": "10", "s-INITIAL_FORMS": "0", "s-MIN_NUM_FORMS": "0", "s-MAX_NUM_FORMS": "10"}
    for index in range(10):
        data[f"s-{index}-officials"] = officials[index] if officials else ""
        data[f"s-{index}-private"] = private[index] if private else ""
    return FactorScoreFormSet(data, prefix="s", factors=factors)


def test_score_formset_gives_twenty_scores_keyed_by_factor_and_group():
    formset = score_formset(["50"] * 10, ["40.5"] * 10)
    assert formset.is_valid()
    scores = formset.scores()
    assert len(scores) == 20
    first = IntegrityFactor.objects.get(number=1)
    assert scores[(first.pk, "private")] == Decimal("40.5")


def test_score_formset_accepts_a_group_left_empty():
    formset = score_formset(["50"] * 10, None)
    assert formset.is_valid()
    assert set(formset.scores().values()) == {Decimal(50), None}


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("100.1", "A score is between 0 and 100."),
        ("-1", "A score is between 0 and 100."),
        ("1000", "A score is between 0 and 100."),
        ("55.25", "Give at most one decimal place."),
        ("abc", "Enter a number between 0 and 100."),
    ],
)
def test_score_formset_refuses_a_score_off_the_scale_at_its_field(score, message):
    officials = ["50"] * 10
    officials[2] = score
    formset = score_formset(officials, None)
    assert not formset.is_valid()
    assert formset.forms[2].errors["officials"] == [message]
    assert not formset.forms[1].errors


def test_score_formset_refuses_a_signalling_nan_next_to_a_stored_score():
    factors = list(IntegrityFactor.objects.order_by("number"))
    data = {"s-TOTAL_FORMS": "10", "s-INITIAL_FORMS": "10", "s-MIN_NUM_FORMS": "0", "s-MAX_NUM_FORMS": "10"}
    data.update({f"s-{index}-officials": "50" for index in range(10)})
    data["s-0-officials"] = "sNaN"
    initial = [{"officials": Decimal(50), "private": None}] * 10
    formset = FactorScoreFormSet(data, prefix="s", factors=factors, initial=initial)
    assert not formset.is_valid()
    assert "officials" in formset.forms[0].errors


def test_score_formset_accepts_the_ends_of_the_scale():
    assert score_formset(["0"] * 5 + ["100"] * 5, None).is_valid()


def test_score_formset_refuses_a_half_filled_group_at_each_missing_field():
    officials = ["50"] * 10
    officials[4] = officials[9] = ""
    formset = score_formset(officials, None)
    assert not formset.is_valid()
    assert [index for index, form in enumerate(formset.forms) if form.errors] == [4, 9]
    assert "leave every customs officials score empty" in formset.forms[4].errors["officials"][0]


def test_score_formset_labels_each_field_with_its_group_and_factor():
    formset = FactorScoreFormSet(prefix="s", factors=IntegrityFactor.objects.order_by("number"), initial=[{}] * 10)
    assert formset.forms[0].fields["private"].label == "Private sector: 1. Leadership and Commitment"


# Activity

ACTIVITY = {
    "title": "Workshop",
    "kind": "workshop",
    "component": "bilateral",
    "modality": "in_country",
    "status": "planned",
    "outcome": "",
    "planned_start_on": "2030-01-10",
    "planned_end_on": "",
    "actual_start_on": "",
    "actual_end_on": "",
    "participants_women": "",
    "participants_men": "",
    "description": "",
    "tier": "staff",
}


def activity_form(data, partner=None):
    partner = partner or PartnerFactory()
    return ActivityForm(data, partner=partner, instance=Activity(partner=partner))


def test_activity_form_offers_only_the_administrations_outcomes():
    partner = PartnerFactory()
    own = OutcomeFactory(plan__partner=partner)
    OutcomeFactory()
    assert list(activity_form(None, partner).fields["outcome"].queryset) == [own]


def test_activity_form_refuses_actual_dates_out_of_order():
    form = activity_form({**ACTIVITY, "actual_start_on": "2024-05-02", "actual_end_on": "2024-05-01"})
    assert form.errors == {"actual_end_on": ["The actual end cannot be before the actual start."]}


def test_activity_form_refuses_an_actual_date_in_the_future():
    form = activity_form({**ACTIVITY, "actual_start_on": days(2)})
    assert "actual_start_on" in form.errors


def test_activity_form_needs_the_actual_start_of_a_completed_activity():
    form = activity_form({**ACTIVITY, "status": "completed"})
    assert form.errors == {"actual_start_on": ["A completed activity needs the date it actually started."]}


def test_activity_form_needs_an_actual_start_with_an_actual_end():
    form = activity_form({**ACTIVITY, "actual_end_on": "2024-01-01"})
    assert form.errors == {"actual_start_on": ["Give the actual start as well as the actual end."]}


def test_activity_form_refuses_negative_participants():
    assert "participants_women" in activity_form({**ACTIVITY, "participants_women": "-3"}).errors


# Starting values


def test_status_form_starts_from_the_current_status():
    current = StatusChange(stage="implementation", health="at_risk")
    form = StatusChangeForm(current=current)
    assert (form.initial["stage"], form.initial["health"]) == ("implementation", "at_risk")


def test_new_plan_form_proposes_the_next_version():
    plan = CountryPlanFactory(version=3)
    assert plan_form(None, partner=plan.partner).initial["version"] == 4
    assert plan_form(None).initial["version"] == 1


def test_new_value_form_proposes_this_year():
    assert value_form(None, IndicatorFactory()).initial["period"] == today().year
