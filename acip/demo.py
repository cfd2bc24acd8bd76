"""The demo data set: the facts of DOMAIN.md, a few records marked "Illustrative", and one login per role.

`demo_load()` is idempotent: every row is found by its natural key (a slug, a country code, a title and a date) and
only saved when a value differs. Saving an unchanged row would still add a row to its simple-history table, so a
second load would not leave the database exactly as the first one did.

Where DOMAIN.md states no fact (a status, a note, a commitment, a score, a contact), the record says so in its own
text, so that nobody mistakes it for a real finding. The `[S1]`-style references point to DOMAIN.md's source list.

This module sits on top of the house, like the project's URLs: it imports all three apps.
"""

import datetime
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import models, transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from acip.models import (
    Currency,
    Donor,
    FundingAgreement,
    IntegrityFactor,
    Phase,
    Profile,
    Programme,
    Region,
    Tier,
)
from acip.roles import GROUP_DELEGATES, GROUP_DONORS, GROUP_STAFF, ROLE_LABELS, Role
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

M = TypeVar("M", bound=models.Model)

D = datetime.date
UTC = datetime.UTC
ILLUSTRATIVE = "Illustrative"
DEMO_APPS = ("acip", "partners", "meetings")

# --- The facts (DOMAIN.md §1.4) --------------------------------------------------------------------------------------

# (ISO code, country, the administration's official name, acronym, WCO region, the coordinator's language)
INITIAL_2019 = [  # Norad [S1][S7]
    ("AF", "Afghanistan", "Afghanistan Customs Department", "ACD", "AP", "en"),
    ("ET", "Ethiopia", "Ethiopian Customs Commission", "ECC", "ESA", "en"),
    ("GH", "Ghana", "Ghana Revenue Authority – Customs Division", "GRA", "WCA", "en"),
    ("LB", "Lebanon", "Lebanese Customs Administration", "LCA", "MENA", "fr"),
    ("LR", "Liberia", "Liberia Revenue Authority – Customs Department", "LRA", "WCA", "en"),
    ("ML", "Mali", "Direction générale des Douanes du Mali", "DGD", "WCA", "fr"),
    ("MZ", "Mozambique", "Mozambique Revenue Authority – General Directorate of Customs", "AT", "ESA", "en"),
    ("NP", "Nepal", "Department of Customs, Nepal", "DoC", "AP", "en"),
    ("SL", "Sierra Leone", "National Revenue Authority", "NRA", "WCA", "en"),
    ("TZ", "Tanzania", "Tanzania Revenue Authority", "TRA", "ESA", "en"),
    ("TN", "Tunisia", "Tunisian Customs (Douane tunisienne)", "", "MENA", "fr"),
]
EXPANSION_2020 = [  # the Norad addendum of 2019 [S2][S9][S22]-[S25]
    ("BF", "Burkina Faso", "Direction générale des Douanes du Burkina Faso", "DGD", "WCA", "fr"),
    ("CI", "Côte d'Ivoire", "Direction générale des Douanes de Côte d'Ivoire", "DGD", "WCA", "fr"),
    ("JO", "Jordan", "Jordan Customs Department", "JCD", "MENA", "en"),
    ("MW", "Malawi", "Malawi Revenue Authority", "MRA", "ESA", "en"),
    ("NE", "Niger", "Direction générale des Douanes du Niger", "DGD", "WCA", "fr"),
    ("PS", "Palestine", "Palestine Customs", "", "MENA", "en"),
]
AMERICAS_2021 = [  # Global Affairs Canada [S10][S13][S26]
    ("AG", "Antigua and Barbuda", "Antigua and Barbuda Customs and Excise Division", "", "AMC", "en"),
    ("EC", "Ecuador", "Servicio Nacional de Aduana del Ecuador", "SENAE", "AMC", "es"),
    ("SV", "El Salvador", "Dirección General de Aduanas de El Salvador", "DGA", "AMC", "es"),
    ("GT", "Guatemala", "Superintendencia de Administración Tributaria", "SAT", "AMC", "es"),
    ("GY", "Guyana", "Guyana Revenue Authority", "GRA", "AMC", "en"),
    ("HN", "Honduras", "Administración Aduanera de Honduras", "", "AMC", "es"),
    ("JM", "Jamaica", "Jamaica Customs Agency", "JCA", "AMC", "en"),
    ("MX", "Mexico", "Mexican National Customs Agency (ANAM)", "ANAM", "AMC", "es"),
]
LATER = [  # donor not stated [S20]
    ("UA", "Ukraine", "State Customs Service of Ukraine", "SCSU", "EUR", "en"),
]

JOINED_ON = {
    Cohort.INITIAL_2019: D(2019, 1, 1),
    Cohort.EXPANSION_2020: D(2020, 1, 1),  # "early 2020": the day is not public
    Cohort.AMERICAS_2021: D(2021, 5, 20),  # the Americas kick-off [S13]
    Cohort.LATER: D(2024, 1, 1),  # Ukraine, "2024": the day is not public
}
JOINED_ON_EXCEPTIONS = {"MW": D(2020, 4, 1)}  # Malawi joined in April 2020 [S9]; the day is not public


@dataclass(frozen=True)
class PartnerFact:
    code: str
    country: str
    name: str
    acronym: str
    region: str
    language: str
    cohort: str
    joined_on: datetime.date


PARTNERS = [
    PartnerFact(*row, cohort=cohort, joined_on=JOINED_ON_EXCEPTIONS.get(row[0], JOINED_ON[cohort]))
    for cohort, rows in [
        (Cohort.INITIAL_2019, INITIAL_2019),
        (Cohort.EXPANSION_2020, EXPANSION_2020),
        (Cohort.AMERICAS_2021, AMERICAS_2021),
        (Cohort.LATER, LATER),
    ]
    for row in rows
]
INITIAL_CODES = [row[0] for row in INITIAL_2019]
EXPANSION_CODES = [row[0] for row in EXPANSION_2020]
AMERICAS_CODES = [row[0] for row in AMERICAS_2021]


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    first_name: str
    last_name: str
    group: str | None = None
    partner_code: str | None = None
    donor_slug: str | None = None


DEMO_USERS = [
    DemoUser("staff", Role.STAFF, "Demo", "Programme staff", group=GROUP_STAFF),
    DemoUser("delegate.ghana", Role.DELEGATE, "Demo", "Delegate (Ghana)", group=GROUP_DELEGATES, partner_code="GH"),
    DemoUser(
        "delegate.mozambique", Role.DELEGATE, "Demo", "Delegate (Mozambique)", group=GROUP_DELEGATES, partner_code="MZ"
    ),
    DemoUser("donor.norad", Role.DONOR, "Demo", "Donor viewer (Norad)", group=GROUP_DONORS, donor_slug="norad"),
    DemoUser("admin", Role.ADMINISTRATOR, "Demo", "Administrator"),
]
DEMO_USERNAMES = [u.username for u in DEMO_USERS]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    scope: str
    password: str | None = None


@dataclass
class DemoLoadResult:
    logins: list[DemoLogin]
    counts: dict[str, int] = field(default_factory=dict)


# --- Generic helpers -------------------------------------------------------------------------------------------------


def _upsert(model: type[M], *, lookup: dict[str, Any], values: dict[str, Any] | None = None) -> M:
    """`update_or_create` that validates with `full_clean()` and saves only the fields whose value differs."""
    values = values or {}
    try:
        obj = model._default_manager.get(**lookup)
    except model.DoesNotExist:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            changed.append("updated_at")
        obj.save(update_fields=changed)
    return obj


def _m2m_set(manager: Any, objs: list[models.Model]) -> None:
    """`manager.set(objs)` that touches nothing (and so records no history) when the set is already right."""
    wanted = {obj.pk for obj in objs}
    current = set(manager.values_list("pk", flat=True))
    if missing := wanted - current:
        manager.add(*missing)
    if extra := current - wanted:
        manager.remove(*extra)


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


# --- The programme, its donors and agreements (DOMAIN.md §1.1, §1.2) -------------------------------------------------


def _programme_load() -> Programme:
    return _upsert(
        Programme,
        lookup={"slug": "a-cip"},
        values={
            "name": "Anti-Corruption and Integrity Promotion Programme",
            "short_name": "A-CIP",
            "objective": (
                "Improve the business and law-enforcement environment for cross-border trade in selected WCO Members "
                "by changing the operational and administrative context of Customs so that corrupt behaviour is "
                "restricted and good governance is promoted, following the 10 key factors of the Revised Arusha "
                "Declaration [S4][S5]."
            ),
            "starts_on": D(2019, 1, 1),
            "ends_on": None,
        },
    )


def _phases_load(*, programme: Programme) -> dict[int, Phase]:
    # The Americas expansion is not a phase: it is Canada's envelope within Phase 1 (an agreement on that phase),
    # running alongside Norad's, so phases stay consecutive periods of the programme.
    phase_1 = _upsert(
        Phase,
        lookup={"programme": programme, "number": 1},
        values={
            "name": "Phase 1",
            "starts_on": D(2019, 1, 1),
            "ends_on": D(2025, 9, 30),
            "description": (
                "Launched in January 2019, planned to run five years, under the Norad agreement of 16 November 2018 "
                "and its addendum of 29 November 2019 [S1][S2][S5]. Norad funding runs until September 2025 [S21]. "
                "Includes the Americas expansion funded by Global Affairs Canada from March 2021 for three years "
                "[S10][S13]."
            ),
        },
    )
    phase_2 = _upsert(
        Phase,
        lookup={"programme": programme, "number": 2},
        values={
            "name": "Phase 2 (in preparation)",
            "starts_on": D(2025, 10, 1),
            "ends_on": None,
            "description": (
                "Illustrative: a new phase was being prepared when Norad funding ended in September 2025; ideas were "
                "gathered at the March 2025 coordinators' meeting [S21]. The start date, donors and content are not "
                "public: this phase is a placeholder."
            ),
        },
    )
    return {1: phase_1, 2: phase_2}


def _donors_load() -> dict[str, Donor]:
    norad = _upsert(
        Donor,
        lookup={"slug": "norad"},
        values={
            "name": "Norwegian Agency for Development Cooperation",
            "short_name": "Norad",
            "country": "Norway",
            "website": "https://www.norad.no/en/",
        },
    )
    gac = _upsert(
        Donor,
        lookup={"slug": "global-affairs-canada"},
        values={
            "name": "Global Affairs Canada",
            "short_name": "GAC",
            "country": "Canada",
            "website": "https://www.international.gc.ca/",
        },
    )
    return {"norad": norad, "global-affairs-canada": gac}


def _agreements_load(
    *, programme: Programme, phase: Phase, donors: dict[str, Donor], partners: dict[str, PartnerAdministration]
) -> list[FundingAgreement]:
    rows = [
        (
            donors["norad"],
            D(2018, 11, 16),
            {
                "title": "Norad–WCO A-CIP agreement",
                "starts_on": D(2019, 1, 1),
                "ends_on": D(2025, 9, 30),
                "amount": Decimal("5000000"),
                "currency": Currency.EUR,
                "amount_eur": Decimal("5000000"),
                "notes": (
                    "Signed on 16 November 2018 for EUR 5m [S5]; the programme launched in January 2019, planned to "
                    "run five years [S1]. Norad funding runs until September 2025 [S21]; the end date of 30 September "
                    "is illustrative."
                ),
            },
            INITIAL_CODES,
        ),
        (
            donors["norad"],
            D(2019, 11, 29),
            {
                "title": "Norad–WCO A-CIP agreement, addendum",
                "starts_on": D(2019, 11, 29),
                "ends_on": D(2025, 9, 30),
                "amount": Decimal("3000000"),
                "currency": Currency.EUR,
                "amount_eur": Decimal("3000000"),
                "notes": (
                    "The addendum of 29 November 2019 raised Norad's funding from EUR 5m to almost EUR 8m and added "
                    "6 more Members [S2]. The exact increase is not public: EUR 3m is an approximation."
                ),
            },
            EXPANSION_CODES,
        ),
        (
            donors["global-affairs-canada"],
            D(2021, 3, 9),
            {
                "title": "Global Affairs Canada – A-CIP Americas expansion",
                "starts_on": D(2021, 3, 9),
                "ends_on": D(2024, 5, 19),
                "amount": Decimal("3496777"),
                "currency": Currency.CAD,
                "amount_eur": Decimal("2500000"),
                "notes": (
                    "About EUR 2.5m (CAD 3,496,777) to add 8 Americas Members for 3 years [S10]. The Americas "
                    "kick-off on 20 May 2021 planned support over 36 months [S13]; the end date is inferred from it."
                ),
            },
            AMERICAS_CODES,
        ),
    ]
    agreements = []
    for donor, signed_on, values, codes in rows:
        agreement = _upsert(
            FundingAgreement,
            lookup={"donor": donor, "signed_on": signed_on},
            values={"programme": programme, "phase": phase, **values},
        )
        _m2m_set(agreement.partners, [partners[code] for code in codes])
        agreements.append(agreement)
    return agreements


# --- Partners and their people ---------------------------------------------------------------------------------------


def _partners_load(*, programme: Programme) -> dict[str, PartnerAdministration]:
    regions = {region.code: region for region in Region.objects.all()}
    partners = {}
    for fact in PARTNERS:
        partners[fact.code] = _upsert(
            PartnerAdministration,
            lookup={"country_code": fact.code},
            values={
                "programme": programme,
                "country_name": fact.country,
                "name": fact.name,
                "acronym": fact.acronym,
                # "Côte d'Ivoire" -> "cote-d-ivoire" (plain slugify would give "cote-divoire")
                "slug": slugify(fact.country.replace("'", " ")),
                "region": regions[fact.region],
                "cohort": fact.cohort,
                "joined_on": fact.joined_on,
                "exited_on": None,
            },
        )
    return partners


def _contacts_load(*, partners: dict[str, PartnerAdministration]) -> dict[str, Contact]:
    """An illustrative A-CIP Coordinator per partner: each partner names one [S7], but their names are not ours."""
    contacts = {}
    for fact in PARTNERS:
        contacts[fact.code] = _upsert(
            Contact,
            lookup={"partner": partners[fact.code], "email": f"acip.coordinator.{fact.code.lower()}@example.org"},
            values={
                "position": Position.COORDINATOR,
                "name": f"Illustrative coordinator, {fact.country}",
                "job_title": "A-CIP Coordinator (illustrative contact, not a real person)",
                "language": fact.language,
                "is_active": True,
            },
        )
    return contacts


# Illustrative status histories: (code, effective on, stage, health, tier, reason without the prefix)
STATUS_HISTORY = [
    ("GH", D(2020, 2, 19), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "PID discussed with the coordinator."),
    ("GH", D(2021, 1, 15), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS, "Project plan agreed; work started."),
    ("GH", D(2023, 6, 30), Stage.MONITORING, Health.ON_TRACK, Tier.DONORS, "CIPS round 2 done; results discussed."),
    ("MZ", D(2020, 3, 1), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "Scoping report shared; PID in drafting."),
    ("MZ", D(2021, 6, 1), Stage.IMPLEMENTATION, Health.AT_RISK, Tier.STAFF, "COVID-19 delayed in-country work."),
    ("MZ", D(2023, 9, 1), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.PARTNER, "Activities back on schedule."),
    ("SL", D(2019, 3, 15), Stage.PLANNING, Health.ON_TRACK, Tier.DONORS, "Integrity strategy under review."),
    ("SL", D(2020, 1, 15), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS, "Internal Affairs Unit being set up."),
    ("AF", D(2021, 9, 1), Stage.SUSPENDED, Health.OFF_TRACK, Tier.STAFF, "Programme activities on hold."),
    ("JO", D(2020, 9, 1), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "PID in drafting."),
    ("JO", D(2021, 3, 1), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS, "Transparency priority agreed."),
    ("PS", D(2020, 9, 1), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "PID in drafting."),
    ("PS", D(2021, 3, 1), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS, "Internal affairs priority agreed."),
    ("PS", D(2024, 6, 1), Stage.IMPLEMENTATION, Health.AT_RISK, Tier.STAFF, "In-country missions postponed."),
    ("JM", D(2022, 1, 15), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS, "Plan agreed after scoping."),
    ("JM", D(2024, 5, 20), Stage.COMPLETED, Health.ON_TRACK, Tier.DONORS, "The Canadian-funded support ended."),
    ("UA", D(2024, 9, 1), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "First CIPS run in September 2024 [S20]."),
]


def _status_changes_load(*, partners: dict[str, PartnerAdministration], recorded_by: AbstractUser) -> None:
    # Every partner starts at scoping on joining, so that each has a current status; a few have a longer history.
    rows = [
        (
            fact.code,
            fact.joined_on,
            Stage.SCOPING,
            Health.ON_TRACK,
            Tier.DONORS,
            f"Joined the programme (cohort {fact.cohort}); scoping starts.",
        )
        for fact in PARTNERS
    ]
    for code, effective_on, stage, health, tier, reason in rows + STATUS_HISTORY:
        _upsert(
            StatusChange,
            lookup={"partner": partners[code], "effective_on": effective_on, "stage": stage},
            values={
                "health": health,
                "tier": tier,
                "reason": f"{ILLUSTRATIVE}: {reason}",
                "recorded_by": recorded_by,
            },
        )


# --- Plans, indicators, assessments, activities (DOMAIN.md §1.5) -----------------------------------------------------


def _plans_load(
    *, programme: Programme, partners: dict[str, PartnerAdministration], factors: dict[int, IntegrityFactor]
) -> dict[str, Outcome]:
    # Palestine's and Jordan's outcome titles and their factors are facts [S24][S25]; the plans around them are
    # illustrative, and so is Ghana's whole plan: shared with donors, it gives the donor view indicators to show.
    named_by_wco = "A specific priority named by the WCO [S24][S25]."
    specs = [
        (
            "PS",
            "Internal affairs function reinforced",
            6,
            named_by_wco,
            "Illustrative: share of complaints investigated in 90 days",
            Tier.PARTNER,
        ),
        (
            "JO",
            "Level of transparency with service recipients increased",
            3,
            named_by_wco,
            "Illustrative: share of service recipients who find procedures clear",
            Tier.PARTNER,
        ),
        (
            "GH",
            "Illustrative: code of conduct known and applied across the Customs Division",
            7,
            "Illustrative: not a priority named by the WCO.",
            "Illustrative: share of officers trained on the code of conduct",
            Tier.DONORS,
        ),
    ]
    outcomes = {}
    for code, outcome_title, factor_number, description, indicator_name, tier in specs:
        plan = _upsert(
            CountryPlan,
            lookup={"partner": partners[code], "version": 1},
            values={
                "title": "Illustrative: A-CIP project plan 2021–2024",
                "starts_on": D(2021, 1, 1),
                "ends_on": D(2024, 12, 31),
                "general_outcome": (
                    "Illustrative: integrity of Customs strengthened in line with the Revised Arusha Declaration."
                ),
                "status": PlanStatus.IN_IMPLEMENTATION,
                "approved_on": D(2021, 3, 1),
                "tier": tier,
            },
        )
        outcome = _upsert(
            Outcome, lookup={"plan": plan, "title": outcome_title}, values={"description": description, "position": 1}
        )
        _m2m_set(outcome.factors, [factors[factor_number]])
        indicator = _upsert(
            Indicator,
            lookup={"outcome": outcome, "name": indicator_name},
            values={
                "code": f"{code}-1.1",
                "level": Level.OUTCOME,
                "unit": "%",
                "direction": Direction.INCREASE,
                "baseline": Decimal("35"),
                "baseline_on": D(2021, 1, 1),
                "baseline_source": "Illustrative baseline",
                "position": 1,
            },
        )
        for period, target, actual in [(2022, 45, 41), (2023, 55, 58), (2024, 65, None)]:
            _upsert(
                IndicatorValue,
                lookup={"indicator": indicator, "period": period},
                values={
                    "target": Decimal(target),
                    "actual": None if actual is None else Decimal(actual),
                    "source": "Illustrative",
                    "comment": "Illustrative values, not real results.",
                },
            )
        outcomes[code] = outcome

    # A programme-level indicator whose 2023 value is a fact [S17].
    indicator = _upsert(
        Indicator,
        lookup={"programme": programme, "name": "Share of RAD key factors with better CIPS perceptions"},
        values={
            "code": "P-1",
            "level": Level.IMPACT,
            "unit": "%",
            "direction": Direction.INCREASE,
            "position": 1,
        },
    )
    _upsert(
        IndicatorValue,
        lookup={"indicator": indicator, "period": 2023},
        values={
            "actual": Decimal("85"),
            "source": "WCO news, February 2024 [S17]",
            "comment": "At national level, perceptions improved in 85% of the RAD key factors where A-CIP-supported "
            "initiatives had been carried out.",
        },
    )
    return outcomes


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


def _activities_load(*, partners: dict[str, PartnerAdministration], outcomes: dict[str, Outcome]) -> None:
    scoping = (
        "In-country scoping visits to the 11 partners took place in 2019, with the IDG and the RAD as the main tools "
        "[S7]. The dates are illustrative."
    )
    planned = {"status": ActivityStatus.PLANNED, "actual_start_on": None, "actual_end_on": None}
    K, C = ActivityKind, Component
    # (partner, title, kind, component, start, days, tier, other values); done as planned unless said otherwise
    rows = [
        # Facts [S1]; the days within March 2019 are illustrative.
        ("SL", "Review of the integrity strategy and action plan; setting up a new Internal Affairs Unit",
         K.MISSION, C.BILATERAL, D(2019, 3, 11), 5, Tier.DONORS,
         {"description": "The first bilateral activity of the programme, March 2019 [S1]. Days illustrative."}),
        ("GH", "Regional integrity event with experts from 15 Members", K.WORKSHOP, C.MULTILATERAL, D(2019, 3, 25), 5,
         Tier.DONORS, {"description": "The first multilateral activity of the programme, in Ghana in March 2019 [S1]. "
                                      "The days are illustrative."}),
        ("GH", "Scoping visit (IDG and RAD)", K.SCOPING, C.BILATERAL, D(2019, 6, 3), 5, Tier.PARTNER,
         {"description": scoping}),
        ("MZ", "Scoping visit (IDG and RAD)", K.SCOPING, C.BILATERAL, D(2019, 9, 9), 5, Tier.PARTNER,
         {"description": scoping}),
        ("PS", f"{ILLUSTRATIVE}: Internal Affairs Unit roadmap workshop", K.WORKSHOP, C.BILATERAL, D(2023, 7, 10), 3,
         Tier.PARTNER, {"outcome": outcomes["PS"], "participants_women": 9, "participants_men": 14}),
        ("JO", f"{ILLUSTRATIVE}: Stakeholder forum on transparency with service recipients", K.FORUM, C.BILATERAL,
         D(2023, 11, 6), 1, Tier.DONORS, {"outcome": outcomes["JO"], "participants_women": 12, "participants_men": 8}),
        ("GH", f"{ILLUSTRATIVE}: CIPS results follow-up workshop", K.WORKSHOP, C.BILATERAL, D(2027, 2, 15), 3,
         Tier.PARTNER, {**planned, "modality": Modality.HYBRID}),
    ]  # fmt: skip
    for code, title, kind, component, start, days, tier, extra in rows:
        end = start + datetime.timedelta(days=days - 1)
        values = {
            "kind": kind,
            "component": component,
            "status": ActivityStatus.COMPLETED,
            "planned_start_on": start,
            "planned_end_on": end,
            "actual_start_on": start,
            "actual_end_on": end,
            "tier": tier,
            **extra,
        }
        _upsert(Activity, lookup={"partner": partners[code], "title": title}, values=values)


# --- Meetings (DOMAIN.md §1.1 key dates) -----------------------------------------------------------------------------

SIDE_MEETING_PURPOSE = (
    "Current status of the country's integrity programme and next steps [S6]. The day within the session is "
    "illustrative."
)


def _meeting_load(*, programme: Programme, kind: str, starts_on: datetime.date, **values: Any) -> Meeting:
    return _upsert(Meeting, lookup={"programme": programme, "kind": kind, "starts_on": starts_on}, values=values)


def _attendances_load(
    *, meeting: Meeting, partners: list[PartnerAdministration], contacts: dict[str, Contact]
) -> None:
    for partner in partners:
        attendance = _upsert(Attendance, lookup={"meeting": meeting, "partner": partner})
        _m2m_set(attendance.contacts, [contacts[partner.country_code]])


def _meetings_load(
    *, programme: Programme, partners: dict[str, PartnerAdministration], contacts: dict[str, Contact]
) -> dict[str, Meeting]:
    session = _meeting_load(
        programme=programme,
        kind=MeetingKind.COMMITTEE,
        starts_on=D(2019, 4, 8),
        committee=Committee.CBC_ISC,
        session_number=18,
        title="10th Capacity Building Committee and 18th Integrity Sub-Committee",
        ends_on=D(2019, 4, 12),
        place="Brussels",
        is_online=False,
        theme="The official introduction of the A-CIP Programme; all 11 partner delegations attended, and the "
        "A-CIP team held a side meeting with each delegation [S6].",
    )
    _attendances_load(meeting=session, partners=[partners[c] for c in INITIAL_CODES], contacts=contacts)

    coordinators = [
        (D(2020, 2, 17), D(2020, 2, 19), "Brussels", False, "1st A-CIP Coordinators' Meeting, held just before "
         "the 19th ISC. Topics: the scoping visits, each country's Project Information Document (PID), "
         "the CIPS [S7]."),
        (D(2021, 3, 16), D(2021, 3, 16), "Online", True, "Annual coordinators' meeting online with the 17 partners "
         "[S8]. The day is illustrative."),
        (D(2022, 2, 15), D(2022, 2, 15), "Online (Zoom)", True, "Annual coordinators' meeting on Zoom with more than "
         "80 representatives [S14]. The day is illustrative."),
        (D(2023, 3, 14), D(2023, 3, 15), "Brussels", False, "Annual coordinators' meeting with the 23 active partners "
         "[S16]. The days and the place are illustrative."),
        (D(2024, 2, 27), D(2024, 2, 28), "Brussels", False, "Annual coordinators' meeting with the 22 active partners "
         "[S18]. The days and the place are illustrative."),
        (D(2025, 3, 18), D(2025, 3, 19), "Brussels", False, "Annual coordinators' meeting with the 16 current "
         "partners; Norad funding runs until September 2025 and ideas were gathered for a new phase [S21]. "
         "The days and the place are illustrative."),
    ]  # fmt: skip
    meetings = {"session-2019": session}
    for starts_on, ends_on, place, is_online, theme in coordinators:
        meetings[f"coordinators-{starts_on.year}"] = _meeting_load(
            programme=programme,
            kind=MeetingKind.COORDINATORS,
            starts_on=starts_on,
            committee="",
            session_number=None,
            title=f"A-CIP Coordinators' Meeting {starts_on.year}",
            ends_on=ends_on,
            place=place,
            is_online=is_online,
            theme=theme,
        )
    # In March 2021 the programme had 17 partners, the 2019 and 2020 cohorts [S8][S9].
    _attendances_load(
        meeting=meetings["coordinators-2021"],
        partners=[partners[c] for c in INITIAL_CODES + EXPANSION_CODES],
        contacts=contacts,
    )
    # Which 16 partners attended in 2025 is not public: two illustrative attendances carry the demo side meetings.
    _attendances_load(
        meeting=meetings["coordinators-2025"], partners=[partners["GH"], partners["MZ"]], contacts=contacts
    )
    # A coming meeting, so that the briefing pack, the agenda of open commitments and the dashboard's coming
    # meetings have something to show. Nothing about it is public.
    meetings["coordinators-2027"] = _meeting_load(
        programme=programme,
        kind=MeetingKind.COORDINATORS,
        starts_on=D(2027, 2, 16),
        committee="",
        session_number=None,
        title=f"{ILLUSTRATIVE}: A-CIP Coordinators' Meeting 2027",
        ends_on=D(2027, 2, 17),
        place="Brussels",
        is_online=False,
        theme=f"{ILLUSTRATIVE}: a coming coordinators' meeting for the demonstration; its dates, place and "
        "attendance are not real.",
    )
    _attendances_load(
        meeting=meetings["coordinators-2027"],
        partners=[partners[c] for c in ("GH", "MZ", "SL")],
        contacts=contacts,
    )
    return meetings


def _side_meetings_load(
    *,
    meetings: dict[str, Meeting],
    partners: dict[str, PartnerAdministration],
    contacts: dict[str, Contact],
) -> dict[tuple[str, int], SideMeeting]:
    session = meetings["session-2019"]
    illustrative_outcomes = {
        "GH": ("Illustrative: scoping visit to be planned for mid-2019.", Atmosphere.CONSTRUCTIVE),
        "MZ": (
            "Illustrative: coordinator to be confirmed; scoping visit in the second half of 2019.",
            Atmosphere.CORDIAL,
        ),
        "SL": (
            "Illustrative: follow-up to the March 2019 mission on the Internal Affairs Unit.",
            Atmosphere.CONSTRUCTIVE,
        ),
    }
    side_meetings = {}
    for index, code in enumerate(INITIAL_CODES):
        key_outcomes, atmosphere = illustrative_outcomes.get(code, ("", ""))
        side_meeting = _upsert(
            SideMeeting,
            lookup={"meeting": session, "partner": partners[code]},
            values={
                # Spread over the five days of the session.
                "held_on": session.starts_on + datetime.timedelta(days=index % 5),
                "purpose": SIDE_MEETING_PURPOSE,
                "wco_participants": "A-CIP Programme Team",
                "key_outcomes": key_outcomes,
                "atmosphere": atmosphere,
                "tier": Tier.PARTNER,
            },
        )
        _m2m_set(side_meeting.partner_participants, [contacts[code]])
        side_meetings[(code, 2019)] = side_meeting

    meeting_2025 = meetings["coordinators-2025"]
    for code in ["GH", "MZ"]:
        side_meeting = _upsert(
            SideMeeting,
            lookup={"meeting": meeting_2025, "partner": partners[code]},
            values={
                "held_on": meeting_2025.starts_on,
                "purpose": "Illustrative: CIPS round 2 results, the end of Norad funding and ideas for a new phase.",
                "wco_participants": "A-CIP Programme Team",
                "key_outcomes": "Illustrative: the administration will send its ideas for the new phase.",
                "atmosphere": Atmosphere.CONSTRUCTIVE,
                "tier": Tier.PARTNER,
            },
        )
        _m2m_set(side_meeting.partner_participants, [contacts[code]])
        side_meetings[(code, 2025)] = side_meeting
    return side_meetings


def _notes_load(*, side_meetings: dict[tuple[str, int], SideMeeting], author: AbstractUser) -> None:
    rows = [
        (("GH", 2019), Tier.PARTNER, "The delegation presented its integrity programme; dates for the scoping visit "
         "to be agreed by e-mail."),
        (("MZ", 2019), Tier.STAFF, "Staff only: the delegation asked about support for an Internal Affairs function."),
        (("SL", 2019), Tier.DONORS, "Good progress on the Internal Affairs Unit since the March 2019 mission."),
        (("GH", 2025), Tier.STAFF, "Staff only: the coordinator may change later this year."),
        (("MZ", 2025), Tier.PARTNER, "CIPS round 2 shows better perceptions on most factors; action plan to follow."),
    ]  # fmt: skip
    for key, tier, text in rows:
        _upsert(
            Note,
            lookup={"side_meeting": side_meetings[key], "text": f"{ILLUSTRATIVE}: {text}"},
            values={"tier": tier, "author": author},
        )


def _commitments_load(
    *,
    side_meetings: dict[tuple[str, int], SideMeeting],
    contacts: dict[str, Contact],
    staff: AbstractUser,
) -> None:
    done = {"status": CommitmentStatus.DONE, "closed_by": staff}
    rows = [
        # Done, closed by the programme team.
        (("GH", 2019), "Confirm the dates of the scoping visit", Owner.ADMINISTRATION, D(2019, 5, 15),
         {**done, "closed_at": _at(D(2019, 5, 10)), "closing_comment": "Illustrative: dates confirmed."}),
        (("SL", 2019), "Share the draft integrity strategy with the A-CIP team", Owner.ADMINISTRATION, D(2019, 6, 30),
         {**done, "closed_at": _at(D(2019, 6, 20)), "closing_comment": "Illustrative: draft received."}),
        (("MZ", 2019), "Send the scoping visit report", Owner.PROGRAMME, D(2019, 11, 30),
         {**done, "closed_at": _at(D(2019, 11, 25)), "closing_comment": "Illustrative: report sent."}),
        # Dropped.
        (("TZ", 2019), "Organise a private-sector forum in 2020", Owner.ADMINISTRATION, D(2020, 6, 30),
         {"status": CommitmentStatus.DROPPED, "closed_by": staff, "closed_at": _at(D(2020, 4, 1)),
          "closing_comment": "Illustrative: dropped because of COVID-19 restrictions."}),
        # Open and overdue.
        (("GH", 2025), "Send ideas for the new phase", Owner.ADMINISTRATION, D(2025, 6, 30), {}),
        (("MZ", 2025), "Share the action plan following CIPS round 2", Owner.ADMINISTRATION, D(2025, 9, 30), {}),
        # Open, not yet due.
        (("MZ", 2025), "Propose dates for a follow-up mission", Owner.PROGRAMME, D(2027, 3, 31), {}),
        (("GH", 2025), "Share the CIPS round 3 questionnaire", Owner.PROGRAMME, D(2027, 1, 31), {}),
    ]  # fmt: skip
    for (code, year), title, owner, due_on, extra in rows:
        side_meeting = side_meetings[(code, year)]
        is_open = extra.get("status", CommitmentStatus.OPEN) == CommitmentStatus.OPEN
        _upsert(
            Commitment,
            lookup={"partner": side_meeting.partner, "title": f"{ILLUSTRATIVE}: {title}"},
            values={
                "side_meeting": side_meeting,
                "owner": owner,
                "owner_contact": contacts[code] if owner == Owner.ADMINISTRATION else None,
                "owner_user": staff if owner == Owner.PROGRAMME else None,
                "due_on": due_on,
                "status": CommitmentStatus.OPEN,
                "closed_at": None,
                "closed_by": None,
                "closing_comment": "",
                "tier": Tier.PARTNER if is_open else Tier.STAFF,
                **extra,
            },
        )


# --- Users and roles -------------------------------------------------------------------------------------------------


def _user_load(
    *,
    spec: DemoUser,
    groups: dict[str, Group],
    partners: dict[str, PartnerAdministration],
    donors: dict[str, Donor],
    contacts: dict[str, Contact],
    reset_password: bool,
) -> tuple[AbstractUser, str | None]:
    """The user, and the password when this load set one (new user or `reset_password`)."""
    user_model = get_user_model()
    is_admin = spec.role == Role.ADMINISTRATOR
    user, created = user_model.objects.get_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": f"{spec.username}@example.org",
            "is_staff": is_admin,
            "is_superuser": is_admin,
        },
    )
    password = None
    if created or reset_password:
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
    if spec.group and not user.groups.filter(pk=groups[spec.group].pk).exists():
        user.groups.add(groups[spec.group])
    if spec.partner_code or spec.donor_slug:
        partner = partners[spec.partner_code] if spec.partner_code else None
        _upsert(
            Profile,
            lookup={"user": user},
            values={"partner": partner, "donor": donors[spec.donor_slug] if spec.donor_slug else None},
        )
        if spec.partner_code:
            # The delegate is their administration's (illustrative) coordinator.
            _upsert(Contact, lookup={"pk": contacts[spec.partner_code].pk}, values={"user": user})
    return user, password


def _users_load(
    *,
    partners: dict[str, PartnerAdministration],
    donors: dict[str, Donor],
    contacts: dict[str, Contact],
    reset_passwords: bool,
) -> tuple[dict[str, AbstractUser], list[DemoLogin]]:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (GROUP_STAFF, GROUP_DELEGATES, GROUP_DONORS)}
    users, logins = {}, []
    for spec in DEMO_USERS:
        user, password = _user_load(
            spec=spec,
            groups=groups,
            partners=partners,
            donors=donors,
            contacts=contacts,
            reset_password=reset_passwords,
        )
        users[spec.username] = user
        if spec.partner_code:
            scope = partners[spec.partner_code].country_name
        elif spec.donor_slug:
            scope = donors[spec.donor_slug].short_name
        else:
            scope = "everything"
        logins.append(DemoLogin(spec.username, str(ROLE_LABELS[spec.role]), scope, password))
    return users, logins


# --- The entry points ------------------------------------------------------------------------------------------------


def demo_counts() -> dict[str, int]:
    """Rows per model of the three apps (without their history tables), plus users and groups."""
    counts = {}
    for label in DEMO_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                counts[str(model._meta.verbose_name_plural)] = model._default_manager.count()
    counts["users"] = get_user_model().objects.count()
    counts["groups"] = Group.objects.count()
    return counts


def demo_load(*, reset_passwords: bool = False) -> DemoLoadResult:
    """Load (or bring up to date) the demo data set; run it again and nothing changes."""
    with transaction.atomic():
        programme = _programme_load()
        phases = _phases_load(programme=programme)
        donors = _donors_load()
        partners = _partners_load(programme=programme)
        _agreements_load(programme=programme, phase=phases[1], donors=donors, partners=partners)
        contacts = _contacts_load(partners=partners)
        users, logins = _users_load(
            partners=partners, donors=donors, contacts=contacts, reset_passwords=reset_passwords
        )
        staff = users["staff"]
        factors = {factor.number: factor for factor in IntegrityFactor.objects.all()}
        _status_changes_load(partners=partners, recorded_by=staff)
        outcomes = _plans_load(programme=programme, partners=partners, factors=factors)
        _assessments_load(partners=partners, factors=factors)
        _activities_load(partners=partners, outcomes=outcomes)
        meetings = _meetings_load(programme=programme, partners=partners, contacts=contacts)
        side_meetings = _side_meetings_load(meetings=meetings, partners=partners, contacts=contacts)
        _notes_load(side_meetings=side_meetings, author=staff)
        _commitments_load(side_meetings=side_meetings, contacts=contacts, staff=staff)
        return DemoLoadResult(logins=logins, counts=demo_counts())


def demo_logins_render(*, logins: list[DemoLogin]) -> str:
    """A plain-text table of the demo logins; a login without a password says how to set one."""
    rows = [("username", "role", "sees", "password")]
    rows += [(x.username, x.role, x.scope, x.password or "(unchanged)") for x in logins]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
             for row in rows]  # fmt: skip
    if any(x.password is None for x in logins):
        lines.append(
            "(unchanged): the password was set earlier. To set a new one: "
            "`python manage.py changepassword <username>` or `python manage.py load_demo --reset-passwords`."
        )
    return "\n".join(lines) + "\n"


def demo_logins_recall(*, path: Path, logins: list[DemoLogin]) -> list[DemoLogin]:
    """Fill in, from an earlier logins file, the passwords that this load did not set and that still work.

    Each candidate is checked against the user's password hash, so a file left over from another database or a
    password changed since with `changepassword` never shows a wrong password.
    """
    if not path.is_file():
        return logins
    remembered = {}
    for line in path.read_text().splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] in DEMO_USERNAMES:
            remembered[words[0]] = words[-1]
    user_model = get_user_model()
    recalled = []
    for login in logins:
        candidate = remembered.get(login.username)
        if login.password is None and candidate:
            user = user_model.objects.filter(username=login.username).first()
            if user is not None and user.check_password(candidate):
                login = DemoLogin(login.username, login.role, login.scope, candidate)
        recalled.append(login)
    return recalled


def demo_logins_write(*, path: Path, logins: list[DemoLogin]) -> None:
    """Write the logins table where `make run` reads it, readable by the owner only."""
    path.write_text(demo_logins_render(logins=logins))
    path.chmod(0o600)
