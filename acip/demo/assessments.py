"""Assessments (DOMAIN.md §1.5): CIPS rounds with their illustrative factor scores."""

from decimal import Decimal

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from acip.demo.helpers import ILLUSTRATIVE, D, _upsert
from acip.models import IntegrityFactor, Tier
from partners.models import Assessment, AssessmentKind, AssessmentScore, PartnerAdministration, RespondentGroup


def _score(*, factor: int, partner_index: int, group: str, round_number: int) -> Decimal:
    """A deterministic illustrative score: not random, so that a second load finds the same values."""
    base = 40 + (factor * 7 + partner_index * 11) % 30
    if group == RespondentGroup.PRIVATE:
        base -= 6
    if round_number == 2:
        # Most factors improve between rounds (DOMAIN.md: 85%), a few do not.
        base += (factor * 3 + partner_index) % 9 - 1
    return Decimal(base)


def _scores_set(*, assessment: Assessment, scores: dict[tuple[int, str], Decimal]) -> None:
    """Bring an assessment's scores to `scores` ((factor id, group) -> score) in two statements, with history.

    Scores are the bulk of the data set (20 per assessment); one `_upsert` each made the load twice as slow. They are
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


def _assessments_load(*, partners: dict[str, PartnerAdministration], factors: dict[int, IntegrityFactor]) -> None:
    rounds = [
        (1, D(2020, 1, 13), D(2020, 2, 28), "EY (fieldwork)", "First CIPS round, January–February 2020 [S15]."),
        (2, D(2023, 3, 1), D(2023, 5, 31), "", "Second CIPS round, 2023 [S17]."),
    ]
    for partner_index, code in enumerate(["GH", "MZ", "SL"]):
        for round_number, started_on, ended_on, provider, fact in rounds:
            assessment = _upsert(
                Assessment,
                lookup={"partner": partners[code], "kind": AssessmentKind.CIPS, "round_number": round_number},
                values={
                    "title": f"{ILLUSTRATIVE}: CIPS round {round_number} ({started_on.year})",
                    "started_on": started_on,
                    "ended_on": ended_on,
                    "sample_officials": 300 + 20 * partner_index,
                    "sample_private": 280 + 15 * partner_index,
                    "provider": provider,
                    "summary": f"{fact} {ILLUSTRATIVE}: the scores and sample sizes are made up; the real results "
                    "stay with the administration.",
                    "tier": Tier.PARTNER,
                },
            )
            scores = {
                (factor.pk, group): _score(
                    factor=number, partner_index=partner_index, group=group, round_number=round_number
                )
                for number, factor in factors.items()
                for group in RespondentGroup.values
            }
            _scores_set(assessment=assessment, scores=scores)
    # Ukraine's first CIPS is a fact, with its sample sizes [S20]; its scores are not public, so it has none.
    _upsert(
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
