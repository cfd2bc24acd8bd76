"""Activities (DOMAIN.md §1.5): missions, workshops and scoping visits, done or planned."""

import datetime

from acip.devdata.demo.facts import AMERICAS_CODES
from acip.devdata.demo.helpers import ILLUSTRATIVE, D, upsert
from acip.models import Tier
from partners.models import Activity, ActivityKind, ActivityStatus, Component, Modality, Outcome, PartnerAdministration

# Illustrative days: one scoping visit a partner, spread over 2019 [S7] (Ghana's and Mozambique's as before).
SCOPING_2019 = {
    "GH": D(2019, 6, 3), "MZ": D(2019, 9, 9), "SL": D(2019, 5, 13), "TZ": D(2019, 6, 17), "ET": D(2019, 7, 8),
    "LR": D(2019, 7, 22), "NP": D(2019, 9, 23), "TN": D(2019, 10, 7), "LB": D(2019, 10, 21), "ML": D(2019, 11, 4),
    "AF": D(2019, 11, 18),
}  # fmt: skip
SCOPING_2020 = {
    "BF": D(2020, 6, 8), "CI": D(2020, 6, 22), "JO": D(2020, 7, 6), "MW": D(2020, 7, 20), "NE": D(2020, 9, 7),
    "PS": D(2020, 9, 21),
}  # fmt: skip
SCOPING_2021 = {code: D(2021, 7 + index // 3, 5 + (index % 3) * 7) for index, code in enumerate(AMERICAS_CODES)}


def activities_load(*, partners: dict[str, PartnerAdministration], outcomes: dict[str, Outcome]) -> None:
    scoping = (
        "In-country scoping visits to the 11 partners took place in 2019, with the IDG and the RAD as the main tools "
        "[S7]. The dates are illustrative."
    )
    scoping_2020 = (
        "Illustrative: the 2020 cohort's scoping, done remotely during COVID-19 with the Remote Integrity Assessment "
        "Package [S3][S12]; the dates and the remote format are the demo's."
    )
    scoping_americas = (
        "Illustrative: scoping after the Americas kick-off of 20 May 2021 [S13]; the dates and the remote format are "
        "the demo's."
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
        # DOMAIN.md §1.1 "2019: in-country scoping visits to the 11 partners" [S7]; the dates are illustrative.
        *[(code, "Scoping visit (IDG and RAD)", K.SCOPING, C.BILATERAL, start, 5, Tier.PARTNER,
           {"description": scoping}) for code, start in SCOPING_2019.items()],
        # The 2020 cohort's scoping, in 2020 during COVID-19, with the Remote Integrity Assessment Package [S3][S12];
        # remote, and the dates, are illustrative.
        *[(code, "Remote scoping and integrity assessment", K.SCOPING, C.BILATERAL, start, 3, Tier.PARTNER,
           {"description": scoping_2020, "modality": Modality.REMOTE}) for code, start in SCOPING_2020.items()],
        # The Americas partners' scoping after the kick-off of 20 May 2021 [S13]; the dates are illustrative.
        *[(code, "Remote scoping and integrity assessment", K.SCOPING, C.BILATERAL, start, 3, Tier.PARTNER,
           {"description": scoping_americas, "modality": Modality.REMOTE}) for code, start in SCOPING_2021.items()],
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
        upsert(Activity, lookup={"partner": partners[code], "title": title}, values=values)
