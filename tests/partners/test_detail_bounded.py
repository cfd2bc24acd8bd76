"""The country page stays the same size however long the administration's history (issue 21): the timeline shows
the latest earlier statuses, each indicator its latest years, the activities the latest done ones, each with how
many there are and an export that holds them all."""

import datetime

import pytest
from django.urls import reverse

from partners.selectors import DONE_ACTIVITY_LIMIT, EARLIER_STATUS_LIMIT, INDICATOR_YEARS
from tests.partners.factories import (
    ActivityFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


def detail_url(partner):
    return reverse("partners:detail", args=[partner.slug])


def _statuses(partner, n, *, start=datetime.date(2000, 1, 1), **fields):
    """`n` statuses a month apart from `start`, the oldest first."""
    return [
        StatusChangeFactory(partner=partner, effective_on=start + datetime.timedelta(days=30 * i), **fields)
        for i in range(n)
    ]


def test_timeline_shows_the_latest_earlier_statuses_and_says_the_export_has_them_all(staff_client, partner):
    statuses = _statuses(partner, EARLIER_STATUS_LIMIT + 6)
    response = staff_client.get(detail_url(partner))
    page = response.context["page"]
    assert page.current_status == statuses[-1]
    assert page.earlier_statuses == statuses[-2 : -EARLIER_STATUS_LIMIT - 2 : -1]
    assert page.earlier_status_count == EARLIER_STATUS_LIMIT + 5
    html = response.content.decode()
    assert f"The latest {EARLIER_STATUS_LIMIT} of {EARLIER_STATUS_LIMIT + 5} earlier status changes" in html
    export = reverse("exports:status_changes", kwargs={"fmt": "csv"}) + f"?partner={partner.slug}"
    assert export in html
    # The link works: the export has every status of the administration (a header line, then one per status).
    lines = staff_client.get(export).content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == len(statuses) + 1


def test_timeline_without_more_statuses_says_nothing_more(staff_client, partner):
    _statuses(partner, 3)
    response = staff_client.get(detail_url(partner))
    assert response.context["page"].earlier_status_count == 2
    assert 'data-testid="earlier-statuses-more"' not in response.content.decode()


@pytest.mark.parametrize("reader", ["delegate_client", "donor_client"])
def test_a_delegate_and_a_donor_get_the_same_bounded_timeline(request, reader, partner):
    # A status row is everyone's; its reason is tiered (staff only here), and stays hidden in the shorter list too.
    _statuses(partner, EARLIER_STATUS_LIMIT + 4, reason="Staff-only reason XYZZY")
    response = request.getfixturevalue(reader).get(detail_url(partner))
    page = response.context["page"]
    assert len(page.earlier_statuses) == EARLIER_STATUS_LIMIT
    assert page.earlier_status_count == EARLIER_STATUS_LIMIT + 3
    html = response.content.decode()
    assert 'data-testid="earlier-statuses-more"' in html
    assert "XYZZY" not in html


def test_journey_reaches_past_a_long_suspension_to_the_stage_reached(staff_client, partner):
    StatusChangeFactory(partner=partner, stage="planning", effective_on=datetime.date(2019, 1, 1))
    _statuses(partner, EARLIER_STATUS_LIMIT + 3, start=datetime.date(2020, 1, 1), stage="suspended")
    steps = staff_client.get(detail_url(partner)).context["page"].journey
    assert [step.state for step in steps] == ["done", "done", "current", "todo", "todo", "todo"]


def test_an_indicator_shows_its_latest_years_and_the_year_it_is_judged_on(staff_client, partner):
    outcome = OutcomeFactory(plan=CountryPlanFactory(partner=partner))
    indicator = IndicatorFactory(outcome=outcome, baseline=40)
    # Judged on 2015, the latest year with both a target and an actual; later years have targets only.
    IndicatorValueFactory(indicator=indicator, period=2014, target=50, actual=45)
    IndicatorValueFactory(indicator=indicator, period=2015, target=50, actual=51)
    for year in range(2016, 2022):
        IndicatorValueFactory(indicator=indicator, period=year, target=60, actual=None)
    response = staff_client.get(detail_url(partner))
    shown = response.context["page"].factor_groups[0].outcomes[0].indicator_list[0]
    assert shown.reading.period == 2015
    assert [value.period for value in shown.shown_values] == [2015, *range(2022 - INDICATOR_YEARS, 2022)]
    assert shown.earlier_value_count == 8 - 1 - INDICATOR_YEARS
    html = response.content.decode()
    assert f"{shown.earlier_value_count} earlier years are in the export." in html
    assert reverse("exports:indicator_values", kwargs={"fmt": "csv"}) + f"?partner={partner.slug}" in html


def test_activities_list_the_latest_done_ones_and_count_them_all(staff_client, partner):
    for i in range(DONE_ACTIVITY_LIMIT + 4):
        ActivityFactory(
            partner=partner,
            status="completed",
            planned_start_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=40 * i),
            actual_start_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=40 * i),
        )
    response = staff_client.get(detail_url(partner))
    page = response.context["page"]
    assert len(page.done_activities) == DONE_ACTIVITY_LIMIT
    assert page.done_activity_count == DONE_ACTIVITY_LIMIT + 4
    html = response.content.decode()
    assert f"Done or cancelled: {DONE_ACTIVITY_LIMIT + 4}" in html
    assert f"The latest {DONE_ACTIVITY_LIMIT} of {DONE_ACTIVITY_LIMIT + 4} done or cancelled activities" in html
    assert reverse("exports:activities", kwargs={"fmt": "csv"}) + f"?partner={partner.slug}" in html
