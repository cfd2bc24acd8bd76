"""The staff forms through their pages: what each saves (with the reason kept in the history) and what it refuses,
with the message at the field and nothing saved. The access ladder of the same pages is in test_views.py."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import (
    Activity,
    Assessment,
    AssessmentScore,
    CountryPlan,
    StatusChange,
)
from tests.acip.factories import factor
from tests.partners.factories import OutcomeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def detail_url(partner):
    return reverse("partners:detail", args=[partner.slug])


def score_data(officials=None, private=None, prefix="scores"):
    """The score formset's POST data: `officials` and `private` are ten scores each (or None for an empty group)."""
    data = {
        f"{prefix}-TOTAL_FORMS": "10",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "10",
    }
    for index in range(10):
        data[f"{prefix}-{index}-officials"] = "" if officials is None else str(officials[index])
        data[f"{prefix}-{index}-private"] = "" if private is None else str(private[index])
    return data


# ---------------------------------------------------------------------------------------------------------------
# Status change


def test_staff_records_a_status_change(staff_client, staff_user, partner):
    response = staff_client.post(
        reverse("partners:status_create", args=[partner.slug]),
        {
            "effective_on": "2024-03-01",
            "stage": "monitoring",
            "health": "at_risk",
            "reason": "Leadership change at the top of Customs.",
            "tier": "partner",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(partner) + "#status"
    status = partner.status_changes.get()
    assert (status.stage, status.health, status.recorded_by) == ("monitoring", "at_risk", staff_user)
    record = status.history.get()
    assert record.history_change_reason == "Leadership change at the top of Customs."
    assert record.history_user == staff_user


def test_status_change_in_the_future_is_refused_at_the_field(staff_client, partner):
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = staff_client.post(
        reverse("partners:status_create", args=[partner.slug]),
        {
            "effective_on": tomorrow.isoformat(),
            "stage": "scoping",
            "health": "on_track",
            "reason": "Why",
            "tier": "staff",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["effective_on"] == ["The effective date cannot be in the future."]
    assert "The effective date cannot be in the future." in response.content.decode()
    assert not StatusChange.objects.exists()


def test_status_change_without_reason_is_refused_at_the_field(staff_client, partner):
    response = staff_client.post(
        reverse("partners:status_create", args=[partner.slug]),
        {"effective_on": "2024-01-01", "stage": "scoping", "health": "on_track", "reason": "   ", "tier": "staff"},
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert not StatusChange.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# Plan, outcomes, indicators and values

PLAN = {
    "title": "Project Information Document 2021-2024",
    "version": "2",
    "status": "agreed",
    "starts_on": "2021-01-01",
    "ends_on": "2024-12-31",
    "approved_on": "",
    "general_outcome": "Integrity in Customs improved.",
    "tier": "partner",
}


def test_staff_adds_a_plan_version(staff_client, partner, records):
    response = staff_client.post(reverse("partners:plan_create", args=[partner.slug]), PLAN)
    assert response.status_code == 302
    assert partner.plans.get(version=2).title == PLAN["title"]


def test_plan_ending_before_it_starts_is_refused_at_the_field(staff_client, partner):
    response = staff_client.post(
        reverse("partners:plan_create", args=[partner.slug]), {**PLAN, "ends_on": "2020-12-31"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["The plan cannot end before it starts."]
    assert not CountryPlan.objects.exists()


def test_plan_with_a_version_already_used_is_refused_at_the_field(staff_client, partner, records):
    response = staff_client.post(reverse("partners:plan_create", args=[partner.slug]), {**PLAN, "version": "1"})
    assert response.status_code == 200
    assert "version" in response.context["form"].errors
    assert partner.plans.count() == 1


def test_staff_edits_a_plan_with_a_reason_kept_in_history(staff_client, partner, records):
    plan = records["plan"]
    response = staff_client.post(
        reverse("partners:plan_update", args=[partner.slug, plan.pk]),
        {**PLAN, "version": "1", "status": "in_implementation", "change_reason": "Signed by the DG."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "in_implementation"
    assert plan.history.latest().history_change_reason == "Signed by the DG."


def test_staff_adds_an_outcome_with_its_factors(staff_client, partner, records):
    response = staff_client.post(
        reverse("partners:outcome_create", args=[partner.slug, records["plan"].pk]),
        {"title": "Internal affairs unit set up", "description": "", "position": "2", "factors": [factor(6).pk]},
    )
    assert response.status_code == 302
    outcome = records["plan"].outcomes.get(title="Internal affairs unit set up")
    assert list(outcome.factors.values_list("number", flat=True)) == [6]


INDICATOR = {
    "code": "1.1",
    "name": "Share of staff trained",
    "level": "outcome",
    "unit": "%",
    "direction": "increase",
    "baseline": "40",
    "baseline_on": "2020-01-01",
    "baseline_source": "HR records",
    "position": "0",
}


def test_staff_adds_an_indicator(staff_client, partner, records):
    response = staff_client.post(
        reverse("partners:indicator_create", args=[partner.slug, records["outcome"].pk]),
        {**INDICATOR, "name": "Complaints handled"},
    )
    assert response.status_code == 302
    assert records["outcome"].indicators.filter(name="Complaints handled").exists()


def test_changing_a_baseline_without_a_reason_is_refused_at_the_field(staff_client, partner, records):
    indicator = records["indicator"]
    response = staff_client.post(
        reverse("partners:indicator_update", args=[partner.slug, indicator.pk]), {**INDICATOR, "baseline": "35"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["change_reason"] == ["Give the reason for changing the baseline."]
    indicator.refresh_from_db()
    assert indicator.baseline == Decimal(40)


def test_changing_a_baseline_with_a_reason_keeps_the_reason_and_shows_it_to_staff(staff_client, partner, records):
    indicator = records["indicator"]
    response = staff_client.post(
        reverse("partners:indicator_update", args=[partner.slug, indicator.pk]),
        {**INDICATOR, "baseline": "35", "change_reason": "The 2020 HR census was corrected."},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.baseline == Decimal(35)
    assert indicator.history.latest().history_change_reason == "The 2020 HR census was corrected."

    page = staff_client.get(detail_url(partner)).content.decode()
    assert "The 2020 HR census was corrected." in page
    assert "Sam Staff" in page


def test_staff_enters_a_new_years_figures(staff_client, partner, records):
    indicator = records["indicator"]
    response = staff_client.post(
        reverse("partners:value_create", args=[partner.slug, indicator.pk]),
        {"period": "2023", "target": "60", "actual": "", "source": "", "comment": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(partner) + f"#indicator-{indicator.pk}"
    assert indicator.values.get(period=2023).target == Decimal(60)


def test_a_second_value_for_the_same_year_is_refused_at_the_field(staff_client, partner, records):
    indicator = records["indicator"]
    response = staff_client.post(
        reverse("partners:value_create", args=[partner.slug, indicator.pk]),
        {"period": "2022", "target": "70", "actual": "", "source": "", "comment": ""},
    )
    assert response.status_code == 200
    assert "period" in response.context["form"].errors
    assert indicator.values.get().target == Decimal(50)


def test_changing_a_target_needs_a_reason(staff_client, partner, records):
    value = records["value"]
    url = reverse("partners:value_update", args=[partner.slug, value.pk])
    data = {"period": "2022", "target": "55", "actual": "45", "source": "", "comment": ""}

    refused = staff_client.post(url, data)
    assert refused.context["form"].errors["change_reason"] == ["Give the reason for changing the target."]
    value.refresh_from_db()
    assert value.target == Decimal(50)

    accepted = staff_client.post(url, {**data, "change_reason": "Agreed at the 2022 review."})
    assert accepted.status_code == 302
    value.refresh_from_db()
    assert value.target == Decimal(55)
    assert value.history.latest().history_change_reason == "Agreed at the 2022 review."


def test_entering_an_actual_needs_no_reason(staff_client, partner, records):
    value = records["value"]
    response = staff_client.post(
        reverse("partners:value_update", args=[partner.slug, value.pk]),
        {"period": "2022", "target": "50", "actual": "52", "source": "HR", "comment": ""},
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.actual == Decimal(52)


# ---------------------------------------------------------------------------------------------------------------
# Assessments

ASSESSMENT = {
    "kind": "cips",
    "title": "CIPS round 2",
    "round_number": "2",
    "started_on": "2023-02-01",
    "ended_on": "2023-03-15",
    "sample_officials": "450",
    "sample_private": "380",
    "provider": "EY",
    "summary": "",
    "tier": "partner",
}


def test_staff_records_an_assessment_with_twenty_scores_on_one_screen(staff_client, partner):
    response = staff_client.post(
        reverse("partners:assessment_create", args=[partner.slug]),
        {**ASSESSMENT, **score_data(officials=range(50, 60), private=range(30, 40))},
    )
    assert response.status_code == 302
    assessment = partner.assessments.get()
    assert assessment.scores.count() == 20
    assert assessment.scores.get(factor__number=10, group="private").score == Decimal(39)


def test_an_assessment_may_leave_a_whole_group_empty(staff_client, partner):
    response = staff_client.post(
        reverse("partners:assessment_create", args=[partner.slug]),
        {**ASSESSMENT, **score_data(officials=[60] * 10)},
    )
    assert response.status_code == 302
    assert set(partner.assessments.get().scores.values_list("group", flat=True)) == {"officials"}


def test_a_score_outside_the_scale_is_refused_at_its_field(staff_client, partner):
    officials = [50] * 10
    officials[3] = 150
    response = staff_client.post(
        reverse("partners:assessment_create", args=[partner.slug]),
        {**ASSESSMENT, **score_data(officials=officials, private=[40] * 10)},
    )
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.forms[3].errors["officials"] == ["A score is between 0 and 100."]
    assert "A score is between 0 and 100." in response.content.decode()
    assert not Assessment.objects.exists()
    assert not AssessmentScore.objects.exists()


def test_a_half_filled_group_is_refused_at_the_missing_fields(staff_client, partner):
    private = [40] * 10
    private[7] = ""
    response = staff_client.post(
        reverse("partners:assessment_create", args=[partner.slug]),
        {**ASSESSMENT, **score_data(officials=[50] * 10, private=private)},
    )
    assert response.status_code == 200
    assert "private" in response.context["formset"].forms[7].errors
    assert not Assessment.objects.exists()


def test_assessment_ending_before_it_starts_is_refused_at_the_field(staff_client, partner):
    response = staff_client.post(
        reverse("partners:assessment_create", args=[partner.slug]),
        {**ASSESSMENT, "ended_on": "2023-01-01", **score_data(officials=[50] * 10)},
    )
    assert response.context["form"].errors["ended_on"] == ["The assessment cannot end before it starts."]
    assert not Assessment.objects.exists()


def test_a_tampered_score_formset_is_refused_without_error(staff_client, partner):
    data = {**ASSESSMENT, **score_data(officials=[50] * 10)}
    data["scores-TOTAL_FORMS"] = "3"
    response = staff_client.post(reverse("partners:assessment_create", args=[partner.slug]), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not Assessment.objects.exists()


def test_staff_edits_an_assessments_scores(staff_client, partner, records):
    assessment = records["assessment"]
    response = staff_client.get(reverse("partners:assessment_update", args=[partner.slug, assessment.pk]))
    assert response.context["formset"].forms[0].initial["officials"] == Decimal(50)

    response = staff_client.post(
        reverse("partners:assessment_update", args=[partner.slug, assessment.pk]),
        {**ASSESSMENT, "title": "CIPS round 1", **score_data(officials=[55] * 10, private=[35] * 10)},
    )
    assert response.status_code == 302
    assert assessment.scores.filter(group="officials", score=55).count() == 10
    assert assessment.scores.filter(group="private").count() == 10


# ---------------------------------------------------------------------------------------------------------------
# Activities

ACTIVITY = {
    "title": "Integrity risk mapping workshop",
    "kind": "workshop",
    "component": "bilateral",
    "modality": "in_country",
    "status": "planned",
    "outcome": "",
    "planned_start_on": "2030-05-01",
    "planned_end_on": "2030-05-03",
    "actual_start_on": "",
    "actual_end_on": "",
    "participants_women": "",
    "participants_men": "",
    "description": "",
    "tier": "partner",
}


def test_staff_records_an_activity_for_an_outcome(staff_client, partner, records):
    response = staff_client.post(
        reverse("partners:activity_create", args=[partner.slug]), {**ACTIVITY, "outcome": records["outcome"].pk}
    )
    assert response.status_code == 302
    assert partner.activities.get(title=ACTIVITY["title"]).outcome == records["outcome"]


def test_activity_dates_out_of_order_are_refused_at_the_field(staff_client, partner):
    response = staff_client.post(
        reverse("partners:activity_create", args=[partner.slug]), {**ACTIVITY, "planned_end_on": "2030-04-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["planned_end_on"] == ["The planned end cannot be before the planned start."]
    assert not Activity.objects.exists()


def test_activity_cannot_serve_another_administrations_outcome(staff_client, partner, other_partner, records):
    foreign = OutcomeFactory(plan__partner=other_partner)
    response = staff_client.post(
        reverse("partners:activity_create", args=[partner.slug]), {**ACTIVITY, "outcome": foreign.pk}
    )
    assert response.status_code == 200
    assert "outcome" in response.context["form"].errors
    assert not partner.activities.filter(title=ACTIVITY["title"]).exists()


def test_staff_marks_an_activity_completed(staff_client, partner, records):
    activity = records["activity"]
    response = staff_client.post(
        reverse("partners:activity_update", args=[partner.slug, activity.pk]),
        {
            **ACTIVITY,
            "title": activity.title,
            "status": "completed",
            "planned_start_on": "2022-03-01",
            "planned_end_on": "",
            "actual_start_on": "2022-03-02",
            "participants_women": "12",
            "participants_men": "15",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.participants_women) == ("completed", 12)
