"""What the scale data set is: the mark on its rows, its years, the rows per model at --scale 1, and how a run
ends (`ScaleResult`, `ScaleError`)."""

import datetime
from dataclasses import dataclass, field

MARK = "Synthetic"
SLUG_PREFIX = "synthetic-"
AGREEMENT_REFERENCE = "SYNTHETIC"
FIRST_YEAR = 2013
YEARS = 15  # 2013 to 2027: the last year holds the upcoming meetings, whatever today is
BATCH_SIZE = 2000
UTC = datetime.UTC
D = datetime.date
#: The data set's "now": what was held or recorded is before it; meetings after it are upcoming.
CUTOFF = D(2026, 10, 31)

#: Rows generated at --scale 1 (the issue's figures); each is multiplied by the scale and is at least 1.
TARGETS = {
    "partners": 160,
    "meetings": 2000,
    "side_meetings": 20000,
    "notes": 100000,
    "commitments": 50000,
    "assessments": 2000,
    "status_changes": 20000,
    "indicators": 5000,
    "programme_indicators": 10,
    "activities": 6000,
}
VALUES_PER_INDICATOR = 5  # one per year, 2021 to 2025
INDICATOR_YEARS = range(2021, 2021 + VALUES_PER_INDICATOR)


def scaled(name: str, scale: float) -> int:
    return max(1, round(TARGETS[name] * scale))


@dataclass
class ScaleResult:
    counts: dict[str, int] = field(default_factory=dict)


class ScaleError(Exception):
    """The data set cannot be generated here (no demo data, or synthetic rows already loaded)."""
