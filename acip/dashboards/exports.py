"""The dashboard's own export: its heatmap, with the dashboard's filters and respondent group. The lists' exports
live with their apps (partners/exports.py, meetings/exports.py)."""

from django.utils.translation import gettext_lazy as _

from acip.access import require_staff
from acip.dashboards import selectors
from acip.dashboards.filters import ProgrammeFilter, options_from
from acip.lib.exports import Column, field
from partners.models import PartnerAdministration


def heatmap_export(request):
    """A staff page, a staff export."""
    user = request.user
    require_staff(user)
    partners = ProgrammeFilter(request.GET or None, queryset=PartnerAdministration.objects.visible_to(user)).qs
    group, _stale_days = options_from(request.GET).values()
    heatmap = selectors.heatmap(partners, user, group=group)
    columns = [
        field(_("Administration"), "partner.country_name"),
        field(_("Assessment"), "assessment.title"),
        Column(_("Kind"), lambda row: row.assessment.get_kind_display()),
        field(_("Started on"), "assessment.started_on"),
        Column(_("Respondents"), lambda row: heatmap.group_label),
    ]
    for index, factor in enumerate(heatmap.factors):
        columns.append(Column(str(factor), lambda row, index=index: row.cells[index].score))
    return columns, heatmap.rows


EXPORTS = {"heatmap": heatmap_export}
