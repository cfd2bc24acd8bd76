"""Partners and their people, and each partner's status history."""

from django.contrib.auth.models import AbstractUser
from django.utils.text import slugify

from acip.demo.facts import PARTNERS
from acip.demo.helpers import ILLUSTRATIVE, D, _upsert
from acip.models import Programme, Region, Tier
from partners.models import Contact, Health, PartnerAdministration, Position, Stage, StatusChange


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
