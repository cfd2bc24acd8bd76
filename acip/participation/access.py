"""Who may send what: a delegate, about their own administration only. Another administration's page, or a record
of it named in the URL or the form, answers 404 (as if missing); anyone else who may read the page (staff, a donor
viewer) gets 403 on these forms, since staff edit the records themselves."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from acip.access import get_visible_or_404
from acip.participation.kinds import KINDS
from acip.participation.models import ValueReport
from acip.roles import Role, membership_of
from partners.access import get_partner_for_user
from partners.models import Indicator, PartnerAdministration


def get_partner_for_delegate(user, slug: str) -> PartnerAdministration:
    partner = get_partner_for_user(user, slug)
    if membership_of(user).role != Role.DELEGATE:
        raise PermissionDenied
    return partner


def get_record_for_delegate(user, partner: PartnerAdministration, kind: str, pk: int):
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404
    return get_visible_or_404(spec.records(user, partner), user, pk=pk)


def get_indicator_for_delegate(user, partner: PartnerAdministration, pk: int) -> Indicator:
    return get_visible_or_404(
        Indicator.objects.select_related("outcome__plan"), user, pk=pk, outcome__plan__partner=partner
    )


def get_report_for_delegate(user, partner: PartnerAdministration, pk: int) -> ValueReport:
    return get_visible_or_404(ValueReport.objects.select_related("indicator"), user, pk=pk, partner=partner)
