"""The programme, its donors and agreements (DOMAIN.md §1.1, §1.2)."""

from decimal import Decimal

from acip.devdata.demo.facts import AMERICAS_CODES, EXPANSION_CODES, INITIAL_CODES
from acip.devdata.demo.helpers import D, m2m_set, upsert
from acip.models import Approximation, Currency, Donor, FundingAgreement, Phase, Programme
from partners.models import PartnerAdministration


def programme_load() -> Programme:
    return upsert(
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


def phases_load(*, programme: Programme) -> dict[int, Phase]:
    # The Americas expansion is not a phase: it is Canada's envelope within Phase 1 (an agreement on that phase),
    # running alongside Norad's, so phases stay consecutive periods of the programme.
    phase_1 = upsert(
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
                '[S10][S13]. The programme report ("A-CIP Report, March 2022") was published in March/April 2022 '
                "[S3][S12]; KPMG Norway carried out the external mid-term evaluation required by the Norad agreement "
                "in February-April 2023 [S19]."
            ),
        },
    )
    phase_2 = upsert(
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


def donors_load() -> dict[str, Donor]:
    norad = upsert(
        Donor,
        lookup={"slug": "norad"},
        values={
            "name": "Norwegian Agency for Development Cooperation",
            "short_name": "Norad",
            "country": "Norway",
            "website": "https://www.norad.no/en/",
            "iati_ref": "NO-BRC-971277882",
        },
    )
    gac = upsert(
        Donor,
        lookup={"slug": "global-affairs-canada"},
        values={
            "name": "Global Affairs Canada",
            "short_name": "GAC",
            "country": "Canada",
            "website": "https://www.international.gc.ca/",
            "iati_ref": "CA-3",
        },
    )
    return {"norad": norad, "global-affairs-canada": gac}


def agreements_load(
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
                "amount": Decimal("5000000"),  # DOMAIN.md §1.2 "EUR 5m at first" [S2][S5]
                "amount_approximation": "",
                "currency": Currency.EUR,
                "amount_eur": Decimal("5000000"),
                "notes": (
                    "The Norad-WCO partnership began in October 2007, with earlier capacity-building cooperation "
                    "[S5]. Signed on 16 November 2018 for EUR 5m [S5]; the programme launched in January 2019, "
                    "planned to "
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
                # DOMAIN.md §1.1 "29 Nov 2019: funding rises from EUR 5m to almost EUR 8m" [S2]: almost EUR 3m more.
                "amount": Decimal("3000000"),
                "amount_approximation": Approximation.ALMOST,
                "currency": Currency.EUR,
                "amount_eur": Decimal("3000000"),
                "notes": (
                    "The addendum of 29 November 2019 raised Norad's funding from EUR 5m to almost EUR 8m and added "
                    "6 more Members [S2]. The exact increase is not public: it is recorded as almost EUR 3m."
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
                # DOMAIN.md §1.1 "9 Mar 2021: about EUR 2.5m (CAD 3,496,777)" [S10]: exact in CAD, about in euros.
                "amount": Decimal("3496777"),
                "amount_approximation": Approximation.ABOUT,
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
        agreement = upsert(
            FundingAgreement,
            lookup={"donor": donor, "signed_on": signed_on},
            values={"programme": programme, "phase": phase, **values},
        )
        m2m_set(agreement.partners, [partners[code] for code in codes])
        agreements.append(agreement)
    return agreements
