"""The services write what a form accepted, keep the reason in the history, and refuse on their own what a form
might let through (a race, a caller without a form)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from acip.models import IntegrityFactor
from partners.models import AssessmentScore, StatusChange
from partners.services import (
    activity_save,
    assessment_record,
    indicator_save,
    indicator_value_save,
    outcome_save,
    plan_save,
    status_change_record,
)
from tests.acip.factories import UserFactory, factor
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


def record_status(partner, **overrides):
    fields = {
        "effective_on": datetime.date(2024, 1, 1),
        "stage": "planning",
        "health": "on_track",
        "reason": "Plan drafted with the coordinator.",
        "tier": "partner",
        "recorded_by": None,
    }
    return status_change_record(partner=partner, **{**fields, **overrides})


def test_status_change_record_adds_a_row_with_its_reason_in_the_history():
    user = UserFactory()
    status = record_status(PartnerFactory(), recorded_by=user)
    assert status.recorded_by == user
    assert status.history.get().history_change_reason == "Plan drafted with the coordinator."


def test_status_change_record_never_overwrites_the_previous_status():
    partner = PartnerFactory()
    record_status(partner, stage="scoping", effective_on=datetime.date(2019, 1, 1))
    record_status(partner, stage="planning", effective_on=datetime.date(2020, 1, 1))
    assert list(partner.status_changes.values_list("stage", flat=True)) == ["planning", "scoping"]


def test_status_change_record_refuses_an_empty_reason():
    with pytest.raises(ValidationError):
        record_status(PartnerFactory(), reason="")
    assert not StatusChange.objects.exists()


def test_plan_save_refuses_dates_out_of_order():
    partner = PartnerFactory()
    data = {
        "title": "PID",
        "version": 1,
        "starts_on": datetime.date(2022, 1, 1),
        "ends_on": datetime.date(2021, 1, 1),
    }
    with pytest.raises(ValidationError):
        plan_save(partner=partner, data=data)
    assert not partner.plans.exists()


def test_plan_save_updates_only_the_plan_fields():
    plan = CountryPlanFactory(title="Old")
    other_partner = PartnerFactory()
    plan_save(partner=plan.partner, plan=plan, data={"title": "New", "partner": other_partner}, reason="Renamed")
    plan.refresh_from_db()
    assert (plan.title, plan.partner_id) == ("New", plan.partner_id)
    assert plan.partner != other_partner
    assert plan.history.latest().history_change_reason == "Renamed"


def test_outcome_save_sets_its_factors():
    plan = CountryPlanFactory()
    outcome = outcome_save(plan=plan, data={"title": "Code of conduct revised"}, factors=[factor(7), factor(1)])
    assert sorted(outcome.factors.values_list("number", flat=True)) == [1, 7]
    outcome_save(plan=plan, outcome=outcome, data={"title": "Code of conduct revised"}, factors=[factor(7)])
    assert list(outcome.factors.values_list("number", flat=True)) == [7]


def test_indicator_save_refuses_to_replace_a_baseline_without_a_reason():
    indicator = IndicatorFactory(baseline=Decimal(40))
    with pytest.raises(ValidationError) as error:
        indicator_save(outcome=indicator.outcome, indicator=indicator, data={"baseline": Decimal(30)})
    assert "baseline" in error.value.message_dict
    indicator.refresh_from_db()
    assert indicator.baseline == Decimal(40)


def test_indicator_save_keeps_the_reason_for_a_new_baseline():
    indicator = IndicatorFactory(baseline=Decimal(40))
    indicator_save(outcome=indicator.outcome, indicator=indicator, data={"baseline": Decimal(30)}, reason="Recounted")
    latest = indicator.history.latest()
    assert (latest.baseline, latest.history_change_reason) == (Decimal(30), "Recounted")


def test_indicator_save_judges_the_change_against_the_database_not_the_callers_copy():
    indicator = IndicatorFactory(baseline=Decimal(40))
    stale = type(indicator).objects.get(pk=indicator.pk)
    stale.baseline = Decimal(30)  # as a bound ModelForm leaves its instance
    with pytest.raises(ValidationError):
        indicator_save(outcome=indicator.outcome, indicator=stale, data={"baseline": Decimal(30)})


def test_indicator_value_save_refuses_a_second_value_for_a_year():
    value = IndicatorValueFactory(period=2023)
    with pytest.raises(ValidationError) as error:
        indicator_value_save(indicator=value.indicator, data={"period": 2023, "target": Decimal(1)})
    assert "This indicator already has a value for that year." in str(error.value)
    assert value.indicator.values.count() == 1


def test_indicator_value_save_refuses_to_replace_a_target_without_a_reason():
    value = IndicatorValueFactory(period=2023, target=Decimal(50))
    with pytest.raises(ValidationError):
        indicator_value_save(indicator=value.indicator, value=value, data={"target": Decimal(55)})
    indicator_value_save(
        indicator=value.indicator, value=value, data={"target": Decimal(55)}, reason="Mid-term review"
    )
    value.refresh_from_db()
    assert value.target == Decimal(55)
    assert value.history.latest().history_change_reason == "Mid-term review"


def all_scores(officials, private):
    factors = IntegrityFactor.objects.order_by("number")
    scores = {}
    for factor_row in factors:
        scores[(factor_row.pk, "officials")] = officials
        scores[(factor_row.pk, "private")] = private
    return scores


ASSESSMENT = {"kind": "cips", "title": "CIPS round 1", "started_on": datetime.date(2020, 1, 15), "tier": "partner"}


def test_assessment_record_creates_the_assessment_and_its_scores():
    partner = PartnerFactory()
    assessment = assessment_record(partner=partner, data=ASSESSMENT, scores=all_scores(Decimal(50), Decimal(40)))
    assert assessment.partner == partner
    assert assessment.scores.count() == 20


def test_assessment_record_updates_changed_scores_and_removes_emptied_ones():
    assessment = AssessmentFactory()
    kept = AssessmentScoreFactory(assessment=assessment, factor=factor(1), group="officials", score=50)
    AssessmentScoreFactory(assessment=assessment, factor=factor(1), group="private", score=40)
    scores = all_scores(None, None)
    scores[(factor(1).pk, "officials")] = Decimal(50)  # unchanged
    scores[(factor(2).pk, "officials")] = Decimal(61)  # new

    assessment_record(partner=assessment.partner, assessment=assessment, data=ASSESSMENT, scores=scores)

    assert set(assessment.scores.values_list("factor__number", "group", "score")) == {
        (1, "officials", Decimal(50)),
        (2, "officials", Decimal(61)),
    }
    assert kept.history.count() == 1  # an unchanged score is not saved again


def test_assessment_record_refuses_a_score_off_the_scale_and_saves_nothing():
    partner = PartnerFactory()
    scores = all_scores(Decimal(50), None)
    scores[(factor(3).pk, "officials")] = Decimal(101)
    with pytest.raises(ValidationError):
        assessment_record(partner=partner, data=ASSESSMENT, scores=scores)
    assert not partner.assessments.exists()
    assert not AssessmentScore.objects.exists()


def test_activity_save_refuses_an_outcome_of_another_administration():
    partner = PartnerFactory()
    foreign = OutcomeFactory()
    data = {"title": "Workshop", "kind": "workshop", "planned_start_on": datetime.date(2024, 1, 1), "outcome": foreign}
    with pytest.raises(ValidationError) as error:
        activity_save(partner=partner, data=data)
    assert "outcome" in error.value.message_dict
    assert not partner.activities.exists()


def test_activity_save_updates_an_activity():
    activity = ActivityFactory(status="planned")
    activity_save(
        partner=activity.partner,
        activity=activity,
        data={"status": "completed", "actual_start_on": datetime.date(2022, 3, 2)},
        reason="Report received",
    )
    activity.refresh_from_db()
    assert activity.status == "completed"
    assert activity.history.latest().history_change_reason == "Report received"
