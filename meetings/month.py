"""The programme's calendar: a month as weeks of days, Monday first, each day with the meetings held on it and the
activities (missions, workshops, trainings) that take place on it.

Four queries whatever the month holds: its meetings and its activities (those of the days shown from the months
around it too), the last meeting before it and the first after it, so that an empty month still says where the
nearest meetings are.
"""

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet

from meetings.models import Meeting
from partners.models import Activity


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    meetings: list[Meeting] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


@dataclass
class MonthPage:
    first: datetime.date
    weeks: list[list[Day]]
    #: the meetings held at least one day of the month, soonest first
    meetings: list[Meeting]
    #: the activities that take place at least one day of the month, soonest first
    activities: list[Activity]
    previous: datetime.date
    next: datetime.date
    #: the last meeting that ended before the month, and the first that starts after it
    earlier: Meeting | None
    later: Meeting | None


def add_months(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _dates(first: datetime.date) -> list[list[datetime.date]]:
    """The weeks that `first`'s month spans, Monday to Sunday, with the days of the months around it."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(first.year, first.month)


def month_weeks(
    first: datetime.date, meetings: list[Meeting], today: datetime.date, activities: Sequence[Activity] = ()
) -> list[list[Day]]:
    """The weeks of `first`'s month, each day with those of `meetings` held on it and those of `activities` (with
    `starts_on` and `ends_on`, from `ActivityQuerySet.on_calendar()`) that take place on it: every day of one that
    lasts several days."""
    dates = _dates(first)
    days = {day: Day(day, day.month == first.month, day == today) for week in dates for day in week}
    for rows, attribute in ((meetings, "meetings"), (activities, "activities")):
        for row in rows:
            day = max(row.starts_on, dates[0][0])
            while day <= min(row.ends_on, dates[-1][-1]):
                getattr(days[day], attribute).append(row)
                day += datetime.timedelta(days=1)
    return [[days[day] for day in week] for week in dates]


def meetings_month(
    meetings: QuerySet, *, activities: QuerySet, first: datetime.date, today: datetime.date
) -> MonthPage:
    """The calendar of `first`'s month, of the `meetings` and the `activities` (`on_calendar()`), both already
    scoped to the user and filtered."""
    dates = _dates(first)
    following = add_months(first, 1)
    last = following - datetime.timedelta(days=1)
    shown = list(
        meetings.filter(starts_on__lte=dates[-1][-1], ends_on__gte=dates[0][0])
        .select_related("programme")
        .order_by("starts_on", "title", "pk")
    )
    shown_activities = list(
        activities.filter(starts_on__lte=dates[-1][-1], ends_on__gte=dates[0][0])
        .select_related("partner")
        .order_by("starts_on", "title", "pk")
    )
    return MonthPage(
        first=first,
        weeks=month_weeks(first, shown, today, shown_activities),
        meetings=[m for m in shown if m.starts_on <= last and m.ends_on >= first],
        activities=[a for a in shown_activities if a.starts_on <= last and a.ends_on >= first],
        previous=add_months(first, -1),
        next=following,
        earlier=meetings.filter(ends_on__lt=first).order_by("-ends_on", "-starts_on", "pk").first(),
        later=meetings.filter(starts_on__gt=last).order_by("starts_on", "pk").first(),
    )
