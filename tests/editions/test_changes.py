"""compare() on hand-made snapshots: no database."""

import copy
import datetime

from acip.editions.changes import compare

OLD_ON = datetime.date(2026, 6, 1)
NEW_ON = datetime.date(2026, 11, 1)


def snapshot(pk=1, name="Ghana", **fields):
    data = {
        "partner": {"id": pk, "slug": name.lower(), "country_name": name, "name": f"Customs of {name}", "region": "X"},
        "status": {
            "stage": "planning",
            "health": "on_track",
            "reason": "R",
            "effective_on": "2026-01-01",
            "tier": "staff",
        },
        "open_commitments": [],
        "indicators": [],
        "assessments": [],
        "profile": None,
        "meetings_since": "2025-01-01",
        "meetings": [],
    }
    data.update(fields)
    return data


def commitment(pk, due_on="2026-12-31"):
    return {"id": pk, "uuid": str(pk), "title": f"C{pk}", "due_on": due_on, "owner": "administration", "tier": "staff"}


def indicator(*values):
    return {
        "id": 7,
        "code": "I-1",
        "name": "Share",
        "unit": "%",
        "direction": "increase",
        "baseline": "10",
        "values": [{"period": p, "target": t, "actual": a} for p, t, a in values],
    }


def changes(old, new):
    return compare((OLD_ON, {s["partner"]["id"]: s for s in old}), (NEW_ON, {s["partner"]["id"]: s for s in new}))


def texts(result):
    return [line.text for line in result.summary]


def test_identical_editions_have_no_change():
    result = changes([snapshot()], [snapshot()])
    assert result.partners == [] and result.summary == []


def test_a_reason_alone_is_not_a_move():
    new = snapshot()
    new["status"] = dict(new["status"], reason="Another reason", effective_on="2026-10-01")
    assert changes([snapshot()], [new]).summary == []


def test_stage_and_health_moves_are_counted_by_stage_and_risk():
    old = [snapshot(1, "Ghana"), snapshot(2, "Nepal"), snapshot(3, "Peru")]
    new = copy.deepcopy(old)
    new[0]["status"].update(stage="implementation")
    new[1]["status"].update(stage="implementation", health="at_risk")
    new[2]["status"].update(health="off_track")
    result = changes(old, new)
    assert texts(result) == [
        "2 partners moved to Implementation",
        "1 partner now at risk",
        "1 partner now off track",
    ]
    assert [p["country_name"] for p in result.summary[0].partners] == ["Ghana", "Nepal"]
    assert [p.partner["country_name"] for p in result.partners] == ["Ghana", "Nepal", "Peru"]


def test_back_on_track_is_its_own_line():
    old = snapshot()
    old["status"]["health"] = "at_risk"
    assert texts(changes([old], [snapshot()])) == ["1 partner back on track"]


def test_commitments_opened_closed_and_now_overdue():
    old = snapshot(open_commitments=[commitment(1), commitment(2, due_on="2026-09-01")])
    new = snapshot(open_commitments=[commitment(2, due_on="2026-09-01"), commitment(3)])
    result = changes([old], [new])
    (partner,) = result.partners
    assert [c["id"] for c in partner.opened] == [3]
    assert [c["id"] for c in partner.closed] == [1]
    assert [c["id"] for c in partner.overdue] == [2]
    assert texts(result) == ["1 commitment opened", "1 commitment closed", "1 commitment now overdue"]


def test_a_commitment_overdue_in_both_editions_is_not_newly_overdue():
    late = [commitment(1, due_on="2026-01-01")]
    assert changes([snapshot(open_commitments=late)], [snapshot(open_commitments=late)]).summary == []


def test_indicator_values_added_and_changed():
    old = snapshot(indicators=[indicator((2024, "50", "40"), (2025, "60", None))])
    new = snapshot(indicators=[indicator((2024, "50", "40"), (2025, "60", "55"), (2026, "70", None))])
    (partner,) = changes([old], [new]).partners
    assert [v["value"]["period"] for v in partner.values_added] == [2026]
    assert [(v["old"]["actual"], v["value"]["actual"]) for v in partner.values_changed] == [(None, "55")]


def test_a_partner_that_joins_or_leaves_is_not_counted_again_by_its_records():
    busy = snapshot(2, "Nepal", open_commitments=[commitment(1)], indicators=[indicator((2024, "50", "40"))])
    assert texts(changes([], [busy])) == ["1 partner joined the programme"]
    assert texts(changes([busy], [])) == ["1 partner left the programme"]


def test_assessments_done_and_partners_joining_and_leaving():
    new_assessment = {"id": 9, "kind": "cips", "title": "Round 2", "started_on": "2026-09-01", "ended_on": None}
    result = changes(
        [snapshot(1, "Ghana"), snapshot(2, "Nepal")],
        [snapshot(1, "Ghana", assessments=[new_assessment]), snapshot(3, "Peru")],
    )
    assert texts(result) == [
        "1 partner joined the programme",
        "1 partner left the programme",
        "1 assessment done",
    ]
