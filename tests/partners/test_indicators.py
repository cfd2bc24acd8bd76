"""The on-track rule (partners/indicators.py): pure functions, no database."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from partners.indicators import RULE, Progress, judge, latest_reading
from partners.models import Direction

UP = Direction.INCREASE
DOWN = Direction.DECREASE


@dataclass
class Value:
    period: int
    target: Decimal | None
    actual: Decimal | None


def d(number) -> Decimal:
    return Decimal(str(number))


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (80, Progress.ON_TRACK),  # exactly on target
        (95, Progress.ON_TRACK),  # beyond target
        (78, Progress.AT_RISK),  # 2 short of a 40 -> 80 distance: within 10% (4)
        (76, Progress.AT_RISK),  # exactly 10% of the distance short
        (75.9, Progress.OFF_TRACK),  # just beyond the margin
        (40, Progress.OFF_TRACK),  # still at baseline
        (10, Progress.OFF_TRACK),  # worse than baseline
    ],
)
def test_judge_when_higher_is_better(actual, expected):
    assert judge(direction=UP, baseline=d(40), target=d(80), actual=d(actual)) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (10, Progress.ON_TRACK),  # exactly on target (days to clear goods, say)
        (4, Progress.ON_TRACK),  # below target is better
        (12, Progress.AT_RISK),  # 2 over a 30 -> 10 distance (20): within 10% (2)
        (12.1, Progress.OFF_TRACK),
        (30, Progress.OFF_TRACK),
        (45, Progress.OFF_TRACK),
    ],
)
def test_judge_when_lower_is_better(actual, expected):
    assert judge(direction=DOWN, baseline=d(30), target=d(10), actual=d(actual)) == expected


def test_judge_without_baseline_takes_the_margin_of_the_target():
    assert judge(direction=UP, baseline=None, target=d(50), actual=d(45)) == Progress.AT_RISK
    assert judge(direction=UP, baseline=None, target=d(50), actual=d(44.9)) == Progress.OFF_TRACK
    assert judge(direction=DOWN, baseline=None, target=d(50), actual=d(55)) == Progress.AT_RISK


def test_judge_with_target_equal_to_baseline_has_no_margin():
    assert judge(direction=UP, baseline=d(60), target=d(60), actual=d(60)) == Progress.ON_TRACK
    assert judge(direction=UP, baseline=d(60), target=d(60), actual=d(59.9)) == Progress.OFF_TRACK


def test_judge_with_target_behind_baseline_still_compares_with_the_target():
    # A target set below the baseline of a higher-is-better indicator (a fall is expected): the target rules.
    assert judge(direction=UP, baseline=d(60), target=d(50), actual=d(52)) == Progress.ON_TRACK
    assert judge(direction=UP, baseline=d(60), target=d(50), actual=d(49)) == Progress.AT_RISK


def test_judge_handles_negative_figures():
    assert judge(direction=UP, baseline=d(-20), target=d(0), actual=d(-1)) == Progress.AT_RISK
    assert judge(direction=UP, baseline=d(-20), target=d(0), actual=d(-3)) == Progress.OFF_TRACK


def test_reading_without_values_is_no_data():
    reading = latest_reading(direction=UP, baseline=d(40), values=[])
    assert reading.progress == Progress.NO_DATA
    assert reading.period is None


def test_reading_with_targets_but_no_actual_is_no_data():
    values = [Value(2022, d(50), None), Value(2023, d(60), None)]
    assert latest_reading(direction=UP, baseline=d(40), values=values).progress == Progress.NO_DATA


def test_reading_with_actuals_but_no_target_is_no_data():
    values = [Value(2022, None, d(50))]
    assert latest_reading(direction=UP, baseline=d(40), values=values).progress == Progress.NO_DATA


def test_reading_takes_the_latest_year_with_target_and_actual_whatever_the_order():
    values = [
        Value(2024, d(70), None),  # target only: not judged yet
        Value(2022, d(50), d(30)),  # off track, but older
        Value(2023, d(60), d(61)),  # latest complete year: on track
    ]
    reading = latest_reading(direction=UP, baseline=d(40), values=values)
    assert reading.progress == Progress.ON_TRACK
    assert (reading.period, reading.target, reading.actual) == (2023, d(60), d(61))


def test_reading_label_is_the_progress_label():
    reading = latest_reading(direction=UP, baseline=d(40), values=[Value(2022, d(50), d(49.5))])
    assert reading.progress == Progress.AT_RISK
    assert reading.label == "At risk"


def test_rule_is_written_for_people():
    assert "10%" in str(RULE)
    assert "No data" in str(RULE)
