"""The facts (DOMAIN.md §1.4): the partner administrations, their cohorts and the day each joined."""

import datetime
from dataclasses import dataclass

from acip.demo.helpers import D
from partners.models import Cohort

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
