"""Plans and indicators (DOMAIN.md §1.5): country plans with their outcomes, indicators and values."""

from decimal import Decimal

from acip.devdata.demo.helpers import D, m2m_set, upsert
from acip.models import IntegrityFactor, Programme, Tier
from partners.models import (
    CountryPlan,
    Direction,
    Indicator,
    IndicatorValue,
    Level,
    Outcome,
    PartnerAdministration,
    PlanStatus,
)


def plans_load(
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
        plan = upsert(
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
        outcome = upsert(
            Outcome, lookup={"plan": plan, "title": outcome_title}, values={"description": description, "position": 1}
        )
        m2m_set(outcome.factors, [factors[factor_number]])
        indicator = upsert(
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
            upsert(
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
    indicator = upsert(
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
    upsert(
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
