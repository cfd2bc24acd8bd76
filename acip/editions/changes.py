"""What changed between two editions: worked out from their snapshots alone, never from today's records.

`compare(older, newer)` takes each edition's date and its snapshots by partner id and answers, per partner and for
the programme, the status moves, the commitments opened, closed and now overdue, the indicator values added or
changed, and the assessments done. No database access."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from partners.models import Health, Stage

RISKY = (Health.AT_RISK, Health.OFF_TRACK)


@dataclass
class PartnerChanges:
    partner: dict
    joined: bool = False
    left: bool = False
    status: dict | None = None  # {"old": status or None, "new": status or None}
    opened: list = field(default_factory=list)
    closed: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    values_added: list = field(default_factory=list)
    values_changed: list = field(default_factory=list)
    assessments: list = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(
            self.joined
            or self.left
            or self.status
            or self.opened
            or self.closed
            or self.overdue
            or self.values_added
            or self.values_changed
            or self.assessments
        )


@dataclass
class SummaryLine:
    text: str
    partners: list  # the partners' snapshot heads ({"id", "country_name", ...}) the line is about


@dataclass
class Changes:
    partners: list[PartnerChanges]
    summary: list[SummaryLine]


def _overdue(commitment: dict, day: datetime.date) -> bool:
    return datetime.date.fromisoformat(commitment["due_on"]) < day


def _values(snapshot: dict) -> dict:
    return {
        (indicator["id"], value["period"]): (indicator, value)
        for indicator in snapshot.get("indicators", [])
        for value in indicator["values"]
    }


def _partner_changes(old: dict | None, new: dict | None, old_on, new_on) -> PartnerChanges:
    changes = PartnerChanges(partner=(new or old)["partner"], joined=old is None, left=new is None)
    if old is None or new is None:
        # Joining or leaving is the change: the records of a partner the older edition did not have are not "opened"
        # or "added", and those of one that left are not "closed".
        return changes
    old_status, new_status = old["status"] or {}, new["status"] or {}
    if (old_status.get("stage"), old_status.get("health")) != (new_status.get("stage"), new_status.get("health")):
        changes.status = {"old": old["status"], "new": new["status"]}
    old_open = {c["id"]: c for c in old.get("open_commitments", [])}
    new_open = {c["id"]: c for c in new.get("open_commitments", [])}
    changes.opened = [c for pk, c in new_open.items() if pk not in old_open]
    changes.closed = [c for pk, c in old_open.items() if pk not in new_open]
    changes.overdue = [
        c
        for pk, c in new_open.items()
        if _overdue(c, new_on) and not (pk in old_open and _overdue(old_open[pk], old_on))
    ]
    old_values, new_values = _values(old), _values(new)
    for key, (indicator, value) in new_values.items():
        if key not in old_values:
            changes.values_added.append({"indicator": indicator, "value": value})
        elif old_values[key][1] != value:
            changes.values_changed.append({"indicator": indicator, "value": value, "old": old_values[key][1]})
    old_assessments = {a["id"] for a in old.get("assessments", [])}
    changes.assessments = [a for a in new.get("assessments", []) if a["id"] not in old_assessments]
    return changes


def _summary(partners: list[PartnerChanges]) -> list[SummaryLine]:
    """One line per kind of change, with the partners it is about. Each ngettext call is spelled out, so that
    makemessages finds its strings."""
    lines = []

    def add(items, text):
        if items:
            lines.append(SummaryLine(text(len(items)), [p.partner for p in items]))

    def count(attr, text):
        items = [p for p in partners if getattr(p, attr)]
        total = sum(len(getattr(p, attr)) for p in items)
        if total:
            lines.append(SummaryLine(text(total), [p.partner for p in items]))

    def old(p, key):
        return (p.status["old"] or {}).get(key)

    moved = [p for p in partners if p.status and p.status["new"]]
    for stage in Stage:
        add(
            [p for p in moved if p.status["new"]["stage"] == stage and old(p, "stage") != stage],
            lambda n, stage=stage: (
                ngettext("%(count)d partner moved to %(stage)s", "%(count)d partners moved to %(stage)s", n)
                % {"count": n, "stage": stage.label}
            ),
        )
    add(
        [p for p in moved if p.status["new"]["health"] == Health.AT_RISK and old(p, "health") != Health.AT_RISK],
        lambda n: ngettext("%(count)d partner now at risk", "%(count)d partners now at risk", n) % {"count": n},
    )
    add(
        [p for p in moved if p.status["new"]["health"] == Health.OFF_TRACK and old(p, "health") != Health.OFF_TRACK],
        lambda n: ngettext("%(count)d partner now off track", "%(count)d partners now off track", n) % {"count": n},
    )
    add(
        [p for p in moved if p.status["new"]["health"] == Health.ON_TRACK and old(p, "health") in RISKY],
        lambda n: ngettext("%(count)d partner back on track", "%(count)d partners back on track", n) % {"count": n},
    )
    add(
        [p for p in partners if p.joined],
        lambda n: (
            ngettext("%(count)d partner joined the programme", "%(count)d partners joined the programme", n)
            % {"count": n}
        ),
    )
    add(
        [p for p in partners if p.left],
        lambda n: (
            ngettext("%(count)d partner left the programme", "%(count)d partners left the programme", n) % {"count": n}
        ),
    )
    count(
        "opened",
        lambda n: ngettext("%(count)d commitment opened", "%(count)d commitments opened", n) % {"count": n},
    )
    count(
        "closed",
        lambda n: ngettext("%(count)d commitment closed", "%(count)d commitments closed", n) % {"count": n},
    )
    count(
        "overdue",
        lambda n: ngettext("%(count)d commitment now overdue", "%(count)d commitments now overdue", n) % {"count": n},
    )
    count(
        "values_added",
        lambda n: ngettext("%(count)d indicator value added", "%(count)d indicator values added", n) % {"count": n},
    )
    count(
        "values_changed",
        lambda n: (
            ngettext("%(count)d indicator value changed", "%(count)d indicator values changed", n) % {"count": n}
        ),
    )
    count(
        "assessments",
        lambda n: ngettext("%(count)d assessment done", "%(count)d assessments done", n) % {"count": n},
    )
    return lines


def compare(older: tuple[datetime.date, dict], newer: tuple[datetime.date, dict]) -> Changes:
    """`older` and `newer` are (date, {partner id: snapshot})."""
    (old_on, old), (new_on, new) = older, newer
    ids = list(new) + [pk for pk in old if pk not in new]
    partners = [_partner_changes(old.get(pk), new.get(pk), old_on, new_on) for pk in ids]
    partners = sorted((p for p in partners if p.any), key=lambda p: p.partner["country_name"])
    return Changes(partners=partners, summary=_summary(partners))
