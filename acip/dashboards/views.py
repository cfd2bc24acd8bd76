"""The programme dashboard (staff's home) and the donor view (a donor viewer's home).

Thin views: access check -> filters -> selectors -> render. Every figure is worked out in selectors.py (dashboard)
and donors.py (donor view) from querysets the access layer scoped to the user.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from acip.access import can_edit, require_staff
from acip.dashboards import selectors
from acip.dashboards.access import get_donor_for_user, home_donor_for_user, require_results_reader
from acip.dashboards.donors import ACTIVITY_LIMIT, donor_list, donor_overview
from acip.dashboards.filters import ProgrammeFilter, options_from
from acip.dashboards.reports import ReportPeriodForm, donor_report, report_data_version
from acip.dashboards.reports_xlsx import report_filename, report_workbook
from acip.dashboards.results import programme_results
from acip.lib.exports import export_links_for
from acip.lib.pdf import render_pdf, unavailable_response
from acip.pdfs.models import PdfState
from acip.pdfs.services import donor_report_pdf_request
from acip.pdfs.views import pdf_file_response
from partners.models import PartnerAdministration
from partners.perceptions import DEFINITION


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
            "health": selectors.health_at_a_glance(partners, today=today, query=request.GET),
            "heatmap": selectors.heatmap(partners, user, group=group),
            "timeline": timeline,
            "overdue": selectors.overdue_commitments(partners, user, today=today),
            "meetings": selectors.upcoming_meetings(partners, user, today=today, is_filtered=filterset.is_filtered),
            "upcoming_days": selectors.UPCOMING_DAYS,
            "stale": selectors.stale_partners(partners, today=today, days=stale_days),
            "stale_days": stale_days,
            # The partner list shows every administration still in the programme, the oldest last event first: the
            # stale ones are its first rows.
            "stale_url": selectors.partner_list_url(request.GET, membership="current", sort="last_event"),
            "charts": selectors.dashboard_charts(
                counts=counts, by_region=by_region, by_cohort=by_cohort, by_donor=by_donor, timeline=timeline
            ),
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


@require_safe
def results(request):
    """The programme's own results: its indicators, and P-1 worked out from the survey rounds the user may read."""
    require_results_reader(request.user)
    results = programme_results(user=request.user)
    return render(
        request,
        "acip/results.html",
        {"results": results, "partner_page": results.partner_page(request.GET.get("page")), "definition": DEFINITION},
    )


def _report_request(request, slug):
    """The donor, the period form, and the period it asks for (None when the form has errors)."""
    donor = get_donor_for_user(request.user, slug)
    today = timezone.localdate()
    form = ReportPeriodForm(request.GET, donor=donor, today=today)
    period = form.period() if form.is_valid() else None
    return donor, form, period, today


def _report_page(request, donor, form, report, status=200):
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return render(
        request,
        "acip/donor_report.html",
        {
            "donor": donor,
            "form": form,
            # The agreements as a list: the select's loop over the field's choices would count them first.
            "agreement_choices": list(form.fields["agreement"].queryset),
            "report": report,
            "can_choose_donor": can_edit(request.user),
            "xlsx_url": reverse("donors:report_xlsx", args=[donor.slug]) + suffix,
            "pdf_url": reverse("donors:report_pdf", args=[donor.slug]) + suffix,
        },
        status=status,
    )


@require_safe
def donor_report_page(request, slug):
    """The donor report for a period: only the administrations the donor funds then, only what donors may read."""
    donor, form, period, today = _report_request(request, slug)
    if period is None:
        return _report_page(request, donor, form, None)
    report = donor_report(donor=donor, period=period, today=today, page=request.GET.get("page"))
    return _report_page(request, donor, form, report)


def _report_document(request, slug, make):
    """A document of the whole report (every administration, every activity) made by `make(donor, form, report)`;
    the page with the form's errors when the period asked for is not understood."""
    donor, form, period, today = _report_request(request, slug)
    if period is None:
        return _report_page(request, donor, form, None)
    return make(donor, form, donor_report(donor=donor, period=period, today=today, complete=True))


@require_safe
def donor_report_xlsx(request, slug):
    return _report_document(request, slug, lambda donor, form, report: report_workbook(report))


@require_safe
def donor_report_pdf(request, slug):
    """The whole report as a PDF, made by the task worker once per version of the records it reads: the stored file
    when it is ready (at once with the immediate backend), its progress page while it is being made."""
    donor, form, period, _today = _report_request(request, slug)
    if period is None:
        return _report_page(request, donor, form, None)
    unavailable = unavailable_response(request, reverse("donors:report", args=[donor.slug]))
    if unavailable is not None:
        return unavailable
    document = donor_report_pdf_request(
        donor=donor,
        query=form.period_query(),
        language=get_language(),
        data_version=report_data_version(),
        user=request.user,
    )
    if document.state == PdfState.DONE:
        return pdf_file_response(document)
    return redirect(document)


def donor_report_pdf_document(request, slug) -> tuple[bytes, str]:
    """The PDF of the whole report and its file name (run by acip/pdfs/tasks.py, for the user who asked)."""
    donor, form, period, today = _report_request(request, slug)
    if period is None:
        raise ValueError(form.errors.as_text())
    report = donor_report(donor=donor, period=period, today=today, complete=True)
    content = render_pdf(
        request,
        "acip/donor_report.html",
        {"donor": donor, "form": form, "report": report},
        tier_label=report.tier_label,
    )
    return content, report_filename(report)
