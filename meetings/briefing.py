"""The briefing pack of a meeting: what the programme team needs to know about each delegation before it meets them.

Everything comes from a fixed set of queries (one per prefetch), whatever the number of delegations.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from acip.models import FundingAgreement, IntegrityFactor
from meetings.models import Attendance, Commitment, Meeting, SideMeeting
from partners.models import (
    Assessment,
    AssessmentScore,
    Contact,
    Health,
    PartnerAdministration,
    RespondentGroup,
    Stage,
    StatusChange,
)

RECENT_SIDE_MEETINGS = 3


@dataclass
class FactorRow:
    factor: IntegrityFactor
    scores: list  # one per respondent group, None where the assessment has no score


@dataclass
class DelegationBriefing:
    partner: PartnerAdministration
    stage_label: str | None
    health_label: str | None
    status: StatusChange | None
    attending: list
    other_contacts: list
    open_commitments: list
    recent_side_meetings: list
    assessment: Assessment | None
    factor_rows: list[FactorRow]
    funding: list


def _label(choices, value):
    return choices(value).label if value in choices.values else None


def briefing_partners(meeting: Meeting, user, *, today):
    """The attending administrations with everything the pack shows, prefetched."""
    scored = AssessmentScore.objects.filter(assessment=OuterRef("pk"))
    latest_assessment = (
        Assessment.objects.visible_to(user)
        .filter(Exists(scored))
        .order_by("-started_on", "-pk")
        .prefetch_related(Prefetch("scores", queryset=AssessmentScore.objects.visible_to(user)))
    )
    return (
        PartnerAdministration.objects.visible_to(user)
        .filter(attendances__meeting=meeting)
        .with_current_status()
        .select_related("region")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.visible_to(user).order_by("-effective_on", "-created_at", "-pk")[:1],
                to_attr="latest_status",
            ),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(meeting=meeting).prefetch_related(
                    Prefetch("contacts", queryset=Contact.objects.visible_to(user))
                ),
                to_attr="this_attendance",
            ),
            Prefetch(
                "contacts", queryset=Contact.objects.visible_to(user).filter(is_active=True), to_attr="contact_list"
            ),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.visible_to(user)
                .open()
                .with_is_overdue(today)
                .select_related("owner_contact", "owner_user", "side_meeting__meeting")
                .order_by("due_on", "pk"),
                to_attr="open_commitments",
            ),
            Prefetch(
                "side_meetings",
                queryset=SideMeeting.objects.visible_to(user)
                .filter(held_on__lt=meeting.starts_on)
                .select_related("meeting")
                .order_by("-held_on", "-pk")[:RECENT_SIDE_MEETINGS],
                to_attr="recent_side_meetings",
            ),
            Prefetch("assessments", queryset=latest_assessment[:1], to_attr="latest_assessment"),
            Prefetch(
                "funding_agreements",
                queryset=FundingAgreement.objects.select_related("donor").order_by("signed_on"),
                to_attr="funding",
            ),
        )
        .order_by("country_name")
    )


def _factor_rows(assessment, factors) -> list[FactorRow]:
    if assessment is None:
        return []
    by_key = {(score.factor_id, score.group): score.score for score in assessment.scores.all()}
    return [
        FactorRow(factor=factor, scores=[by_key.get((factor.pk, group)) for group in RespondentGroup.values])
        for factor in factors
    ]


def delegation_briefings(partners, factors) -> list[DelegationBriefing]:
    briefings = []
    for partner in partners:
        attendance = partner.this_attendance[0] if partner.this_attendance else None
        attending = list(attendance.contacts.all()) if attendance else []
        attending_ids = {contact.pk for contact in attending}
        assessment = partner.latest_assessment[0] if partner.latest_assessment else None
        briefings.append(
            DelegationBriefing(
                partner=partner,
                stage_label=_label(Stage, partner.current_stage),
                health_label=_label(Health, partner.current_health),
                status=partner.latest_status[0] if partner.latest_status else None,
                attending=attending,
                other_contacts=[contact for contact in partner.contact_list if contact.pk not in attending_ids],
                open_commitments=partner.open_commitments,
                recent_side_meetings=partner.recent_side_meetings,
                assessment=assessment,
                factor_rows=_factor_rows(assessment, factors),
                funding=partner.funding,
            )
        )
    return briefings


def factors():
    return list(IntegrityFactor.objects.all())
