"""Whether an indicator is on track: one rule, written once, shown on the page next to the figures it judges.

Pure functions of numbers (no database, no request), so that the rule is easy to read, to test and to explain.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Direction

#: How far short of the target, as a share of the distance from the baseline to the target, still counts as "at risk".
AT_RISK_MARGIN = Decimal("0.10")

RULE = _(
    # xgettext:no-python-format (the two "10%" are not placeholders)
    "How we judge an indicator: we take the latest year that has both a target and an actual. It is on track when "
    "the actual has reached that year's target (at or above it when higher is better, at or below it when lower is "
    "better); at risk when it falls short by no more than 10% of the distance from the baseline to that target; off "
    "track when it falls further short. Without a baseline, the 10% is taken of the target itself. No data: no year "
    "has both a target and an actual yet."
)


class Progress(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("No data")


class PeriodValue(Protocol):
    period: int
    target: Decimal | None
    actual: Decimal | None


@dataclass(frozen=True)
class Reading:
    """The judgement of one indicator, with the year and the figures it rests on."""

    progress: Progress
    period: int | None = None
    target: Decimal | None = None
    actual: Decimal | None = None

    @property
    def label(self) -> str:
        return self.progress.label


def judge(*, direction: str, baseline: Decimal | None, target: Decimal, actual: Decimal) -> Progress:
    """On track, at risk or off track for one year's target and actual (see RULE)."""
    shortfall = target - actual if direction == Direction.INCREASE else actual - target
    if shortfall <= 0:
        return Progress.ON_TRACK
    distance = abs(target - baseline) if baseline is not None else abs(target)
    if shortfall <= distance * AT_RISK_MARGIN:
        return Progress.AT_RISK
    return Progress.OFF_TRACK


def latest_reading(*, direction: str, baseline: Decimal | None, values: Iterable[PeriodValue]) -> Reading:
    """Judge an indicator on the latest year that has both a target and an actual (see RULE)."""
    complete = [value for value in values if value.target is not None and value.actual is not None]
    if not complete:
        return Reading(Progress.NO_DATA)
    latest = max(complete, key=lambda value: value.period)
    progress = judge(direction=direction, baseline=baseline, target=latest.target, actual=latest.actual)
    return Reading(progress, period=latest.period, target=latest.target, actual=latest.actual)
