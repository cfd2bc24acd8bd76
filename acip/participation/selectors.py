"""The reads of participation: staff's review queue, what a delegate has sent, and the countries whose page has not
been confirmed since the last committee session. Each is a fixed number of queries whatever the number of rows."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import CharField, F, Max, Q, Value

from acip.participation.forms import REPORT, QueueFilterForm
from acip.participation.models import PageConfirmation, Proposal, ValueReport
from meetings.models import Meeting, MeetingKind
from partners.models import PartnerAdministration

PAGE_SIZE = 25


def waiting_items(user):
    """The pending proposals and submitted reports that `user` may see, as (item, pk, at) rows to be united."""
    proposals = (
        Proposal.objects.visible_to(user)
        .pending()
        .annotate(item=Value("proposal", output_field=CharField()), at=F("created_at"))
        .values_list("item", "pk", "at")
        .order_by()
    )
    reports = (
        ValueReport.objects.visible_to(user)
        .submitted()
        .annotate(item=Value("report", output_field=CharField()), at=F("submitted_at"))
        .values_list("item", "pk", "at")
        .order_by()
    )
    return proposals, reports


@dataclass
class Queue:
    filter: QueueFilterForm
    page_obj: object
    items: list  # Proposal and ValueReport rows of the page, oldest first
    total: int


def review_queue(*, user, params, page: str | None) -> Queue:
    form = QueueFilterForm(params or None, user=user)
    proposals, reports = waiting_items(user)
    if form.is_valid():
        country, kind = form.cleaned_data.get("country"), form.cleaned_data.get("kind")
        if country:
            proposals, reports = proposals.filter(partner=country), reports.filter(partner=country)
        if kind == REPORT:
            proposals = proposals.none()
        elif kind:
            proposals, reports = proposals.filter(kind=kind), reports.none()
    rows = proposals.union(reports, all=True).order_by("at", "pk")
    page_obj = Paginator(rows, PAGE_SIZE).get_page(page)
    keys = list(page_obj.object_list)
    by_key = {}
    proposal_ids = [pk for item, pk, _at in keys if item == "proposal"]
    report_ids = [pk for item, pk, _at in keys if item == "report"]
    if proposal_ids:
        for proposal in (
            Proposal.objects.visible_to(user).filter(pk__in=proposal_ids).select_related("partner", "proposed_by")
        ):
            by_key[("proposal", proposal.pk)] = proposal
    if report_ids:
        for report in (
            ValueReport.objects.visible_to(user)
            .filter(pk__in=report_ids)
            .select_related("partner", "indicator", "reported_by")
        ):
            by_key[("report", report.pk)] = report
    items = [by_key[(item, pk)] for item, pk, _at in keys if (item, pk) in by_key]
    return Queue(filter=form, page_obj=page_obj, items=items, total=page_obj.paginator.count)


def waiting_count(user) -> int:
    proposals, reports = waiting_items(user)
    return proposals.count() + reports.count()


def last_committee_session(*, user, today: datetime.date) -> Meeting | None:
    return (
        Meeting.objects.visible_to(user)
        .filter(kind=MeetingKind.COMMITTEE, starts_on__lte=today)
        .order_by("-starts_on")
        .first()
    )


def unconfirmed_since(*, user, since: datetime.date, today: datetime.date) -> list[PartnerAdministration]:
    """The administrations in the programme whose page no delegate has confirmed since `since`."""
    return list(
        PartnerAdministration.objects.visible_to(user)
        .active_on(today)
        .annotate(last_confirmed=Max("confirmations__confirmed_on"))
        .filter(Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=since))
        .only("slug", "country_name")
        .order_by("country_name")
    )


def sent_by_administration(*, user, partner: PartnerAdministration, page: str | None):
    """Everything the administration's delegates sent, newest first, with its state: proposals and reports."""
    proposals = (
        Proposal.objects.visible_to(user)
        .filter(partner=partner)
        .annotate(item=Value("proposal", output_field=CharField()), at=F("created_at"))
        .values_list("item", "pk", "at")
        .order_by()
    )
    reports = (
        ValueReport.objects.visible_to(user)
        .filter(partner=partner)
        .annotate(item=Value("report", output_field=CharField()), at=F("created_at"))
        .values_list("item", "pk", "at")
        .order_by()
    )
    rows = proposals.union(reports, all=True).order_by("-at", "-pk")
    page_obj = Paginator(rows, PAGE_SIZE).get_page(page)
    keys = list(page_obj.object_list)
    proposal_ids = [pk for item, pk, _at in keys if item == "proposal"]
    report_ids = [pk for item, pk, _at in keys if item == "report"]
    by_key = {
        ("proposal", p.pk): p
        for p in Proposal.objects.visible_to(user).filter(pk__in=proposal_ids).select_related("decided_by")
    }
    by_key.update(
        {
            ("report", r.pk): r
            for r in ValueReport.objects.visible_to(user)
            .filter(pk__in=report_ids)
            .select_related("indicator", "decided_by")
        }
    )
    return page_obj, [by_key[(item, pk)] for item, pk, _at in keys if (item, pk) in by_key]


def latest_confirmation(partner: PartnerAdministration, user) -> PageConfirmation | None:
    return PageConfirmation.objects.visible_to(user).filter(partner=partner).select_related("confirmed_by").first()
