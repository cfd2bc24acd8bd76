"""Helpers of the generator steps, and `World`, what every step reads."""

import contextlib
import datetime
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from acip.devdata.scale.targets import BATCH_SIZE, CUTOFF, FIRST_YEAR, UTC, D, ScaleError
from acip.devdata.scale.words import COUNTRY_ENDINGS, SYLLABLES, TOPICS, VERBS
from acip.models import IntegrityFactor, Programme, Tier
from meetings.models import Meeting, SideMeeting
from partners.models import Contact, Outcome, PartnerAdministration


@contextlib.contextmanager
def timestamps_by_hand(model_list):
    """Let `created_at` and `updated_at` keep the values we give them: with auto_now on, every row would carry the
    moment of the load, which is neither realistic (a note of 2014 created in 2026) nor reproducible."""
    touched = []
    for model in model_list:
        for name in ("created_at", "updated_at"):
            try:
                f = model._meta.get_field(name)
            except FieldDoesNotExist:  # a model without timestamps
                continue
            touched.append((f, f.auto_now, f.auto_now_add))
            f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in touched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def bulk_insert(model: type[models.Model], objs: list) -> list:
    return model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)


def random_moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, rng.randint(7, 18), rng.randint(0, 59), tzinfo=UTC)


def stamp(obj: models.Model, when: datetime.datetime) -> models.Model:
    obj.created_at = obj.updated_at = when
    return obj


def random_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def day_in_year(rng: random.Random, year: int) -> datetime.date:
    return D(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def day_before_cutoff(rng: random.Random) -> datetime.date:
    return D.fromordinal(rng.randrange(D(FIRST_YEAR, 1, 1).toordinal(), CUTOFF.toordinal()))


def free_day(taken: set[tuple], key: tuple, day: datetime.date) -> datetime.date:
    """`day`, or the first day after it that no row with the same `key` has yet (and take it). The demo loader finds
    its meetings and status changes by such a key and a day, so a synthetic row must never share one."""
    while (*key, day) in taken:
        day += datetime.timedelta(days=1)
    taken.add((*key, day))
    return day


def random_sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(TOPICS)}; {rng.choice(VERBS).lower()} {rng.choice(TOPICS)}."


def random_tier(rng: random.Random) -> str:
    return rng.choices(Tier.values, weights=[5, 3, 2])[0]


def country_names(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    seen = {name.lower() for name in taken}
    while len(names) < n:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        name = (stem + rng.choice(COUNTRY_ENDINGS)).capitalize()
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def country_codes(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    free = [a + b for a in map(chr, range(65, 91)) for b in map(chr, range(65, 91)) if a + b not in taken]
    if n > len(free):
        raise ScaleError(f"Only {len(free)} two-letter country codes are free; {n} were asked for.")
    rng.shuffle(free)
    return sorted(free[:n])


@dataclass
class World:
    """What every step reads: the demo's rows and those generated so far."""

    rng: random.Random
    scale: float
    programme: Programme
    staff: Any
    factors: list[IntegrityFactor]
    partners: list[PartnerAdministration] = field(default_factory=list)
    coordinators: dict[int, Contact] = field(default_factory=dict)  # partner id -> its coordinator
    meetings: list[Meeting] = field(default_factory=list)
    attendances: list[tuple[Meeting, PartnerAdministration]] = field(default_factory=list)
    side_meetings: list[SideMeeting] = field(default_factory=list)
    outcomes_by_partner: dict[int, list[Outcome]] = field(default_factory=dict)
