"""meetings.month: a month as weeks of days, each day with the meetings held on it."""

import datetime

from meetings.models import Meeting
from meetings.month import add_months, month_weeks

D = datetime.date


def test_add_months_crosses_years_both_ways():
    assert add_months(D(2026, 11, 1), 1) == D(2026, 12, 1)
    assert add_months(D(2026, 12, 1), 1) == D(2027, 1, 1)
    assert add_months(D(2026, 1, 1), -1) == D(2025, 12, 1)
    assert add_months(D(2026, 3, 1), -14) == D(2025, 1, 1)


def test_weeks_run_monday_to_sunday_and_include_the_days_of_the_months_around():
    weeks = month_weeks(D(2026, 11, 1), [], today=D(2026, 11, 29))

    assert [day.date for day in weeks[0]][:2] == [D(2026, 10, 26), D(2026, 10, 27)]
    assert weeks[-1][-1].date == D(2026, 12, 6)
    assert all(len(week) == 7 and week[0].date.weekday() == 0 for week in weeks)
    in_month = [day.date for week in weeks for day in week if day.in_month]
    assert (in_month[0], in_month[-1], len(in_month)) == (D(2026, 11, 1), D(2026, 11, 30), 30)
    assert [day.date for week in weeks for day in week if day.is_today] == [D(2026, 11, 29)]


def test_a_meeting_of_several_days_is_on_each_of_them_and_one_across_months_on_the_days_shown():
    session = Meeting(title="Session", starts_on=D(2026, 11, 9), ends_on=D(2026, 11, 13))
    across = Meeting(title="Across", starts_on=D(2026, 10, 20), ends_on=D(2026, 10, 27))
    later = Meeting(title="Later", starts_on=D(2026, 12, 6), ends_on=D(2026, 12, 20))

    weeks = month_weeks(D(2026, 11, 1), [across, session, later], today=D(2026, 11, 29))
    held = {day.date: [m.title for m in day.meetings] for week in weeks for day in week if day.meetings}

    assert held == {
        D(2026, 10, 26): ["Across"],
        D(2026, 10, 27): ["Across"],
        **{D(2026, 11, day): ["Session"] for day in range(9, 14)},
        D(2026, 12, 6): ["Later"],
    }
