"""Meetings (DOMAIN.md §1.1 key dates): sessions, attendances, side meetings, and their notes and commitments."""

import datetime
from typing import Any

from django.contrib.auth.models import AbstractUser

from acip.devdata.demo.facts import INITIAL_CODES, active_codes_on
from acip.devdata.demo.helpers import ILLUSTRATIVE, D, m2m_set, upsert, utc_at
from acip.models import Programme, Tier
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
from partners.models import Contact, PartnerAdministration

# DOMAIN.md §1.1 "8-12 Apr 2019": side meetings "covered the current status of each country's integrity programme
# and next steps" [S6]. What each one turned to within that is illustrative, except where a source is named.
SIDE_MEETING_TOPICS = {
    "AF": "Illustrative: the scoping visit's timing and security arrangements.",
    "ET": "Illustrative: the administration's integrity action plan and the scoping visit's terms of reference.",
    "GH": "The regional integrity event hosted in Ghana in March 2019 [S1]; illustrative: the scoping visit's dates.",
    "LB": "Illustrative: the self-assessment the administration ran and who leads the integrity function.",
    "LR": "Illustrative: the code of conduct under revision and the scoping visit's programme.",
    "ML": "Illustrative: the integrity strategy of the Customs and the coordinator's appointment.",
    "MZ": "Illustrative: who will be the A-CIP Coordinator, and an Internal Affairs function.",
    "NP": "Illustrative: automation and its part in the integrity programme.",
    "SL": (
        "The follow-up of the March 2019 mission on the integrity strategy and the new Internal Affairs Unit [S1]."
    ),
    "TZ": "Illustrative: a private-sector forum on integrity and the scoping visit's dates.",
    "TN": "Illustrative: the human resource management reform and its integrity safeguards.",
}


def _side_meeting_purpose(code: str) -> str:
    return (
        f"The current status of the country's integrity programme and next steps [S6]. {SIDE_MEETING_TOPICS[code]} "
        "The day within the session is illustrative."
    )


def _meeting_load(*, programme: Programme, kind: str, starts_on: datetime.date, **values: Any) -> Meeting:
    return upsert(Meeting, lookup={"programme": programme, "kind": kind, "starts_on": starts_on}, values=values)


def _attendances_load(
    *, meeting: Meeting, partners: list[PartnerAdministration], contacts: dict[str, Contact]
) -> None:
    for partner in partners:
        attendance = upsert(Attendance, lookup={"meeting": meeting, "partner": partner})
        m2m_set(attendance.contacts, [contacts[partner.country_code]])


# Committee sessions (DOMAIN.md §3, ISC: "sessions numbered 18th (2019), 19th (2020), 21st (2022) and 22nd (2023)"):
# (key, committee, ISC number, CBC number, starts on, ends on, place, online, title, theme).
SESSIONS = [
    # DOMAIN.md §1.1 "8-12 Apr 2019: official introduction at the 10th CBC and 18th ISC, Brussels" [S6].
    ("session-2019", Committee.CBC_ISC, 18, 10, D(2019, 4, 8), D(2019, 4, 12), "Brussels", False,
     "10th Capacity Building Committee and 18th Integrity Sub-Committee",
     "The official introduction of the A-CIP Programme; all 11 partner delegations attended, and the A-CIP team "
     "held a side meeting with each delegation [S6]."),
    # DOMAIN.md §1.1 "17-19 Feb 2020: 1st Coordinators' meeting (Brussels, just before the 19th ISC)" [S7].
    ("session-2020", Committee.ISC, 19, None, D(2020, 2, 20), D(2020, 2, 21), "Brussels", False,
     "19th Integrity Sub-Committee",
     "Held just after the 1st A-CIP Coordinators' Meeting [S7]. The days are illustrative; the sources give no "
     "count of the partner delegations that attended."),
    # DOMAIN.md §3 "21st (2022)" [S45]: the WCO announced its conclusion in February 2022.
    ("session-2022", Committee.ISC, 21, None, D(2022, 2, 8), D(2022, 2, 9), "Online", True,
     "21st Integrity Sub-Committee",
     "Concluded in February 2022 [S45]; the ISC Work Programme 2022-2025 [S45][S46]. The days and the online "
     "format are illustrative; the sources give no count of the partner delegations that attended."),
    # DOMAIN.md §3 "22nd (2023)" [S46]: "Harnessing data for integrity", March 2023.
    ("session-2023", Committee.ISC, 22, None, D(2023, 3, 16), D(2023, 3, 17), "Brussels", False,
     "22nd Integrity Sub-Committee",
     "Harnessing data for integrity, March 2023 [S46]. The days are illustrative; the sources give no count of "
     "the partner delegations that attended."),
]  # fmt: skip

# Coordinators' meetings (DOMAIN.md §1.1 key dates), each with the partners it counts: (starts on, ends on, place,
# online, theme, attending). Attending is every partner in the programme that day (`active_on`): the counts are the
# sources', the names follow from the demo's joins and exits.
COORDINATORS = [
    # [S7]: the 11 initial partners (the 2020 cohort had not joined yet, DOMAIN.md §1.4); the count is illustrative.
    (D(2020, 2, 17), D(2020, 2, 19), "Brussels", False,
     "1st A-CIP Coordinators' Meeting, held just before the 19th ISC. Topics: the scoping visits, each country's "
     "Project Information Document (PID), the CIPS [S7]. Illustrative: the 11 initial partners attend."),
    # [S8]: "Coordinators' meeting online, 17 partners".
    (D(2021, 3, 16), D(2021, 3, 16), "Online", True,
     "Annual coordinators' meeting online with the 17 partners [S8]. The day is illustrative."),
    # [S14]: "more than 80 representatives"; the count of administrations (25) is illustrative.
    (D(2022, 2, 15), D(2022, 2, 15), "Online (Zoom)", True,
     "Annual coordinators' meeting on Zoom with more than 80 representatives [S14]. The day, and the 25 "
     "administrations recorded as attending, are illustrative."),
    # [S16]: "23 active partners".
    (D(2023, 3, 14), D(2023, 3, 15), "Brussels", False,
     "Annual coordinators' meeting with the 23 active partners [S16]. The days and the place are illustrative."),
    # [S18]: "22 active partners".
    (D(2024, 2, 27), D(2024, 2, 28), "Brussels", False,
     "Annual coordinators' meeting with the 22 active partners [S18]. The days and the place are illustrative."),
    # [S21]: "16 current partners. Norad funding runs until Sep 2025; ideas gathered for a new phase".
    (D(2025, 3, 18), D(2025, 3, 19), "Brussels", False,
     "Annual coordinators' meeting with the 16 current partners; Norad funding runs until September 2025 and "
     "ideas were gathered for a new phase [S21]. The days and the place are illustrative."),
]  # fmt: skip


def meetings_load(
    *, programme: Programme, partners: dict[str, PartnerAdministration], contacts: dict[str, Contact]
) -> dict[str, Meeting]:
    meetings = {}
    for key, committee, number, cbc_number, starts_on, ends_on, place, is_online, title, theme in SESSIONS:
        meetings[key] = _meeting_load(
            programme=programme,
            kind=MeetingKind.COMMITTEE,
            starts_on=starts_on,
            committee=committee,
            session_number=number,
            cbc_session_number=cbc_number,
            title=title,
            ends_on=ends_on,
            place=place,
            is_online=is_online,
            theme=theme,
        )
    # All 11 partner delegations attended the 2019 session [S6].
    _attendances_load(
        meeting=meetings["session-2019"], partners=[partners[c] for c in INITIAL_CODES], contacts=contacts
    )

    for starts_on, ends_on, place, is_online, theme in COORDINATORS:
        meeting = meetings[f"coordinators-{starts_on.year}"] = _meeting_load(
            programme=programme,
            kind=MeetingKind.COORDINATORS,
            starts_on=starts_on,
            committee="",
            session_number=None,
            cbc_session_number=None,
            title=f"A-CIP Coordinators' Meeting {starts_on.year}",
            ends_on=ends_on,
            place=place,
            is_online=is_online,
            theme=theme,
        )
        _attendances_load(
            meeting=meeting, partners=[partners[c] for c in active_codes_on(starts_on)], contacts=contacts
        )
    # A coming meeting, so that the briefing pack, the agenda of open commitments and the dashboard's coming
    # meetings have something to show. Nothing about it is public.
    meetings["coordinators-2027"] = _meeting_load(
        programme=programme,
        kind=MeetingKind.COORDINATORS,
        starts_on=D(2027, 2, 16),
        committee="",
        session_number=None,
        cbc_session_number=None,
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


def side_meetings_load(
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
        side_meeting = upsert(
            SideMeeting,
            lookup={"meeting": session, "partner": partners[code]},
            values={
                # Spread over the five days of the session.
                "held_on": session.starts_on + datetime.timedelta(days=index % 5),
                "purpose": _side_meeting_purpose(code),
                "wco_participants": "A-CIP Programme Team",
                "key_outcomes": key_outcomes,
                "atmosphere": atmosphere,
                "tier": Tier.PARTNER,
            },
        )
        m2m_set(side_meeting.partner_participants, [contacts[code]])
        side_meetings[(code, 2019)] = side_meeting

    meeting_2025 = meetings["coordinators-2025"]
    purposes_2025 = {
        "GH": "Illustrative: CIPS round 2 results, the end of Norad funding and ideas for a new phase.",
        "MZ": "Illustrative: the action plan after CIPS round 2, and a follow-up mission before Norad funding ends.",
    }
    for code, purpose in purposes_2025.items():
        side_meeting = upsert(
            SideMeeting,
            lookup={"meeting": meeting_2025, "partner": partners[code]},
            values={
                "held_on": meeting_2025.starts_on,
                "purpose": purpose,
                "wco_participants": "A-CIP Programme Team",
                "key_outcomes": "Illustrative: the administration will send its ideas for the new phase.",
                "atmosphere": Atmosphere.CONSTRUCTIVE,
                "tier": Tier.PARTNER,
            },
        )
        m2m_set(side_meeting.partner_participants, [contacts[code]])
        side_meetings[(code, 2025)] = side_meeting
    return side_meetings


def notes_load(*, side_meetings: dict[tuple[str, int], SideMeeting], author: AbstractUser) -> None:
    rows = [
        (("GH", 2019), Tier.PARTNER, "The delegation presented its integrity programme; dates for the scoping visit "
         "to be agreed by e-mail."),
        (("MZ", 2019), Tier.STAFF, "Staff only: the delegation asked about support for an Internal Affairs function."),
        (("SL", 2019), Tier.DONORS, "Good progress on the Internal Affairs Unit since the March 2019 mission."),
        (("GH", 2025), Tier.STAFF, "Staff only: the coordinator may change later this year."),
        (("MZ", 2025), Tier.PARTNER, "CIPS round 2 shows better perceptions on most factors; action plan to follow."),
    ]  # fmt: skip
    for key, tier, text in rows:
        upsert(
            Note,
            lookup={"side_meeting": side_meetings[key], "text": f"{ILLUSTRATIVE}: {text}"},
            values={"tier": tier, "author": author},
        )


def commitments_load(
    *,
    side_meetings: dict[tuple[str, int], SideMeeting],
    contacts: dict[str, Contact],
    staff: AbstractUser,
) -> None:
    done = {"status": CommitmentStatus.DONE, "closed_by": staff}
    rows = [
        # Done, closed by the programme team.
        (("GH", 2019), "Confirm the dates of the scoping visit", Owner.ADMINISTRATION, D(2019, 5, 15),
         {**done, "closed_at": utc_at(D(2019, 5, 10)), "closing_comment": "Illustrative: dates confirmed."}),
        (("SL", 2019), "Share the draft integrity strategy with the A-CIP team", Owner.ADMINISTRATION, D(2019, 6, 30),
         {**done, "closed_at": utc_at(D(2019, 6, 20)), "closing_comment": "Illustrative: draft received."}),
        (("MZ", 2019), "Send the scoping visit report", Owner.PROGRAMME, D(2019, 11, 30),
         {**done, "closed_at": utc_at(D(2019, 11, 25)), "closing_comment": "Illustrative: report sent."}),
        # Dropped.
        (("TZ", 2019), "Organise a private-sector forum in 2020", Owner.ADMINISTRATION, D(2020, 6, 30),
         {"status": CommitmentStatus.DROPPED, "closed_by": staff, "closed_at": utc_at(D(2020, 4, 1)),
          "closing_comment": "Illustrative: dropped because of COVID-19 restrictions."}),
        # Open and overdue.
        (("GH", 2025), "Send ideas for the new phase", Owner.ADMINISTRATION, D(2025, 6, 30), {}),
        (("MZ", 2025), "Share the action plan following CIPS round 2", Owner.ADMINISTRATION, D(2025, 9, 30), {}),
        # Open, not yet due.
        (("MZ", 2025), "Propose dates for a follow-up mission", Owner.PROGRAMME, D(2027, 3, 31), {}),
        (("GH", 2025), "Share the CIPS round 3 questionnaire", Owner.PROGRAMME, D(2027, 1, 31), {}),
        # Due around REMINDERS_DAY, so that `send_reminders --dry-run --today 2027-01-25` shows every step: due
        # today (Ghana's coordinator), one day overdue (Mozambique's coordinator and the focal point), a week
        # overdue (the programme team's owner); the 2025 ones above go to the programme manager.
        (("GH", 2025), "Send the names of the delegation to the coordinators' meeting", Owner.ADMINISTRATION,
         D(2027, 1, 25), {}),
        (("MZ", 2025), "Confirm the venue of the follow-up workshop", Owner.ADMINISTRATION, D(2027, 1, 24), {}),
        (("MZ", 2025), "Send the CIPS round 2 report to the delegation", Owner.PROGRAMME, D(2027, 1, 18), {}),
    ]  # fmt: skip
    for (code, year), title, owner, due_on, extra in rows:
        side_meeting = side_meetings[(code, year)]
        is_open = extra.get("status", CommitmentStatus.OPEN) == CommitmentStatus.OPEN
        upsert(
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
