"""The scale data set: the whole WCO on top of the demo data, for the benchmark (`manage.py seed_scale`).

186 administrations (the demo's 26 and 160 synthetic ones), 15 years of meetings, tens of thousands of side
meetings, notes and commitments, assessments with all their factor scores, status changes and indicators with their
values. The demo's own records get their share too, so that a demo page (Ghana's status page, the 2019 session)
is the same URL at demo size and at scale size.

Deterministic: every choice comes from one `random.Random(seed)`, dates from fixed years (never from today), uuids
from the same generator, and the timestamps are set by hand, so the same seed on the same demo data gives the same
rows (`scale_content_hash()` checks it).

Every generated row says "Synthetic" in one of its own text fields or hangs off a row that does: that is how a
second run finds them, and how `scale_reset()` deletes them without touching the demo's rows.

Rows are written with `bulk_create` in batches. `bulk_create` sends no signals, so django-simple-history records no
history for them (it would only with its `bulk_create_with_history`): a synthetic load has no past worth keeping,
and a history row per record would double the load time and the database's size.

This module sits on top of the house, like acip.demo: it imports all three apps.
"""

import contextlib
import datetime
import hashlib
import math
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils.text import slugify

from acip.models import Donor, FundingAgreement, IntegrityFactor, Programme, Region, Tier
from meetings.models import (
    Atmosphere,
    Attendance,
    Commitment,
    CommitmentStatus,
    Committee,
    Meeting,
    MeetingKind,
    Note,
    Owner,
    SideMeeting,
)
from partners.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Assessment,
    AssessmentKind,
    AssessmentScore,
    Cohort,
    Component,
    Contact,
    CountryPlan,
    Direction,
    Health,
    Indicator,
    IndicatorValue,
    Level,
    Modality,
    Outcome,
    PartnerAdministration,
    PlanStatus,
    Position,
    RespondentGroup,
    Stage,
    StatusChange,
)

MARK = "Synthetic"
SLUG_PREFIX = "synthetic-"
AGREEMENT_REFERENCE = "SYNTHETIC"
FIRST_YEAR = 2013
YEARS = 15  # 2013 to 2027: the last year holds the upcoming meetings, whatever today is
BATCH_SIZE = 2000
UTC = datetime.UTC
D = datetime.date
#: The data set's "now": what was held or recorded is before it; meetings after it are upcoming.
CUTOFF = D(2026, 10, 31)

#: Rows generated at --scale 1 (the issue's figures); each is multiplied by the scale and is at least 1.
TARGETS = {
    "partners": 160,
    "meetings": 2000,
    "side_meetings": 20000,
    "notes": 100000,
    "commitments": 50000,
    "assessments": 2000,
    "status_changes": 20000,
    "indicators": 5000,
    "programme_indicators": 10,
    "activities": 6000,
}
VALUES_PER_INDICATOR = 5  # one per year, 2021 to 2025
INDICATOR_YEARS = range(2021, 2021 + VALUES_PER_INDICATOR)

SYLLABLES = [
    "ka", "lo", "ri", "na", "mo", "ta", "ve", "sa", "du", "ne", "bo", "li", "ar", "te", "mi", "ro", "za", "ul",
    "en", "qa", "so", "pe", "gu", "ha", "fi", "ko", "da", "ni", "ba", "yo",
]  # fmt: skip
COUNTRY_ENDINGS = ["ia", "land", "stan", "ra", "ova", "i", "a", "ea"]
CITIES = [
    "Brussels", "Nairobi", "Abidjan", "Amman", "Bangkok", "Panama City", "Lusaka", "Dakar", "Tbilisi", "Manila",
    "Maputo", "Tunis", "Kingston", "Ouagadougou", "Online",
]  # fmt: skip
TOPICS = [
    "the integrity strategy", "the Internal Affairs Unit", "the code of conduct", "the CIPS results",
    "risk-based controls", "the whistle-blowing channel", "automation of clearance", "the HR rotation policy",
    "the private-sector forum", "the asset declaration scheme", "the action plan", "the next mission",
    "the corruption risk map", "transparency of procedures", "the integrity e-learning module",
]  # fmt: skip
VERBS = [
    "Discussed", "Reviewed", "Agreed on", "Followed up on", "Presented", "Raised concerns about",
    "Asked for support on", "Reported progress on",
]  # fmt: skip
NEXT_STEPS = [
    "Share the draft of", "Send comments on", "Organise a workshop on", "Nominate a focal point for",
    "Translate", "Validate", "Propose dates to discuss", "Report on",
]  # fmt: skip


def scaled(name: str, scale: float) -> int:
    return max(1, round(TARGETS[name] * scale))


@dataclass
class ScaleResult:
    counts: dict[str, int] = field(default_factory=dict)


class ScaleError(Exception):
    """The data set cannot be generated here (no demo data, or synthetic rows already loaded)."""


# --- Finding the generated rows --------------------------------------------------------------------------------------


def generated_querysets() -> list[tuple[type[models.Model], models.QuerySet]]:
    """Every generated row, model by model, children before their parents (the order deleting needs)."""
    partners = PartnerAdministration.objects.filter(slug__startswith=SLUG_PREFIX)
    meetings = Meeting.objects.filter(theme__startswith=MARK)
    side_meetings = SideMeeting.objects.filter(purpose__startswith=MARK)
    attendances = Attendance.objects.filter(Q(meeting__in=meetings) | Q(partner__in=partners))
    plans = CountryPlan.objects.filter(title__startswith=MARK)
    outcomes = Outcome.objects.filter(plan__in=plans)
    indicators = Indicator.objects.filter(name__startswith=MARK)
    assessments = Assessment.objects.filter(title__startswith=MARK)
    agreements = FundingAgreement.objects.filter(reference__startswith=AGREEMENT_REFERENCE)
    participants = SideMeeting.partner_participants.through
    delegates = Attendance.contacts.through
    outcome_factors = Outcome.factors.through
    agreement_partners = FundingAgreement.partners.through
    return [
        (Note, Note.objects.filter(text__startswith=MARK)),
        (Commitment, Commitment.objects.filter(title__startswith=MARK)),
        (participants, participants.objects.filter(sidemeeting__in=side_meetings)),
        (SideMeeting, side_meetings),
        (delegates, delegates.objects.filter(attendance__in=attendances)),
        (Attendance, attendances),
        (Meeting, meetings),
        (AssessmentScore, AssessmentScore.objects.filter(assessment__in=assessments)),
        (Assessment, assessments),
        (IndicatorValue, IndicatorValue.objects.filter(indicator__in=indicators)),
        (Indicator, indicators),
        (Activity, Activity.objects.filter(title__startswith=MARK)),
        (outcome_factors, outcome_factors.objects.filter(outcome__in=outcomes)),
        (Outcome, outcomes),
        (CountryPlan, plans),
        (StatusChange, StatusChange.objects.filter(reason__startswith=MARK)),
        (Contact, Contact.objects.filter(partner__in=partners)),
        (
            agreement_partners,
            agreement_partners.objects.filter(
                Q(fundingagreement__in=agreements) | Q(partneradministration__in=partners)
            ),
        ),
        (FundingAgreement, agreements),
        (PartnerAdministration, partners),
    ]


def scale_counts() -> dict[str, int]:
    return {model._meta.label: qs.count() for model, qs in generated_querysets()}


def scale_is_loaded() -> bool:
    return PartnerAdministration.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def scale_reset() -> dict[str, int]:
    """Delete every generated row; the demo's rows stay as they were. Returns the rows deleted per model."""
    deleted = {}
    with transaction.atomic():
        for model, qs in generated_querysets():
            # A plain DELETE per model: QuerySet.delete() would load every row to send the post_delete signal
            # (simple-history listens to it and would write a "deleted" history row for each of 300,000 rows).
            # Children go first, so no foreign key is left dangling.
            deleted[model._meta.label] = qs._raw_delete(qs.db)
    return deleted


def scale_content_hash() -> str:
    """A digest of every generated row's values that does not depend on the primary keys the database handed out:
    a key of a generated row is replaced by its rank among that model's generated rows (they are inserted in a
    deterministic order); a key of a demo row or reference row is kept as it is."""
    digest = hashlib.sha256()
    ranks: dict[type[models.Model], dict[Any, int]] = {}
    for model, qs in reversed(generated_querysets()):  # parents first, so their ranks are known
        rows = list(qs.order_by("pk").values_list(*(f.attname for f in model._meta.concrete_fields)))
        pk_index = [f.primary_key for f in model._meta.concrete_fields].index(True)
        ranks[model] = {row[pk_index]: rank for rank, row in enumerate(rows)}
        digest.update(model._meta.label.encode())
        for row in rows:
            values = []
            for f, value in zip(model._meta.concrete_fields, row, strict=True):
                if f.primary_key:
                    value = ranks[model][value]
                elif f.is_relation and f.related_model in ranks and value in ranks[f.related_model]:
                    value = ("generated", ranks[f.related_model][value])
                values.append(value)
            digest.update(repr(values).encode())
    return digest.hexdigest()


# --- Helpers ---------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def timestamps_by_hand(model_list):
    """Let `created_at` and `updated_at` keep the values we give them: with auto_now on, every row would carry the
    moment of the load, which is neither realistic (a note of 2014 created in 2026) nor reproducible."""
    touched = []
    for model in model_list:
        for name in ("created_at", "updated_at"):
            try:
                f = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - a model without timestamps
                continue
            touched.append((f, f.auto_now, f.auto_now_add))
            f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in touched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _bulk(model: type[models.Model], objs: list) -> list:
    return model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, rng.randint(7, 18), rng.randint(0, 59), tzinfo=UTC)


def _stamp(obj: models.Model, when: datetime.datetime) -> models.Model:
    obj.created_at = obj.updated_at = when
    return obj


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _day_in_year(rng: random.Random, year: int) -> datetime.date:
    return D(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def _day_before_cutoff(rng: random.Random) -> datetime.date:
    return D.fromordinal(rng.randrange(D(FIRST_YEAR, 1, 1).toordinal(), CUTOFF.toordinal()))


def _free_day(taken: set[tuple], key: tuple, day: datetime.date) -> datetime.date:
    """`day`, or the first day after it that no row with the same `key` has yet (and take it). The demo loader finds
    its meetings and status changes by such a key and a day, so a synthetic row must never share one."""
    while (*key, day) in taken:
        day += datetime.timedelta(days=1)
    taken.add((*key, day))
    return day


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(TOPICS)}; {rng.choice(VERBS).lower()} {rng.choice(TOPICS)}."


def _tier(rng: random.Random) -> str:
    return rng.choices(Tier.values, weights=[5, 3, 2])[0]


def _country_names(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    seen = {name.lower() for name in taken}
    while len(names) < n:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        name = (stem + rng.choice(COUNTRY_ENDINGS)).capitalize()
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def _country_codes(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    free = [a + b for a in map(chr, range(65, 91)) for b in map(chr, range(65, 91)) if a + b not in taken]
    if n > len(free):
        raise ScaleError(f"Only {len(free)} two-letter country codes are free; {n} were asked for.")
    rng.shuffle(free)
    return sorted(free[:n])


# --- The generator ---------------------------------------------------------------------------------------------------


@dataclass
class _World:
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


def _partners_generate(w: _World) -> None:
    rng = w.rng
    n = scaled("partners", w.scale)
    demo = list(PartnerAdministration.objects.order_by("country_code"))
    regions = list(Region.objects.order_by("position", "code"))
    codes = _country_codes(rng, n, {p.country_code for p in demo})
    names = _country_names(rng, n, {p.country_name for p in demo})
    new = []
    for index, (code, country) in enumerate(zip(codes, names, strict=True)):
        joined_on = _day_in_year(rng, rng.randint(FIRST_YEAR, 2025))
        exited_on = None
        if rng.random() < 0.15:
            exited_on = min(joined_on + datetime.timedelta(days=rng.randint(700, 3000)), D(2027, 12, 31))
        partner = PartnerAdministration(
            programme=w.programme,
            country_code=code,
            country_name=country,
            name=f"{country} Customs Service",
            acronym=f"{code}CS",
            slug=f"{SLUG_PREFIX}{slugify(country)}",
            region=regions[index % len(regions)],
            cohort=Cohort.LATER,
            joined_on=joined_on,
            exited_on=exited_on,
        )
        new.append(_stamp(partner, _moment(joined_on, rng)))
    _bulk(PartnerAdministration, new)
    w.partners = demo + new

    contacts = []
    for partner in new:
        for position, title in [
            (Position.COORDINATOR, "A-CIP Coordinator"),
            (Position.HEAD_OF_CUSTOMS, "Director General"),
            (Position.DELEGATE, "Head of Internal Affairs"),
        ]:
            contact = Contact(
                partner=partner,
                name=f"{MARK} {title.lower()}, {partner.country_name}",
                position=position,
                job_title=title,
                email=f"{position}.{partner.country_code.lower()}@example.org",
                language=rng.choice(["en", "fr", "es"]),
            )
            contacts.append(_stamp(contact, _moment(partner.joined_on, rng)))
    _bulk(Contact, contacts)
    for contact in Contact.objects.filter(position=Position.COORDINATOR).order_by("pk"):
        w.coordinators.setdefault(contact.partner_id, contact)

    # Two synthetic envelopes so that the donor view covers most of the membership.
    donors = {d.slug: d for d in Donor.objects.all()}
    through = FundingAgreement.partners.through
    links = []
    for number, (slug, share) in enumerate([("norad", 0.5), ("global-affairs-canada", 0.25)], start=1):
        if slug not in donors:
            continue
        agreement = FundingAgreement(
            donor=donors[slug],
            programme=w.programme,
            title=f"{MARK}: {donors[slug].short_name} envelope for the wider membership",
            reference=f"{AGREEMENT_REFERENCE}-{number}",
            signed_on=D(2022, 1, 10),
            starts_on=D(2022, 1, 10),
            ends_on=D(2027, 12, 31),
            amount=Decimal("1000000") * number,
            notes=f"{MARK}: generated by seed_scale for the benchmark.",
        )
        _stamp(agreement, _moment(agreement.signed_on, rng))
        agreement.save()
        covered = rng.sample(new, max(1, round(len(new) * share)))
        links += [through(fundingagreement=agreement, partneradministration=p) for p in covered]
    _bulk(through, links)


def _meetings_generate(w: _World) -> None:
    rng = w.rng
    n = scaled("meetings", w.scale)
    kinds = [MeetingKind.WORKSHOP, MeetingKind.SCOPING, MeetingKind.MISSION]
    years = [FIRST_YEAR + index * YEARS // n for index in range(n)]
    first_of_year = {year: years.index(year) for year in set(years)}
    taken = set(Meeting.objects.filter(programme=w.programme).values_list("kind", "starts_on"))
    new = []
    for index, year in enumerate(years):
        position = index - first_of_year[year]  # a year opens with its committee session and coordinators' meeting
        committee, session_number, place = "", None, rng.choice(CITIES)
        if position == 0:
            kind, starts_on, days = MeetingKind.COMMITTEE, D(year, 4, 8), 5
            committee, session_number, place = Committee.CBC_ISC, year - 2001, "Brussels"
            title = f"{MARK}: {session_number - 8}th CBC and {session_number}th ISC"
        elif position == 1:
            kind, starts_on, days = MeetingKind.COORDINATORS, D(year, 2, 17), 2
            title = f"{MARK}: A-CIP Coordinators' Meeting {year}"
        else:
            kind = rng.choices(kinds, weights=[2, 3, 5])[0]
            starts_on, days = _day_in_year(rng, year), rng.randint(1, 5)
            title = f"{MARK}: {MeetingKind(kind).label} {year}-{position:03d}"
        starts_on = _free_day(taken, (kind,), starts_on)
        is_online = place == "Online"
        meeting = Meeting(
            uuid=_uuid(rng),
            programme=w.programme,
            kind=kind,
            committee=committee,
            session_number=session_number,
            title=title,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=days - 1),
            place=place,
            is_online=is_online,
            theme=f"{MARK}: generated by seed_scale. {_sentence(rng)}",
        )
        new.append(_stamp(meeting, _moment(starts_on - datetime.timedelta(days=60), rng)))
    _bulk(Meeting, new)
    demo_meetings = list(Meeting.objects.exclude(theme__startswith=MARK).order_by("starts_on", "title"))
    demo_ids = {m.pk for m in demo_meetings}
    w.meetings = demo_meetings + new

    # Who attended: most administrations at the committee sessions and coordinators' meetings, a region at a
    # workshop, one administration on a mission or scoping visit. The demo's meetings get the synthetic
    # administrations (theirs already attended), so their pages grow with the data too.
    synthetic = [p for p in w.partners if p.slug.startswith(SLUG_PREFIX)]
    by_region: dict[int, list[PartnerAdministration]] = {}
    for p in w.partners:
        by_region.setdefault(p.region_id, []).append(p)
    pairs = []
    for meeting in w.meetings:
        if meeting.pk in demo_ids:
            chosen = rng.sample(synthetic, math.ceil(len(synthetic) * 0.6))
        elif meeting.kind in (MeetingKind.COMMITTEE, MeetingKind.COORDINATORS):
            chosen = rng.sample(w.partners, math.ceil(len(w.partners) * rng.uniform(0.4, 0.8)))
        elif meeting.kind == MeetingKind.WORKSHOP:
            region = rng.choice(sorted(by_region))
            chosen = rng.sample(by_region[region], min(len(by_region[region]), rng.randint(5, 20)))
        else:
            chosen = [rng.choice(w.partners)]
        pairs += [(meeting, p) for p in sorted(chosen, key=lambda p: p.country_code)]
    attendances = _bulk(
        Attendance,
        [_stamp(Attendance(meeting=m, partner=p), _moment(m.starts_on, rng)) for m, p in pairs],
    )
    through = Attendance.contacts.through
    _bulk(
        through,
        [
            through(attendance=a, contact=w.coordinators[a.partner_id])
            for a in attendances
            if a.partner_id in w.coordinators
        ],
    )
    w.attendances = pairs


def _side_meetings_generate(w: _World) -> None:
    rng = w.rng
    n = scaled("side_meetings", w.scale)
    big = (MeetingKind.COMMITTEE, MeetingKind.COORDINATORS)
    held = [(m, p) for m, p in w.attendances if m.ends_on <= CUTOFF]
    weights = [3 if m.kind in big else 1 for m, _ in held]
    chosen = rng.choices(held, weights=weights, k=n)
    new = []
    for meeting, partner in chosen:
        held_on = meeting.starts_on + datetime.timedelta(
            days=rng.randint(0, (meeting.ends_on - meeting.starts_on).days)
        )
        side_meeting = SideMeeting(
            uuid=_uuid(rng),
            meeting=meeting,
            partner=partner,
            held_on=held_on,
            purpose=f"{MARK}: {rng.choice(TOPICS)} and next steps.",
            wco_participants="A-CIP Programme Team",
            key_outcomes=_sentence(rng),
            atmosphere=rng.choice(Atmosphere.values + [""]),
            tier=_tier(rng),
        )
        new.append(_stamp(side_meeting, _moment(held_on, rng)))
    _bulk(SideMeeting, new)
    through = SideMeeting.partner_participants.through
    _bulk(
        through,
        [through(sidemeeting=s, contact=w.coordinators[s.partner_id]) for s in new if s.partner_id in w.coordinators],
    )
    demo = list(SideMeeting.objects.exclude(purpose__startswith=MARK).order_by("held_on", "partner__country_code"))
    w.side_meetings = demo + new


def _notes_generate(w: _World) -> None:
    rng = w.rng
    new = []
    for _ in range(scaled("notes", w.scale)):
        side_meeting = rng.choice(w.side_meetings)
        note = Note(
            side_meeting=side_meeting,
            author=w.staff,
            text=f"{MARK}: {_sentence(rng)} {_sentence(rng)}",
            tier=_tier(rng),
        )
        new.append(_stamp(note, _moment(side_meeting.held_on, rng)))
    _bulk(Note, new)


def _plans_generate(w: _World) -> None:
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
                general_outcome=_sentence(rng),
                status=rng.choice(PlanStatus.values),
                approved_on=start + datetime.timedelta(days=rng.randint(10, 90)),
                tier=rng.choice([Tier.PARTNER, Tier.DONORS]),
            )
            plans.append(_stamp(plan, _moment(start, rng)))
    _bulk(CountryPlan, plans)

    outcomes = []
    for plan in plans:
        for position in range(1, rng.randint(3, 5) + 1):
            outcome = Outcome(
                plan=plan,
                title=f"{rng.choice(TOPICS).capitalize()} strengthened",
                description=_sentence(rng),
                position=position,
            )
            outcomes.append(_stamp(outcome, plan.created_at))
    _bulk(Outcome, outcomes)
    for outcome in outcomes:
        w.outcomes_by_partner.setdefault(outcome.plan.partner_id, []).append(outcome)
    through = Outcome.factors.through
    _bulk(
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
        when = _moment(D(2019, 1, 1), rng)
        indicators.append(_indicator(rng, programme=w.programme, position=index + 10, when=when))
    _bulk(Indicator, indicators)

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
            values.append(_stamp(value, _moment(D(year, 12, 31), rng)))
    _bulk(IndicatorValue, values)


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
    return _stamp(indicator, when)


def _assessments_generate(w: _World) -> None:
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
        started_on = _day_before_cutoff(rng)
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
            summary=_sentence(rng),
            tier=rng.choices(Tier.values, weights=[2, 6, 2])[0],
        )
        new.append(_stamp(assessment, _moment(started_on, rng)))
    _bulk(Assessment, new)
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
    _bulk(AssessmentScore, scores)


def _status_changes_generate(w: _World) -> None:
    rng = w.rng
    journey = [Stage.PROSPECTIVE, Stage.SCOPING, Stage.PLANNING, Stage.IMPLEMENTATION, Stage.MONITORING]
    per_partner: dict[int, int] = {}
    for _ in range(scaled("status_changes", w.scale)):
        partner = rng.choice(w.partners)
        per_partner[partner.id] = per_partner.get(partner.id, 0) + 1
    taken = set(StatusChange.objects.values_list("partner", "stage", "effective_on"))
    new = []
    for partner in w.partners:
        count = per_partner.get(partner.id, 0)
        start = D(FIRST_YEAR, 1, 1).toordinal()
        days = sorted(rng.randrange(start, CUTOFF.toordinal()) for _ in range(count))
        for step, ordinal in enumerate(days):
            effective_on = D.fromordinal(ordinal)
            stage = journey[min(len(journey) - 1, step * len(journey) // max(count, 1))]
            if rng.random() < 0.03:
                stage = rng.choice([Stage.SUSPENDED, Stage.COMPLETED])
            effective_on = _free_day(taken, (partner.id, stage), effective_on)
            change = StatusChange(
                partner=partner,
                effective_on=effective_on,
                stage=stage,
                health=rng.choices(Health.values, weights=[6, 3, 1])[0],
                reason=f"{MARK}: {_sentence(rng)}",
                recorded_by=w.staff,
                tier=_tier(rng),
            )
            new.append(_stamp(change, _moment(effective_on, rng)))
    _bulk(StatusChange, new)


def _activities_generate(w: _World) -> None:
    rng = w.rng
    new = []
    for _ in range(scaled("activities", w.scale)):
        partner = rng.choice(w.partners)
        outcomes = w.outcomes_by_partner.get(partner.id, [])
        start = _day_in_year(rng, rng.randint(FIRST_YEAR, 2027))
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
            description=_sentence(rng),
            participants_women=rng.randint(2, 30) if done else None,
            participants_men=rng.randint(2, 30) if done else None,
            tier=_tier(rng),
        )
        new.append(_stamp(activity, _moment(start - datetime.timedelta(days=90), rng)))
    _bulk(Activity, new)


def _commitments_generate(w: _World) -> None:
    rng = w.rng
    new = []
    for _ in range(scaled("commitments", w.scale)):
        side_meeting = rng.choice(w.side_meetings) if rng.random() < 0.9 else None
        partner = side_meeting.partner if side_meeting else rng.choice(w.partners)
        raised_on = side_meeting.held_on if side_meeting else _day_before_cutoff(rng)
        due_on = raised_on + datetime.timedelta(days=rng.randint(14, 400))
        # Old next steps are mostly closed by now; recent ones mostly open (fixed years, never today).
        open_weight = {2024: 10, 2025: 30}.get(due_on.year, 3 if due_on.year < 2024 else 70)
        status = rng.choices(CommitmentStatus.values, weights=[open_weight, 92 - open_weight, 8])[0]
        owner = rng.choice(Owner.values)
        outcomes = w.outcomes_by_partner.get(partner.id, [])
        closed = status != CommitmentStatus.OPEN
        commitment = Commitment(
            uuid=_uuid(rng),
            partner=partner,
            side_meeting=side_meeting,
            title=f"{MARK}: {rng.choice(NEXT_STEPS)} {rng.choice(TOPICS)}",
            description=_sentence(rng) if rng.random() < 0.5 else "",
            owner=owner,
            owner_contact=w.coordinators.get(partner.id) if owner == Owner.ADMINISTRATION else None,
            owner_user=w.staff if owner == Owner.PROGRAMME else None,
            due_on=due_on,
            status=status,
            closed_at=_moment(due_on + datetime.timedelta(days=rng.randint(-30, 60)), rng) if closed else None,
            closed_by=w.staff if closed else None,
            closing_comment=f"{MARK}: closed." if closed else "",
            outcome=rng.choice(outcomes) if outcomes and rng.random() < 0.2 else None,
            tier=_tier(rng),
        )
        created = _moment(raised_on, rng)
        _stamp(commitment, created)
        if closed:
            commitment.updated_at = max(created, commitment.closed_at)
        new.append(commitment)
    _bulk(Commitment, new)


STEPS = [
    ("partners", _partners_generate),
    ("meetings", _meetings_generate),
    ("side meetings", _side_meetings_generate),
    ("notes", _notes_generate),
    ("plans and indicators", _plans_generate),
    ("assessments", _assessments_generate),
    ("status changes", _status_changes_generate),
    ("activities", _activities_generate),
    ("commitments", _commitments_generate),
]

TIMESTAMPED = [
    PartnerAdministration,
    Contact,
    FundingAgreement,
    Meeting,
    Attendance,
    SideMeeting,
    Note,
    CountryPlan,
    Outcome,
    Indicator,
    IndicatorValue,
    Assessment,
    StatusChange,
    Activity,
    Commitment,
]


def scale_seed(*, seed: int = 1, scale: float = 1.0, reset: bool = False, progress=None) -> ScaleResult:
    """Generate the scale data set on top of the demo data. Refuses when it is already there, unless `reset`."""
    if not 0 < scale <= 10:
        raise ScaleError("The scale must be more than 0 and at most 10.")
    programme = Programme.objects.filter(slug="a-cip").first()
    staff = get_user_model().objects.filter(username="staff").first()
    if programme is None or staff is None:
        raise ScaleError("The demo data is not loaded: run `python manage.py load_demo` first.")
    if scale_is_loaded() and not reset:
        raise ScaleError(
            "Synthetic rows from an earlier seed_scale are already in this database. Pass --reset to delete them "
            "and generate the data set again."
        )
    with transaction.atomic():
        if reset:
            scale_reset()
        world = _World(
            rng=random.Random(seed),
            scale=scale,
            programme=programme,
            staff=staff,
            factors=list(IntegrityFactor.objects.order_by("number")),
        )
        with timestamps_by_hand(TIMESTAMPED):
            for label, step in STEPS:
                if progress:
                    progress(label)
                step(world)
    # Fresh statistics, or the query planner judges the new tables by their old, empty size; on PostgreSQL a
    # VACUUM too, so that the rows deleted by --reset are gone and index-only scans need not visit the table.
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" and not connection.in_atomic_block else "ANALYZE"
        )
    return ScaleResult(counts=scale_counts())
