"""Assessments (DOMAIN.md §1.5): CIPS rounds with their illustrative factor scores."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from acip.devdata.demo.facts import AMERICAS_CODES, EXPANSION_CODES, INITIAL_CODES, PARTNERS
from acip.devdata.demo.helpers import ILLUSTRATIVE, D, upsert
from acip.models import IntegrityFactor, Tier
from partners.models import Assessment, AssessmentKind, AssessmentScore, PartnerAdministration, RespondentGroup


def _score(*, factor: int, partner_index: int, group: str, round_number: int) -> Decimal:
    """A deterministic illustrative score: not random, so that a second load finds the same values."""
    base = 40 + (factor * 7 + partner_index * 11) % 30
    if group == RespondentGroup.PRIVATE:
        base -= 6
    if round_number == 2:
        # In 2023 the 17 countries' data showed better perceptions on all 10 factors, and at national level 85% of
        # the factors improved [S17]: here 11 of 13 steps are a rise, 2 are not.
        base += (factor * 3 + partner_index) % 13 - 1
    return Decimal(base)


def _scores_set(*, assessment: Assessment, scores: dict[tuple[int, str], Decimal]) -> None:
    """Bring an assessment's scores to `scores` ((factor id, group) -> score) in two statements, with history.

    Scores are the bulk of the data set (20 per assessment); one `upsert` each made the load twice as slow. They are
    computed within 0 to 100, and the database's own constraints still check it.
    """
    existing = {(score.factor_id, score.group): score for score in assessment.scores.all()}
    new = [
        AssessmentScore(assessment=assessment, factor_id=factor_id, group=group, score=value)
        for (factor_id, group), value in scores.items()
        if (factor_id, group) not in existing
    ]
    changed = []
    for key, score in existing.items():
        if key in scores and score.score != scores[key]:
            score.score = scores[key]
            changed.append(score)
    if new:
        bulk_create_with_history(new, AssessmentScore)
    if changed:
        bulk_update_with_history(changed, AssessmentScore, ["score"])


def _split(total: int, codes: list[str]) -> dict[str, int]:
    """Share a round's sample over its countries, illustratively but so that the shares add up to the source's total:
    uneven (by position), deterministic."""
    weights = [9 + (index * 5) % 7 for index in range(len(codes))]
    shares = [total * weight // sum(weights) for weight in weights]
    shares[0] += total - sum(shares)
    return dict(zip(codes, shares, strict=True))


@dataclass(frozen=True)
class Round:
    round_number: int
    codes: list[str]
    started_on: datetime.date
    ended_on: datetime.date
    officials: int  # the round's total of Customs officials who answered
    private: int  # and of private-sector respondents
    provider: str
    fact: str


# DOMAIN.md §3 (CIPS). Round 1 (2020): 10 countries, 3,019 officials and 2,793 private-sector respondents, EY's
# fieldwork in January-February 2020 [S15]. Which 10: the initial 11 but Lebanon, which ran it in 2021 with the 6 new
# partners [S22] (DOMAIN.md §1.4).
ROUND_1_2020 = Round(
    1, [c for c in INITIAL_CODES if c != "LB"], D(2020, 1, 13), D(2020, 2, 28), 3019, 2793, "EY (fieldwork)",
    "First CIPS round, January-February 2020, in 10 countries: 3,019 officials and 2,793 private-sector respondents "
    "in all [S15].",
)  # fmt: skip
# 2021: 7 more countries, 2,094 officials and 1,559 private-sector respondents [S22]; the months are illustrative.
ROUND_1_2021 = Round(
    1, [*EXPANSION_CODES, "LB"], D(2021, 1, 11), D(2021, 3, 19), 2094, 1559, "",
    "CIPS in 7 more countries, early 2021: 2,094 officials and 1,559 private-sector respondents in all [S22].",
)  # fmt: skip
# The Americas' first round: the sources count 25 first-round countries [S17] (10 + 7 + the 8 Americas partners);
# the months and the sample sizes are illustrative.
ROUND_1_AMERICAS = Round(
    1, AMERICAS_CODES, D(2021, 11, 8), D(2022, 2, 25), 2080, 1840, "",
    "Illustrative: the Americas partners' first CIPS; the sources count 25 first-round countries [S17], not these "
    "dates or sample sizes.",
)  # fmt: skip
# Round 2 (2023): 17 of the 25 first-round countries; with round 1, more than 11,000 officials and 8,500 private
# respondents [S17]. Which 17 (partners in the programme in 2023, Afghanistan suspended), the months and the sample
# sizes are illustrative, chosen so that the two rounds add up to more than the source's totals.
ROUND_2_2023 = Round(
    2,
    ["ET", "GH", "LR", "MZ", "NP", "SL", "TZ", "TN", "BF", "CI", "JO", "MW", "NE", "PS", "SV", "GT", "JM"],
    D(2023, 3, 1), D(2023, 5, 31), 3995, 2465, "",
    "Second CIPS round, 2023, in 17 of the 25 first-round countries [S17].",
)  # fmt: skip
ROUNDS = [ROUND_1_2020, ROUND_1_2021, ROUND_1_AMERICAS, ROUND_2_2023]


def assessments_load(*, partners: dict[str, PartnerAdministration], factors: dict[int, IntegrityFactor]) -> None:
    # Ghana, Mozambique and Sierra Leone first: their scores stay those of the earlier demo, which journeys quote.
    order = ["GH", "MZ", "SL", *[fact.code for fact in PARTNERS if fact.code not in ("GH", "MZ", "SL")]]
    indexes = {code: index for index, code in enumerate(order)}
    for cips in ROUNDS:
        officials, private = _split(cips.officials, cips.codes), _split(cips.private, cips.codes)
        for code in cips.codes:
            assessment = upsert(
                Assessment,
                lookup={"partner": partners[code], "kind": AssessmentKind.CIPS, "round_number": cips.round_number},
                values={
                    "title": f"CIPS round {cips.round_number} ({cips.started_on.year}), {ILLUSTRATIVE} scores",
                    "started_on": cips.started_on,
                    "ended_on": cips.ended_on,
                    "sample_officials": officials[code],
                    "sample_private": private[code],
                    "provider": cips.provider,
                    "summary": f"{cips.fact} {ILLUSTRATIVE}: this country's share of the sample and its scores are "
                    "made up; the real results stay with the administration [S17][S22].",
                    "tier": Tier.PARTNER,
                },
            )
            scores = {
                (factor.pk, group): _score(
                    factor=number, partner_index=indexes[code], group=group, round_number=cips.round_number
                )
                for number, factor in factors.items()
                for group in RespondentGroup.values
            }
            _scores_set(assessment=assessment, scores=scores)
    # Ukraine's first CIPS is a fact, with its sample sizes [S20]; its scores are not public, so it has none.
    upsert(
        Assessment,
        lookup={"partner": partners["UA"], "kind": AssessmentKind.CIPS, "round_number": 1},
        values={
            "title": "CIPS round 1 (2024)",
            "started_on": D(2024, 9, 1),
            "ended_on": D(2024, 9, 30),
            "sample_officials": 448,
            "sample_private": 477,
            "provider": "",
            "summary": "448 officials and 477 private respondents across 5 Customs regions, more than 95% confidence "
            "[S20]. The days are illustrative.",
            "tier": Tier.PARTNER,
        },
    )
