"""P-1 worked out from survey rounds: the pure rule of partners/perceptions.py."""

import datetime
from decimal import Decimal

from partners.perceptions import DEFINITION, Round, factor_changes, partner_change, perception_change, share

D = Decimal


def round_(year, scores, number=None):
    return Round(started_on=datetime.date(year, 1, 1), number=number, scores=scores, label=f"R{year}")


def test_a_factor_improves_only_when_its_mean_rises():
    earlier = round_(2020, {1: {"officials": D(50)}, 2: {"officials": D(50)}, 3: {"officials": D(60)}})
    later = round_(2023, {1: {"officials": D(51)}, 2: {"officials": D(50)}, 3: {"officials": D(40)}})
    changes = {change.factor: change for change in factor_changes(earlier, later)}
    assert [changes[f].improved for f in (1, 2, 3)] == [True, False, False]
    assert changes[3].difference == D(-20)


def test_only_groups_scored_in_both_rounds_are_averaged():
    earlier = round_(2020, {1: {"officials": D(40), "private": D(80)}})
    later = round_(2023, {1: {"officials": D(50)}})
    (change,) = factor_changes(earlier, later)
    # private is left out: 40 -> 50 improved, though the mean of every group would have fallen (60 -> 50)
    assert (change.before, change.after, change.improved) == (D(40), D(50), True)


def test_a_factor_missing_from_one_round_is_not_compared():
    earlier = round_(2020, {1: {"officials": D(40)}})
    later = round_(2023, {1: {"private": D(50)}, 2: {"officials": D(50)}})
    assert factor_changes(earlier, later) == ()


def test_the_two_latest_scored_rounds_are_compared_whatever_their_order():
    first = round_(2018, {1: {"officials": D(90)}})
    second = round_(2020, {1: {"officials": D(40)}})
    third = round_(2023, {1: {"officials": D(50)}})
    unscored = round_(2025, {})
    change = partner_change("GH", [third, unscored, first, second])
    assert (change.earlier, change.later, change.rounds) == (second, third, 3)
    assert (change.improved, change.compared, change.share) == (1, 1, D("100.0"))


def test_an_administration_with_one_round_is_listed_but_not_counted():
    only = round_(2020, {1: {"officials": D(40)}})
    change = partner_change("UA", [only])
    assert (change.rounds, change.earlier, change.later, change.compared, change.share) == (1, None, only, 0, None)
    assert partner_change("XX", []).later is None


def test_the_overall_share_counts_every_compared_factor_alike():
    ghana = [
        round_(2020, {f: {"officials": D(50)} for f in range(1, 11)}),
        round_(2023, {f: {"officials": D(50 + (f <= 9))} for f in range(1, 11)}),  # 9 of 10 improved
    ]
    mali = [
        round_(2020, {1: {"officials": D(50)}, 2: {"officials": D(50)}}),
        round_(2023, {1: {"officials": D(40)}, 2: {"officials": D(60)}}),
    ]
    ukraine = [round_(2024, {1: {"officials": D(50)}})]
    result = perception_change({"GH": ghana, "ML": mali, "UA": ukraine})
    assert [partner.partner for partner in result.partners] == ["GH", "ML", "UA"]
    assert [partner.share for partner in result.partners] == [D("90.0"), D("50.0"), None]
    # (9 + 1) of (10 + 2), not the mean of 90% and 50%
    assert (result.improved, result.compared, result.share, result.counted_partners) == (10, 12, D("83.3"), 2)
    assert result.by_factor[1] == (1, 2)
    assert result.by_factor[2] == (2, 2)
    assert result.by_factor[10] == (0, 1)


def test_nothing_to_compare_gives_no_figure():
    result = perception_change({})
    assert (result.share, result.compared, result.partners) == (None, 0, ())
    assert share(0, 0) is None
    assert share(2, 3) == D("66.7")


def test_the_definition_states_the_rule():
    text = str(DEFINITION)
    assert "latest survey round" in text and "round before it" in text and "fewer than two rounds" in text
