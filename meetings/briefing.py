"""The briefing pack of a meeting: what the programme team needs to know about each delegation before it meets them.

A session's pack comes a page of delegations at a time, optionally for one region (a session of 110 delegations in
one page was 4 MB of HTML); one delegation's pack adds what changed since its last side meeting and its plan.
Everything comes from a fixed set of queries (one per prefetch), whatever the number of delegations or of records.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from acip.access import donors_visible_to
from acip.models import FundingAgreement, IntegrityFactor, Region
from meetings.models import Attendance, Commitment, Meeting, SideMeeting
from partners.models import (
    Assessment,
    AssessmentScore,
    Contact,
    IndicatorValue,
    PartnerAdministration,
    RespondentGroup,
    StatusChange,
)
from partners.selectors import PlanSummary, plan_summary

RECENT_SIDE_MEETINGS = 3
#: Delegations per page of a session's pack: at WCO scale a page stays well under 250 KB of HTML.
DELEGATIONS_PER_PAGE = 8
#: Open commitments listed per delegation (the soonest due first); the pack links to the full list beyond that.
OPEN_COMMITMENTS_SHOWN = 20
#: Rows listed per kind of change since the last side meeting (the latest first).
CHANGES_SHOWN = 15


@dataclass
class FactorRow:
    factor: IntegrityFactor
    scores: list  # one per respondent group, None where the assessment has no score


@dataclass
class DelegationBriefing:
    partner: PartnerAdministration
    status: StatusChange | None
    attending: list
    other_contacts: list
    open_commitments: list
    recent_side_meetings: list
    assessment: Assessment | None
    factor_rows: list[FactorRow]
    funding: list
    changes: "Changes | None" = None
    plan: PlanSummary | None = None


@dataclass
class Cut:
    """The latest rows of a list, at most CHANGES_SHOWN, and whether there were more."""

    rows: list
    more: bool

    @classmethod
    def of(cls, queryset, limit: int = CHANGES_SHOWN) -> "Cut":
        rows = list(queryset[: limit + 1])
        return cls(rows=rows[:limit], more=len(rows) > limit)


@dataclass
class Changes:
    """What changed for a delegation after the day of its last side meeting before this meeting."""

    side_meeting: SideMeeting
    statuses: Cut
    opened: Cut
    closed: Cut
    values: Cut
    assessments: Cut

    @property
    def nothing(self) -> bool:
        return not any(cut.rows for cut in (self.statuses, self.opened, self.closed, self.values, self.assessments))


@dataclass
class RegionLink:
    region: Region
    delegations: int


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
        .with_open_commitment_count(user)
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
                .with_owner_name(user)
                .select_related("side_meeting__meeting")
                .order_by("due_on", "pk")[:OPEN_COMMITMENTS_SHOWN],
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
                queryset=FundingAgreement.objects.filter(donor__in=donors_visible_to(user))
                .select_related("donor")
                .order_by("signed_on"),
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


def region_links(meeting: Meeting, user) -> list[RegionLink]:
    """The regions of the attending administrations the user may see, with how many delegations each (one query)."""
    attending = PartnerAdministration.objects.visible_to(user).filter(attendances__meeting=meeting)
    regions = Region.objects.annotate(delegations=Count("partners", filter=Q(partners__in=attending))).filter(
        delegations__gt=0
    )
    return [RegionLink(region=region, delegations=region.delegations) for region in regions]


def changes_since(briefing: DelegationBriefing, user, *, today: datetime.date) -> Changes | None:
    """What changed for the delegation after the day of its last side meeting before this meeting (None when it has
    had none): status changes that took effect, commitments recorded and closed, indicator values recorded and
    assessments started since. Records of the side meeting's own day belong to that meeting."""
    if not briefing.recent_side_meetings:
        return None
    side_meeting = briefing.recent_side_meetings[0]
    day = side_meeting.held_on
    partner = briefing.partner
    commitments = (
        Commitment.objects.visible_to(user)
        .filter(partner=partner)
        .with_is_overdue(today)
        .with_owner_name(user)
        .select_related("side_meeting__meeting")
    )
    return Changes(
        side_meeting=side_meeting,
        statuses=Cut.of(
            StatusChange.objects.visible_to(user)
            .filter(partner=partner, effective_on__gt=day)
            .order_by("-effective_on", "-created_at", "-pk")
        ),
        opened=Cut.of(commitments.filter(created_at__date__gt=day).order_by("-created_at", "-pk")),
        closed=Cut.of(commitments.filter(closed_at__date__gt=day).order_by("-closed_at", "-pk")),
        values=Cut.of(
            IndicatorValue.objects.visible_to(user)
            .filter(indicator__outcome__plan__partner=partner, created_at__date__gt=day)
            .select_related("indicator")
            .order_by("-created_at", "-pk")
        ),
        assessments=Cut.of(
            Assessment.objects.visible_to(user)
            .filter(partner=partner, started_on__gt=day)
            .order_by("-started_on", "-pk")
        ),
    )


def complete_single(briefing: DelegationBriefing, user, *, today: datetime.date) -> DelegationBriefing:
    """Add to one delegation's pack what changed since its last side meeting and its plan (a fixed 10 queries)."""
    briefing.changes = changes_since(briefing, user, today=today)
    briefing.plan = plan_summary(briefing.partner, user)
    for group in briefing.plan.factor_groups:
        for outcome in group.outcomes:
            for indicator in outcome.indicator_list:
                indicator.latest_actual = _latest(indicator.value_list, "actual")
                indicator.latest_target = _latest(indicator.value_list, "target")
    return briefing


def _latest(values: list[IndicatorValue], figure: str) -> IndicatorValue | None:
    """The value of the latest year that has the figure ("actual" or "target"), if any."""
    having = [value for value in values if getattr(value, figure) is not None]
    return max(having, key=lambda value: value.period) if having else None
