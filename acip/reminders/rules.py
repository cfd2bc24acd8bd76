"""When a reminder is due, as pure functions of dates (issue 14; the escalation follows Kausal Watch's).

Each reminder has steps, and each step stays due for a week after its day: a run sends the step it is in, if that
was not sent yet. A daily run therefore sends each step on its day; a run after a few missed days catches up with
one mail, not with every step it missed; and old data (the first run, a commitment recorded late) is not sent years
of escalations at once: outside a step's week nothing is due until the next step begins.
"""

import datetime

DUE_SOON_DAYS = 7
#: After this many days overdue, the owner and the focal point are told a second time.
SECOND_OVERDUE_DAYS = 7
#: Then the programme manager is told every this many days overdue, until the commitment is closed.
MANAGER_EVERY_DAYS = 30
#: How long after its day a step is still sent (a missed run, a server down for a few days).
STEP_GRACE_DAYS = 7


class Step:
    DUE_SOON = "due-soon"
    DUE_TODAY = "due-today"
    OVERDUE_1 = "overdue-1"
    OVERDUE_7 = "overdue-7"
    MANAGER = "manager"  # with the number of the 30-day period: manager-1, manager-2...


def commitment_step(*, due_on: datetime.date, today: datetime.date) -> str | None:
    """The step an open commitment has reached today, or None before its reminders start."""
    days_overdue = (today - due_on).days
    if days_overdue < -DUE_SOON_DAYS:
        return None
    if days_overdue < 0:
        return Step.DUE_SOON
    if days_overdue == 0:
        return Step.DUE_TODAY
    if days_overdue < SECOND_OVERDUE_DAYS:
        return Step.OVERDUE_1
    if days_overdue < SECOND_OVERDUE_DAYS + STEP_GRACE_DAYS:
        return Step.OVERDUE_7
    period, into_period = divmod(days_overdue, MANAGER_EVERY_DAYS)
    if period >= 1 and into_period < STEP_GRACE_DAYS:
        return f"{Step.MANAGER}-{period}"
    return None


def is_manager_step(step: str) -> bool:
    return step.startswith(f"{Step.MANAGER}-")


def is_overdue_step(step: str) -> bool:
    return step in (Step.OVERDUE_1, Step.OVERDUE_7)


def stale_page_step(*, stale_since: datetime.date, today: datetime.date, last_event: datetime.date | None) -> str:
    """Told when the page passes the threshold, then weekly: the week number since, keyed by the latest event, so
    that a new event (the page fresh again, then stale again) starts over."""
    weeks = max((today - stale_since).days, 0) // 7
    return f"{last_event.isoformat() if last_event else 'never'}:week-{weeks}"


def digest_step(today: datetime.date) -> str:
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}"
