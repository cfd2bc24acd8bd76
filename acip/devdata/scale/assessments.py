"""Synthetic assessments with all their factor scores."""

import datetime
from decimal import Decimal

from django.db import models

from acip.devdata.scale.helpers import World, bulk_insert, day_before_cutoff, random_moment, random_sentence, stamp
from acip.devdata.scale.targets import MARK, scaled
from acip.models import Tier
from partners.models import Assessment, AssessmentKind, AssessmentScore, RespondentGroup


def assessments_generate(w: World) -> None:
    rng = w.rng
    # An administration's rounds of a kind go on from the demo's (Ghana's CIPS rounds 1 and 2), so that a round
    # number names one assessment and the demo loader finds its own again.
    rounds: dict[tuple[int, str], int] = {
        (row["partner"], row["kind"]): row["last"] or 0
        for row in Assessment.objects.values("partner", "kind").annotate(last=models.Max("round_number"))
    }
    new = []
    for _ in range(scaled("assessments", w.scale)):
        partner = rng.choice(w.partners)
        kind = rng.choices(AssessmentKind.values, weights=[3, 1, 4, 2])[0]
        rounds[partner.id, kind] = rounds.get((partner.id, kind), 0) + 1
        started_on = day_before_cutoff(rng)
        assessment = Assessment(
            partner=partner,
            kind=kind,
            title=f"{MARK}: {AssessmentKind(kind).label} ({started_on.year})",
            round_number=rounds[partner.id, kind],
            started_on=started_on,
            ended_on=started_on + datetime.timedelta(days=rng.randint(5, 60)),
            sample_officials=rng.randint(100, 900),
            sample_private=rng.randint(80, 700),
            provider=rng.choice(["", "Survey firm", "WCO experts"]),
            summary=random_sentence(rng),
            tier=rng.choices(Tier.values, weights=[2, 6, 2])[0],
        )
        new.append(stamp(assessment, random_moment(started_on, rng)))
    bulk_insert(Assessment, new)
    scores = [
        AssessmentScore(
            assessment=assessment,
            factor=factor,
            group=group,
            score=Decimal(rng.randint(200, 950)) / 10,
        )
        for assessment in new
        for factor in w.factors
        for group in RespondentGroup.values
    ]
    bulk_insert(AssessmentScore, scores)
