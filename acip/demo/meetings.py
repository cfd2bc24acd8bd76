"""Meetings (DOMAIN.md §1.1 key dates): sessions, attendances, side meetings, and their notes and commitments."""

import datetime
from typing import Any

from django.contrib.auth.models import AbstractUser

from acip.demo.facts import EXPANSION_CODES, INITIAL_CODES
from acip.demo.helpers import ILLUSTRATIVE, D, _at, _m2m_set, _upsert
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
