"""Synthetic activities, done or planned."""

import datetime

from acip.devdata.scale.helpers import (
    World,
    bulk_insert,
    day_in_year,
    random_moment,
    random_sentence,
    random_tier,
    stamp,
)
from acip.devdata.scale.targets import FIRST_YEAR, MARK, scaled
from acip.devdata.scale.words import TOPICS
from partners.models import Activity, ActivityKind, ActivityStatus, Component, Modality


def activities_generate(w: World) -> None:
    rng = w.rng
    new = []
    for _ in range(scaled("activities", w.scale)):
        partner = rng.choice(w.partners)
        outcomes = w.outcomes_by_partner.get(partner.id, [])
        start = day_in_year(rng, rng.randint(FIRST_YEAR, 2027))
        end = start + datetime.timedelta(days=rng.randint(0, 10))
        status = ActivityStatus.COMPLETED if start.year < 2026 else rng.choice(ActivityStatus.values)
        done = status == ActivityStatus.COMPLETED
        activity = Activity(
            partner=partner,
            outcome=rng.choice(outcomes) if outcomes and rng.random() < 0.5 else None,
            title=f"{MARK}: {ActivityKind.labels[rng.randrange(len(ActivityKind.labels))]} on {rng.choice(TOPICS)}",
            kind=rng.choice(ActivityKind.values),
            component=rng.choices(Component.values, weights=[4, 1])[0],
            modality=rng.choice(Modality.values),
            status=status,
            planned_start_on=start,
            planned_end_on=end,
            actual_start_on=start if done else None,
            actual_end_on=end if done else None,
            description=random_sentence(rng),
            participants_women=rng.randint(2, 30) if done else None,
            participants_men=rng.randint(2, 30) if done else None,
            tier=random_tier(rng),
        )
        new.append(stamp(activity, random_moment(start - datetime.timedelta(days=90), rng)))
    bulk_insert(Activity, new)
