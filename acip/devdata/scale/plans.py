"""Synthetic country plans with their outcomes, and indicators with their values."""

import datetime
import random
from decimal import Decimal

from acip.devdata.scale.helpers import World, bulk_insert, random_moment, random_sentence, stamp
from acip.devdata.scale.targets import INDICATOR_YEARS, MARK, D, scaled
from acip.devdata.scale.words import TOPICS
from acip.models import Tier
from partners.models import CountryPlan, Direction, Indicator, IndicatorValue, Level, Outcome, PlanStatus


def plans_generate(w: World) -> None:
    rng = w.rng
    next_version = {}
    for partner_id, version in CountryPlan.objects.values_list("partner_id", "version").order_by("partner_id"):
        next_version[partner_id] = max(next_version.get(partner_id, 1), version + 1)
    plans = []
    for partner in w.partners:
        for offset in range(rng.choice([1, 1, 2])):
            start = D(2016 + 4 * offset + rng.randint(0, 3), 1, 1)
            version = next_version.get(partner.id, 1)
            next_version[partner.id] = version + 1
            plan = CountryPlan(
                partner=partner,
                title=f"{MARK}: A-CIP project plan {start.year}–{start.year + 3}",
                version=version,
                starts_on=start,
                ends_on=D(start.year + 3, 12, 31),
                general_outcome=random_sentence(rng),
                status=rng.choice(PlanStatus.values),
                approved_on=start + datetime.timedelta(days=rng.randint(10, 90)),
                tier=rng.choice([Tier.PARTNER, Tier.DONORS]),
            )
            plans.append(stamp(plan, random_moment(start, rng)))
    bulk_insert(CountryPlan, plans)

    outcomes = []
    for plan in plans:
        for position in range(1, rng.randint(3, 5) + 1):
            outcome = Outcome(
                plan=plan,
                title=f"{rng.choice(TOPICS).capitalize()} strengthened",
                description=random_sentence(rng),
                position=position,
            )
            outcomes.append(stamp(outcome, plan.created_at))
    bulk_insert(Outcome, outcomes)
    for outcome in outcomes:
        w.outcomes_by_partner.setdefault(outcome.plan.partner_id, []).append(outcome)
    through = Outcome.factors.through
    bulk_insert(
        through,
        [
            through(outcome=outcome, integrityfactor=factor)
            for outcome in outcomes
            for factor in sorted(rng.sample(w.factors, rng.randint(1, 2)), key=lambda f: f.number)
        ],
    )

    indicators = []
    for index in range(scaled("indicators", w.scale)):
        outcome = outcomes[index % len(outcomes)] if index < len(outcomes) else rng.choice(outcomes)
        indicators.append(_indicator(rng, outcome=outcome, position=index % 7 + 1, when=outcome.created_at))
    for index in range(scaled("programme_indicators", w.scale)):
        when = random_moment(D(2019, 1, 1), rng)
        indicators.append(_indicator(rng, programme=w.programme, position=index + 10, when=when))
    bulk_insert(Indicator, indicators)

    values = []
    for indicator in indicators:
        baseline = indicator.baseline or Decimal(rng.randint(20, 60))
        for step, year in enumerate(INDICATOR_YEARS, start=1):
            value = IndicatorValue(
                indicator=indicator,
                period=year,
                target=baseline + 5 * step,
                actual=None if year == INDICATOR_YEARS[-1] else baseline + rng.randint(-2, 8) * step,
                source=f"{MARK} source",
                comment="",
            )
            values.append(stamp(value, random_moment(D(year, 12, 31), rng)))
    bulk_insert(IndicatorValue, values)


def _indicator(rng: random.Random, *, when, position: int, outcome=None, programme=None) -> Indicator:
    indicator = Indicator(
        outcome=outcome,
        programme=programme,
        code=f"S-{position}",
        name=f"{MARK}: share of {rng.choice(TOPICS)} milestones met",
        level=rng.choice(Level.values) if outcome else Level.IMPACT,
        unit="%",
        direction=rng.choice(Direction.values),
        baseline=Decimal(rng.randint(10, 60)),
        baseline_on=D(2020, 12, 31),
        baseline_source=f"{MARK} baseline",
        position=position,
    )
    return stamp(indicator, when)
