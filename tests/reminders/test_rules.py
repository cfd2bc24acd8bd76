import datetime

import pytest

from acip.reminders.rules import commitment_step, digest_step, stale_page_step

DUE = datetime.date(2026, 3, 31)


@pytest.mark.parametrize(
    ("days_after_due", "step"),
    [
        (-30, None),
        (-8, None),
        (-7, "due-soon"),
        (-1, "due-soon"),
        (0, "due-today"),
        (1, "overdue-1"),
        (6, "overdue-1"),
        (7, "overdue-7"),
        (13, "overdue-7"),
        (14, None),
        (29, None),
        (30, "manager-1"),
        (36, "manager-1"),
        (37, None),
        (60, "manager-2"),
        (394, "manager-13"),
        (400, None),
    ],
)
def test_commitment_step_follows_the_escalation(days_after_due, step):
    assert commitment_step(due_on=DUE, today=DUE + datetime.timedelta(days=days_after_due)) == step


def test_stale_page_step_is_weekly_and_starts_over_after_a_new_event():
    since = datetime.date(2026, 3, 1)
    event = datetime.date(2025, 9, 2)
    steps = [
        stale_page_step(stale_since=since, today=since + datetime.timedelta(days=d), last_event=event)
        for d in range(15)
    ]
    assert steps[0] == steps[6] == "2025-09-02:week-0"
    assert steps[7] == steps[13] == "2025-09-02:week-1"
    assert steps[14] == "2025-09-02:week-2"
    later = stale_page_step(stale_since=since, today=since, last_event=datetime.date(2025, 9, 3))
    assert later != steps[0]
    assert stale_page_step(stale_since=since, today=since, last_event=None) == "never:week-0"


def test_digest_step_is_the_iso_week():
    assert digest_step(datetime.date(2026, 3, 2)) == digest_step(datetime.date(2026, 3, 8)) == "2026-W10"
    assert digest_step(datetime.date(2026, 3, 9)) == "2026-W11"
