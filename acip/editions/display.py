"""What the edition page shows of a snapshot: labels for stored values, each indicator's reading, the profile by
factor. Pure functions of the JSON (no database), so that the page shows the edition's facts, not today's."""

import datetime
from collections import Counter
from decimal import Decimal
from types import SimpleNamespace

from acip.models import Tier
from acip.reference import translated
from meetings.models import MeetingKind, Owner
from partners.indicators import Progress, latest_reading
from partners.models import AssessmentKind, Health, RespondentGroup, Stage


def _label(choices, value):
    try:
        return choices(value).label
    except ValueError:
        return value  # a value a later version of the code no longer knows: shown as stored


def _decimal(value):
    return None if value is None else Decimal(value)


def status_view(status: dict | None) -> dict | None:
    if not status:
        return None
    return dict(
        status,
        stage_label=_label(Stage, status["stage"]),
        health_label=_label(Health, status["health"]),
        effective_on=datetime.date.fromisoformat(status["effective_on"]),
        tier_label=_label(Tier, status["tier"]),
    )


def commitment_view(commitment: dict, day: datetime.date) -> dict:
    due_on = datetime.date.fromisoformat(commitment["due_on"])
    return dict(commitment, due_on=due_on, is_overdue=due_on < day, owner_label=_label(Owner, commitment["owner"]))


def indicator_view(indicator: dict) -> dict:
    values = [
        SimpleNamespace(period=v["period"], target=_decimal(v["target"]), actual=_decimal(v["actual"]))
        for v in indicator["values"]
    ]
    return dict(
        indicator,
        baseline=_decimal(indicator["baseline"]),
        reading=latest_reading(
            direction=indicator["direction"], baseline=_decimal(indicator["baseline"]), values=values
        ),
    )


def value_view(change: dict) -> dict:
    def figures(value):
        return {"period": value["period"], "target": _decimal(value["target"]), "actual": _decimal(value["actual"])}

    return {
        "indicator": change["indicator"],
        "value": figures(change["value"]),
        "old": figures(change["old"]) if "old" in change else None,
    }


def profile_view(profile: dict | None) -> dict | None:
    """The latest assessment's scores as rows of factors, one column per respondent group."""
    if not profile:
        return None
    factors = {}
    for score in profile["scores"]:
        # The snapshot keeps the factor's English name as entered; it reads in the user's language (acip/reference.py).
        name = translated(score["name"])
        row = factors.setdefault(score["factor"], {"number": score["factor"], "name": name, "scores": {}})
        row["scores"][score["group"]] = Decimal(score["score"])
    rows = [
        dict(
            row,
            officials=row["scores"].get(RespondentGroup.OFFICIALS),
            private=row["scores"].get(RespondentGroup.PRIVATE),
        )
        for _, row in sorted(factors.items())
    ]
    return dict(
        profile,
        kind_label=_label(AssessmentKind, profile["kind"]),
        started_on=datetime.date.fromisoformat(profile["started_on"]),
        factors=rows,
    )


def assessment_view(assessment: dict) -> dict:
    return dict(
        assessment,
        kind_label=_label(AssessmentKind, assessment["kind"]),
        started_on=datetime.date.fromisoformat(assessment["started_on"]),
    )


def meeting_view(meeting: dict) -> dict:
    return dict(
        meeting,
        kind_label=_label(MeetingKind, meeting["kind"]),
        starts_on=datetime.date.fromisoformat(meeting["starts_on"]),
        ends_on=datetime.date.fromisoformat(meeting["ends_on"]),
    )


def progress_counts(indicators: list[dict]) -> list[dict]:
    """How many of the indicators are on track, at risk, off track or without data, in that order; none left out
    but the empty ones."""
    counts = Counter(indicator["reading"].progress for indicator in indicators)
    return [{"label": progress.label, "count": counts[progress]} for progress in Progress if counts[progress]]


def snapshot_view(data: dict, day: datetime.date) -> dict:
    indicators = [indicator_view(i) for i in data["indicators"]]
    return {
        "partner": data["partner"],
        "status": status_view(data["status"]),
        "open_commitments": [commitment_view(c, day) for c in data["open_commitments"]],
        "overdue_count": sum(1 for c in data["open_commitments"] if datetime.date.fromisoformat(c["due_on"]) < day),
        "indicators": indicators,
        "progress": progress_counts(indicators),
        "profile": profile_view(data["profile"]),
        "meetings_since": datetime.date.fromisoformat(data["meetings_since"]),
        "meetings": [meeting_view(m) for m in data["meetings"]],
    }


def changes_view(changes, new_on: datetime.date) -> list[dict]:
    """The per-partner changes with labels and dates, in the order of `changes.partners`."""
    return [
        {
            "partner": p.partner,
            "joined": p.joined,
            "left": p.left,
            "status": {"old": status_view(p.status["old"]), "new": status_view(p.status["new"])} if p.status else None,
            "opened": [commitment_view(c, new_on) for c in p.opened],
            "closed": [commitment_view(c, new_on) for c in p.closed],
            "overdue": [commitment_view(c, new_on) for c in p.overdue],
            "values_added": [value_view(v) for v in p.values_added],
            "values_changed": [value_view(v) for v in p.values_changed],
            "assessments": [assessment_view(a) for a in p.assessments],
        }
        for p in changes.partners
    ]
