"""The programme dashboard (staff's home) and the donor view (a donor viewer's home).

Thin views: access check -> filters -> selectors -> render. Every figure is worked out in selectors.py (dashboard)
and donors.py (donor view) from querysets the access layer scoped to the user.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from acip.access import can_edit, require_staff
from acip.dashboards import selectors
from acip.dashboards.access import get_donor_for_user, home_donor_for_user
from acip.dashboards.donors import ACTIVITY_LIMIT, donor_list, donor_overview
from acip.dashboards.filters import ProgrammeFilter, options_from
from acip.exports import export_links, export_links_for
from partners.models import PartnerAdministration


@require_safe
def dashboard_home(request):
    user = request.user
    require_staff(user)
    today = timezone.localdate()
    filterset = ProgrammeFilter(request.GET or None, queryset=PartnerAdministration.objects.visible_to(user))
    if filterset.is_bound and not filterset.is_valid():
        messages.warning(request, _("Some filters were not understood and are not applied; see below."))
    options = options_from(request.GET)
    if not options.is_valid():
        messages.warning(request, _("Some display options were not understood; the defaults are used."))
    group, stale_days = options.values()
    partners = filterset.qs
    counts = selectors.status_counts(partners)
    by_region = selectors.partners_by_region(partners)
    by_cohort = selectors.partners_by_cohort(partners)
    by_donor = selectors.partners_by_donor(partners)
    timeline = selectors.status_over_time(partners, today=today)
    return render(
        request,
        "acip/dashboard.html",
        {
            "filter": filterset,
            "options": options,
            "is_filtered": filterset.is_filtered,
            "counts": counts,
            "by_region": by_region,
            "by_cohort": by_cohort,
            "by_donor": by_donor,
            "health": selectors.health_at_a_glance(partners, counts),
            "heatmap": selectors.heatmap(partners, user, group=group),
            "timeline": timeline,
            "overdue": selectors.overdue_commitments(partners, user, today=today),
            "meetings": selectors.upcoming_meetings(partners, user, today=today, is_filtered=filterset.is_filtered),
            "upcoming_days": selectors.UPCOMING_DAYS,
            "stale": selectors.stale_partners(partners, user, today=today, days=stale_days),
            "stale_days": stale_days,
            "charts": selectors.dashboard_charts(
                counts=counts, by_region=by_region, by_cohort=by_cohort, by_donor=by_donor, timeline=timeline
            ),
            "heatmap_export": export_links(request, "exports:heatmap"),
            "today": today,
        },
    )


@require_safe
def donor_home(request):
    """A donor viewer's own donor page; staff get the list of donors to choose from; anyone else 404."""
    donor = home_donor_for_user(request.user)
    if donor is None:
        return render(request, "acip/donor_list.html", {"donors": donor_list()})
    return _donor_page(request, donor)


@require_safe
def donor_detail(request, slug):
    return _donor_page(request, get_donor_for_user(request.user, slug))


def _donor_page(request, donor):
    overview = donor_overview(
        donor=donor, user=request.user, today=timezone.localdate(), indicator_page=request.GET.get("page")
    )
    return render(
        request,
        "acip/donor_detail.html",
        {
            "donor": donor,
            "overview": overview,
            "can_choose_donor": can_edit(request.user),
            "activity_limit": ACTIVITY_LIMIT,
            "exports": {
                "partners": export_links_for("exports:partners", urlencode({"donor": donor.pk})),
                "activities": export_links_for("exports:activities", urlencode({"funded_by": donor.slug})),
                "indicator_values": export_links_for("exports:indicator_values", urlencode({"funded_by": donor.slug})),
            },
        },
    )
