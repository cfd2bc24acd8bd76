"""Staleness on the programme's clock: `PartnerQuerySet.with_last_event()` and `stale()`, and the focal point."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acip.models import Tier
from partners.models import IndicatorValue, PartnerAdministration
from tests.acip.factories import UserFactory
from tests.acip.personas import make_delegate, make_staff
from tests.meetings.factories import SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    IndicatorValueFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
D = datetime.date


def last_event(partner, **kwargs):
    return PartnerAdministration.objects.with_last_event(today=TODAY, **kwargs).get(pk=partner.pk).last_event


# ---------------------------------------------------------------------------------------------------------------
# What counts as an event, and on which date


def test_a_partner_without_events_has_none():
    assert last_event(PartnerFactory()) is None


def test_a_status_change_counts_by_its_effective_date_not_its_save():
    change = StatusChangeFactory(effective_on=D(2021, 9, 1))
    StatusChangeFactory(partner=change.partner, effective_on=D(2027, 1, 1))  # not yet in force
    change.save()
    assert last_event(change.partner) == D(2021, 9, 1)


def test_a_side_meeting_counts_once_held():
    held = SideMeetingFactory(held_on=D(2025, 3, 18))
    SideMeetingFactory(partner=held.partner, held_on=D(2026, 9, 1))  # planned
    assert last_event(held.partner) == D(2025, 3, 18)


def test_an_assessment_counts_by_its_end_or_its_start_while_under_way():
    ended = AssessmentFactory(started_on=D(2023, 3, 1), ended_on=D(2023, 5, 31))
    assert last_event(ended.partner) == D(2023, 5, 31)
    running = AssessmentFactory(started_on=D(2026, 5, 1), ended_on=D(2026, 8, 31))
    assert last_event(running.partner) == D(2026, 5, 1)
    planned = AssessmentFactory(started_on=D(2026, 7, 1))
    assert last_event(planned.partner) is None


def test_an_indicator_value_counts_by_the_end_of_its_year_when_an_actual_is_reported():
    value = IndicatorValueFactory(period=2024, actual=45)
    partner = value.indicator.outcome.plan.partner
    IndicatorValueFactory(indicator=value.indicator, period=2025, actual=None, target=60)  # a target is no report
    IndicatorValueFactory(indicator=value.indicator, period=2030, actual=70)  # a year still to come
    assert last_event(partner) == D(2024, 12, 31)


def test_an_actual_of_the_current_year_counts_as_of_today():
    value = IndicatorValueFactory(period=TODAY.year, actual=45)
    assert last_event(value.indicator.outcome.plan.partner) == TODAY


def test_an_activity_counts_once_it_took_place():
    held = ActivityFactory(actual_start_on=D(2024, 2, 5), actual_end_on=D(2024, 2, 9))
    assert last_event(held.partner) == D(2024, 2, 9)
    only_planned = ActivityFactory(planned_start_on=D(2026, 1, 10))
    assert last_event(only_planned.partner) is None


def test_the_latest_of_every_kind_wins():
    partner = PartnerFactory()
    StatusChangeFactory(partner=partner, effective_on=D(2021, 1, 1))
    AssessmentFactory(partner=partner, started_on=D(2022, 1, 1))
    ActivityFactory(partner=partner, actual_start_on=D(2025, 11, 3))
    SideMeetingFactory(partner=partner, held_on=D(2023, 4, 4))
    assert last_event(partner) == D(2025, 11, 3)


def test_with_a_user_only_the_events_they_may_see_count():
    partner = PartnerFactory()
    StatusChangeFactory(partner=partner, effective_on=D(2021, 1, 1))
    AssessmentFactory(partner=partner, started_on=D(2025, 1, 1), tier=Tier.STAFF)
    assert last_event(partner, user=make_staff()) == D(2025, 1, 1)
    assert last_event(partner, user=make_delegate(partner)) == D(2021, 1, 1)


def test_one_query_however_many_partners():
    for _ in range(5):
        partner = PartnerFactory()
        StatusChangeFactory(partner=partner)
        ActivityFactory(partner=partner, actual_start_on=D(2024, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        rows = list(PartnerAdministration.objects.with_last_event(today=TODAY))
    assert len(rows) == 5 and all(row.last_event == D(2024, 1, 1) for row in rows)
    assert len(queries) == 1


# ---------------------------------------------------------------------------------------------------------------
# stale()


def stale_names(**kwargs):
    return [p.country_name for p in PartnerAdministration.objects.stale(today=TODAY, **kwargs)]


def test_stale_takes_those_older_than_the_threshold_or_without_events_the_oldest_first():
    old = PartnerFactory(country_name="Old")
    StatusChangeFactory(partner=old, effective_on=TODAY - datetime.timedelta(days=181))
    edge = PartnerFactory(country_name="Edge")
    StatusChangeFactory(partner=edge, effective_on=TODAY - datetime.timedelta(days=180))
    PartnerFactory(country_name="Never")
    older = PartnerFactory(country_name="Older")
    SideMeetingFactory(partner=older, held_on=D(2020, 1, 1))
    assert stale_names(days=180) == ["Never", "Older", "Old"]


def test_stale_leaves_out_partners_no_longer_or_not_yet_in_the_programme():
    PartnerFactory(country_name="Left", exited_on=D(2024, 1, 1))
    done = PartnerFactory(country_name="Completed")
    StatusChangeFactory(partner=done, stage="completed", effective_on=D(2020, 1, 1))
    PartnerFactory(country_name="Joining", joined_on=D(2026, 9, 1))
    suspended = PartnerFactory(country_name="Suspended")
    StatusChangeFactory(partner=suspended, stage="suspended", effective_on=D(2021, 9, 1))
    assert stale_names(days=180) == ["Suspended"]


# ---------------------------------------------------------------------------------------------------------------
# On the demo data, after every row has been saved again


def test_the_demo_stale_list_names_afghanistan_even_after_every_row_is_saved():
    call_command("load_demo", stdout=StringIO())
    for label in ("acip", "partners", "meetings"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for obj in model._default_manager.all():
                obj.save()
    today = datetime.date.today()

    stale = {p.country_code: p for p in PartnerAdministration.objects.stale(today=today, days=180)}

    assert "AF" in stale
    assert stale["AF"].last_event == D(2021, 9, 1)
    cutoff = today - datetime.timedelta(days=180)
    for partner in PartnerAdministration.objects.with_current_status():
        latest = latest_event_in_python(partner, today)
        in_programme = partner.current_stage not in ("completed", "exited") and partner.exited_on is None
        expected = in_programme and (latest is None or latest < cutoff)
        assert (partner.country_code in stale) == expected, partner.country_name
        if expected:
            assert stale[partner.country_code].last_event == latest


def latest_event_in_python(partner, today):
    """The definition worked out row by row, to check the query against."""

    def end_or_start(start, end):
        return end if end and end <= today else start

    dates = [s.effective_on for s in partner.status_changes.all() if s.effective_on <= today]
    dates += [m.held_on for m in partner.side_meetings.all() if m.held_on <= today]
    dates += [end_or_start(a.started_on, a.ended_on) for a in partner.assessments.all() if a.started_on <= today]
    dates += [
        min(D(v.period, 12, 31), today)
        for v in IndicatorValue.objects.filter(indicator__outcome__plan__partner=partner)
        if v.actual is not None and v.period <= today.year
    ]
    dates += [
        end_or_start(a.actual_start_on, a.actual_end_on)
        for a in partner.activities.all()
        if a.actual_start_on and a.actual_start_on <= today
    ]
    return max(dates, default=None)


# ---------------------------------------------------------------------------------------------------------------
# The focal point


def test_the_focal_point_must_be_programme_staff():
    partner = PartnerFactory()
    partner.focal_point = UserFactory()
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "focal_point" in error.value.message_dict
    partner.focal_point = make_staff()
    partner.full_clean()
    partner.save()
    assert list(partner.focal_point.focal_partners.all()) == [partner]


# ---------------------------------------------------------------------------------------------------------------
# The partner list's "last event" column and its export


@pytest.fixture
def three_partners():
    never = PartnerFactory(country_name="Aland")
    old = PartnerFactory(country_name="Benin")
    StatusChangeFactory(partner=old, effective_on=D(2020, 1, 1))
    recent = PartnerFactory(country_name="Chad")
    ActivityFactory(partner=recent, actual_start_on=D(2025, 1, 1))
    return never, old, recent


def listed(client, **params):
    response = client.get(reverse("partners:list"), params)
    assert response.status_code == 200
    return [p.country_name for p in response.context["partners"]]


def test_the_partner_list_sorts_by_last_event_either_way(client, three_partners):
    client.force_login(make_staff())
    assert listed(client) == ["Aland", "Benin", "Chad"]
    assert listed(client, sort="last_event") == ["Aland", "Benin", "Chad"]
    assert listed(client, sort="-last_event") == ["Chad", "Benin", "Aland"]
    for p in PartnerAdministration.objects.all():
        p.save()
    assert listed(client, sort="-last_event") == ["Chad", "Benin", "Aland"]


def test_a_bad_sort_value_keeps_the_default_order(client, three_partners):
    client.force_login(make_staff())
    assert listed(client, sort="updated_at") == ["Aland", "Benin", "Chad"]


def test_the_column_header_links_to_the_other_order(client, three_partners):
    client.force_login(make_staff())
    html = client.get(reverse("partners:list"), {"sort": "last_event", "region": ""}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert "sort=-last_event" in html


def test_the_export_has_the_last_event_in_the_list_order(client, three_partners):
    client.force_login(make_staff())
    response = client.get(reverse("exports:partners", args=["csv"]), {"sort": "-last_event"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    lines = body.decode("utf-8-sig").splitlines()
    assert "Last event" in lines[0]
    assert [line.split(",")[0] for line in lines[1:]] == ["Chad", "Benin", "Aland"]
    assert "2025-01-01" in lines[1]


def test_the_partner_list_can_keep_only_the_administrations_still_in_the_programme(client, three_partners):
    client.force_login(make_staff())
    done = PartnerFactory(country_name="Done")
    StatusChangeFactory(partner=done, stage="completed", effective_on=D(2024, 1, 1))
    PartnerFactory(country_name="Gone", exited_on=D(2020, 1, 1))
    assert listed(client, membership="current") == ["Aland", "Benin", "Chad"]
    assert listed(client) == ["Aland", "Benin", "Chad", "Done", "Gone"]
