"""Partners and their people, and each partner's status history."""

from django.contrib.auth.models import AbstractUser
from django.utils.text import slugify

from acip.devdata.demo.facts import JOINED_WHY, PARTNERS
from acip.devdata.demo.helpers import ILLUSTRATIVE, D, upsert
from acip.models import Programme, Region, Tier
from partners.models import Cohort, Contact, ExitReason, Health, PartnerAdministration, Position, Stage, StatusChange


def partners_load(*, programme: Programme) -> dict[str, PartnerAdministration]:
    regions = {region.code: region for region in Region.objects.all()}
    partners = {}
    for fact in PARTNERS:
        partners[fact.code] = upsert(
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
                "exited_on": fact.exit.exited_on if fact.exit else None,
                "exit_reason": fact.exit.reason if fact.exit else "",
            },
        )
    return partners


def contacts_load(*, partners: dict[str, PartnerAdministration]) -> dict[str, Contact]:
    """An illustrative A-CIP Coordinator per partner: each partner names one [S7], but their names are not ours."""
    contacts = {}
    for fact in PARTNERS:
        contacts[fact.code] = upsert(
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


# The cycle each cohort went through (DOMAIN.md §1.1, §1.5): scoping visits in 2019 for the initial 11 [S7], the
# PIDs discussed at the 1st coordinators' meeting in February 2020 [S7], the 2021-2024 project plans after them
# (DOMAIN.md §4, "multi-year, e.g. 2021-2024"). The days, and each partner's health, are illustrative.
# (effective on, stage, health, tier, reason without the "Illustrative" prefix), after the joining row.
COHORT_CYCLE = {
    Cohort.INITIAL_2019: [
        (D(2020, 2, 19), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER,
         "Scoping visit done in 2019 [S7]; the Project Information Document discussed at the 1st coordinators' "
         "meeting [S7]."),
        (D(2021, 1, 15), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS,
         "A-CIP project plan 2021-2024 agreed; implementation started."),
    ],
    Cohort.EXPANSION_2020: [
        (D(2020, 11, 16), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER,
         "Scoping done remotely in 2020 (Remote Integrity Assessment Package [S3]); PID in drafting."),
        (D(2021, 3, 1), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS,
         "A-CIP project plan 2021-2024 agreed; implementation started."),
    ],
    Cohort.AMERICAS_2021: [
        (D(2021, 11, 15), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "Scoping done; PID in drafting."),
        (D(2022, 3, 1), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS,
         "Project plan agreed for the rest of the 36 months of Canadian support [S13]."),
    ],
    Cohort.LATER: [
        (D(2024, 9, 1), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "First CIPS run in September 2024 [S20]."),
    ],
}  # fmt: skip

# Partners whose history the demo tells in more detail (replacing their cohort's cycle): (code, effective on, stage,
# health, tier, reason without the prefix). All illustrative, except where a source is named.
STATUS_HISTORY = [
    ("GH", D(2020, 2, 19), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "PID discussed with the coordinator."),
    ("GH", D(2021, 1, 15), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS, "Project plan agreed; work started."),
    ("GH", D(2023, 6, 30), Stage.MONITORING, Health.ON_TRACK, Tier.DONORS, "CIPS round 2 done; results discussed."),
    ("MZ", D(2020, 3, 1), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "Scoping report shared; PID in drafting."),
    ("MZ", D(2021, 6, 1), Stage.IMPLEMENTATION, Health.AT_RISK, Tier.STAFF, "COVID-19 delayed in-country work."),
    ("MZ", D(2023, 9, 1), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.PARTNER, "Activities back on schedule."),
    # The March 2019 mission on the integrity strategy and the new Internal Affairs Unit is a fact [S1].
    ("SL", D(2019, 3, 15), Stage.PLANNING, Health.ON_TRACK, Tier.DONORS, "Integrity strategy under review [S1]."),
    ("SL", D(2020, 1, 15), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS, "Internal Affairs Unit being set up."),
    ("AF", D(2020, 2, 19), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "PID discussed with the coordinator."),
    ("AF", D(2021, 1, 15), Stage.IMPLEMENTATION, Health.AT_RISK, Tier.DONORS, "Project plan agreed."),
    # No source gives Afghanistan's status after 2021: the suspension is the demo's choice, and keeps one partner
    # whose page has not been updated for years (the stale lists and reminders show it).
    ("AF", D(2021, 9, 1), Stage.SUSPENDED, Health.OFF_TRACK, Tier.STAFF,
     "Programme activities on hold (no source gives Afghanistan's status)."),
    ("JO", D(2020, 9, 1), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "PID in drafting."),
    ("JO", D(2021, 3, 1), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS, "Transparency priority agreed [S24]."),
    ("PS", D(2020, 9, 1), Stage.PLANNING, Health.ON_TRACK, Tier.PARTNER, "PID in drafting."),
    ("PS", D(2021, 3, 1), Stage.IMPLEMENTATION, Health.ON_TRACK, Tier.DONORS,
     "Internal affairs priority agreed [S25]."),
    ("PS", D(2024, 6, 1), Stage.IMPLEMENTATION, Health.AT_RISK, Tier.STAFF, "In-country missions postponed."),
    ("SV", D(2023, 6, 1), Stage.MONITORING, Health.ON_TRACK, Tier.DONORS,
     "Second CIPS done; the WCO News wrote about El Salvador's CIPS [S30]."),
]  # fmt: skip


#: The partners whose own rows above replace their cohort's cycle (the others' rows come after it).
OWN_CYCLE = {"GH", "MZ", "SL", "AF", "JO", "PS"}


def _history_rows(fact) -> list[tuple]:
    """(effective on, stage, health, tier, reason) of one partner: joining, its cycle, and its exit if any."""
    joined = f"Joined; scoping starts. {JOINED_WHY[fact.cohort]}"
    rows = [(fact.joined_on, Stage.SCOPING, Health.ON_TRACK, Tier.DONORS, joined)]
    if fact.code not in OWN_CYCLE:
        rows += COHORT_CYCLE[fact.cohort]
    rows += [row[1:] for row in STATUS_HISTORY if row[0] == fact.code]
    if fact.exit:
        stage = Stage.COMPLETED if fact.exit.reason == ExitReason.FUNDING_ENDED else Stage.EXITED
        rows.append((fact.exit.exited_on, stage, Health.ON_TRACK, Tier.DONORS, f"Left the programme. {fact.exit.why}"))
    return rows


def status_changes_load(*, partners: dict[str, PartnerAdministration], recorded_by: AbstractUser) -> None:
    for fact in PARTNERS:
        for effective_on, stage, health, tier, reason in _history_rows(fact):
            if ILLUSTRATIVE not in reason:
                reason = f"{ILLUSTRATIVE}: {reason}"
            upsert(
                StatusChange,
                lookup={"partner": partners[fact.code], "effective_on": effective_on, "stage": stage},
                values={"health": health, "tier": tier, "reason": reason, "recorded_by": recorded_by},
            )
