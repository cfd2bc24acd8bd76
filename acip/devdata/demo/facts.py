"""The facts (DOMAIN.md §1.4): the partner administrations, their cohorts and the day each joined."""

import datetime
from dataclasses import dataclass

from acip.devdata.demo.helpers import D
from partners.models import Cohort, ExitReason

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
    # DOMAIN.md §1.1 "Jan 2019: Programme launched" [S1][S4]; the day (1 January) is illustrative.
    Cohort.INITIAL_2019: D(2019, 1, 1),
    # Illustrative: the sources date the cohort only between the Norad addendum (29 Nov 2019 [S2]) and Malawi, "the
    # sixth of the new Norad-funded partners", in April 2020 [S9]. 1 March 2020 keeps the 1st coordinators' meeting
    # (17-19 Feb 2020) to the 11 initial partners and the 17 of March 2021 [S8].
    Cohort.EXPANSION_2020: D(2020, 3, 1),
    # DOMAIN.md §1.1 "20 May 2021: Americas kick-off with 8 new beneficiaries" [S13].
    Cohort.AMERICAS_2021: D(2021, 5, 20),
    # Illustrative: Ukraine "ran its first CIPS under A-CIP in Sep 2024" [S20]; joining after the February 2024 count
    # of 22 [S18] and before that survey is the demo's choice (the count of 16 in March 2025 [S21] includes it).
    Cohort.LATER: D(2024, 6, 1),
}
JOINED_ON_EXCEPTIONS = {"MW": D(2020, 4, 1)}  # DOMAIN.md §1.1 "Apr 2020: Malawi joins" [S9]; the day is illustrative

#: Why each join date is what it is, for the status history's first row (DOMAIN.md §1.4).
JOINED_WHY = {
    Cohort.INITIAL_2019: "The programme launched in January 2019 with 11 partners [S1][S7]; the day is illustrative.",
    Cohort.EXPANSION_2020: (
        "One of the 6 Members added by the Norad addendum of 29 November 2019 [S2][S9]; the join date is illustrative."
    ),
    Cohort.AMERICAS_2021: "The Americas kick-off with 8 new beneficiaries on 20 May 2021 [S13].",
    Cohort.LATER: "Ukraine ran its first CIPS under A-CIP in September 2024 [S20]; the join date is illustrative.",
}


@dataclass(frozen=True)
class ExitFact:
    exited_on: datetime.date
    reason: str  # an ExitReason value
    why: str


# DOMAIN.md §1.4 headcount: 25 (2020-21), 23 active (March 2023 [S16]), 22 (February 2024 [S18]), 16 current
# (March 2025 [S21]). The sources give the counts, not the names: which partners leave, and when, is the demo's
# choice (illustrative), except the end of the Canadian envelope in May 2024 [S10][S13].
_COUNT_ONLY = "Illustrative: the sources count %s; which partners left, and the day, is the demo's choice, not a fact."
_CANADA_ENDED = (
    "The Global Affairs Canada envelope for the Americas ran 36 months from the kick-off of 20 May 2021 [S10][S13]."
)
EXITS = {
    "ML": ExitFact(D(2022, 6, 30), ExitReason.OTHER, _COUNT_ONLY % "23 active partners in March 2023 [S16]"),
    "LB": ExitFact(D(2022, 11, 30), ExitReason.OTHER, _COUNT_ONLY % "23 active partners in March 2023 [S16]"),
    "NE": ExitFact(D(2023, 9, 30), ExitReason.OTHER, _COUNT_ONLY % "22 active partners in February 2024 [S18]"),
    **{
        code: ExitFact(D(2024, 5, 19), ExitReason.FUNDING_ENDED, _CANADA_ENDED)
        # Illustrative: El Salvador stays, so that 16 are current in March 2025 [S21] (22 - 7 + Ukraine); its CIPS
        # is the subject of a 2024 WCO News article [S30].
        for code in ("AG", "EC", "GT", "GY", "HN", "JM", "MX")
    },
}

#: Active partners (`PartnerQuerySet.active_on`) on the days the sources count them (DOMAIN.md §1.4).
HEADCOUNTS = {
    D(2019, 12, 31): 11,  # [S7]
    D(2020, 12, 31): 17,  # [S9]
    D(2021, 12, 31): 25,  # [S17]: 25 first-round CIPS countries
    D(2022, 12, 31): 23,  # "more than 20" in 2022 (DOMAIN.md §1.4)
    D(2023, 3, 14): 23,  # [S16]
    D(2024, 2, 27): 22,  # [S18]
    D(2025, 3, 18): 16,  # [S21]
}


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
    exit: ExitFact | None = None


PARTNERS = [
    PartnerFact(
        *row,
        cohort=cohort,
        joined_on=JOINED_ON_EXCEPTIONS.get(row[0], JOINED_ON[cohort]),
        exit=EXITS.get(row[0]),
    )
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


def active_codes_on(day: datetime.date) -> list[str]:
    """The partners in the programme on `day`, by the facts above (as `PartnerQuerySet.active_on` counts them)."""
    return [
        fact.code for fact in PARTNERS if fact.joined_on <= day and (fact.exit is None or fact.exit.exited_on >= day)
    ]
