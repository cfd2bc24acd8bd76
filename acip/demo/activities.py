"""Activities (DOMAIN.md §1.5): missions, workshops and scoping visits, done or planned."""

import datetime

from acip.demo.helpers import ILLUSTRATIVE, D, _upsert
from acip.models import Tier
from partners.models import Activity, ActivityKind, ActivityStatus, Component, Modality, Outcome, PartnerAdministration


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
