"""The partner list, the country status page, and the staff forms that keep a country's programme up to date.

Thin views: access helper (404 for hidden, 403 for a write by a reader) -> form -> service -> redirect back to the
status page with a message. The reads that compose the status page live in partners/selectors.py.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from acip.access import can_edit
from acip.documents.access import uploads_to
from acip.documents.forms import AttachmentForm
from acip.documents.selectors import attach_targets, partner_attachments
from acip.lib.forms import bound_data, run_service
from acip.models import IntegrityFactor
from acip.roles import Role, membership_of
from partners.access import (
    get_activity_for_user,
    get_assessment_for_user,
    get_indicator_for_user,
    get_indicator_value_for_user,
    get_outcome_for_user,
    get_partner_for_user,
    get_plan_for_user,
)
from partners.forms import (
    ActivityForm,
    AssessmentForm,
    CountryPlanForm,
    FactorScoreFormSet,
    FocalPointForm,
    IndicatorForm,
    IndicatorValueForm,
    OutcomeForm,
    StatusChangeForm,
)
from partners.indicators import RULE
from partners.models import (
    Activity,
    Assessment,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    PartnerAdministration,
)
from partners.selectors import INDICATOR_YEARS, label_current_status, partner_rows, partner_status_page
from partners.services import (
    activity_save,
    assessment_record,
    indicator_save,
    indicator_value_save,
    outcome_save,
    partner_focal_point_save,
    plan_save,
    status_change_record,
)

PAGE_SIZE = 25


@require_safe
def partner_list(request):
    if membership_of(request.user).role == Role.DELEGATE:
        # A delegate belongs to one administration: the list would only ever show their own, so go there.
        slug = PartnerAdministration.objects.visible_to(request.user).values_list("slug", flat=True).first()
        if slug:
            return redirect("partners:detail", slug=slug)
    filterset = partner_rows(request)
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/partner_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "partners": label_current_status(page_obj.object_list),
            "is_filtered": any(value for key, value in request.GET.items() if key not in ("page", "sort")),
            "sort": filterset.sort_key,
        },
    )


@require_safe
def partner_detail(request, slug):
    partner = get_partner_for_user(request.user, slug)
    editable = can_edit(request.user)
    uploads = uploads_to(request.user, "partner")
    page = partner_status_page(partner=partner, user=request.user, today=timezone.localdate(), with_history=editable)
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "page": page,
            "can_edit": editable,
            "indicator_rule": RULE,
            "indicator_years": INDICATOR_YEARS,
            # A delegate is told what the page is and may confirm it and propose corrections (acip.participation).
            "is_delegate": membership_of(request.user).role == Role.DELEGATE,
            # A delegate's list is their own page: no breadcrumb back to it.
            "show_list_link": membership_of(request.user).role != Role.DELEGATE,
            "attachments": partner_attachments(partner, request.user),
            "attachment_form": AttachmentForm(user=request.user) if uploads else None,
            "attach_targets": attach_targets(page) if uploads else [],
            "can_upload": uploads,
        },
    )


def _done(request, partner, message: str, anchor: str):
    messages.success(request, message)
    return redirect(f"{partner.get_absolute_url()}#{anchor}")


def _form_page(request, template: str, partner, form, **context):
    return render(request, template, {"partner": partner, "form": form, **context})


@require_http_methods(["GET", "POST"])
def focal_point_update(request, slug):
    partner = get_partner_for_user(request.user, slug, write=True)
    form = FocalPointForm(bound_data(request), instance=partner)
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["focal_point"]
        if run_service(form, lambda: partner_focal_point_save(partner=partner, data=form.cleaned_data)):
            message = (
                _("%(person)s is now the focal point for %(partner)s.")
                % {"person": chosen.get_full_name() or chosen.get_username(), "partner": partner}
                if chosen
                else _("%(partner)s has no focal point now.") % {"partner": partner}
            )
            return _done(request, partner, message, "focal-point")
    return _form_page(request, "partners/partner_focal_point_form.html", partner, form)


@require_http_methods(["GET", "POST"])
def status_create(request, slug):
    partner = get_partner_for_user(request.user, slug, write=True)
    form = StatusChangeForm(bound_data(request), current=partner.status_changes.first())
    if form.is_bound and form.is_valid():
        saved = run_service(
            form, lambda: status_change_record(partner=partner, recorded_by=request.user, **form.cleaned_data)
        )
        if saved:
            return _done(
                request, partner, _("The new status of %(partner)s is recorded.") % {"partner": partner}, "status"
            )
    return _form_page(request, "partners/statuschange_form.html", partner, form)


@require_http_methods(["GET", "POST"])
def plan_create(request, slug):
    partner = get_partner_for_user(request.user, slug, write=True)
    return _plan_form(request, partner, None)


@require_http_methods(["GET", "POST"])
def plan_update(request, slug, pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    plan = get_plan_for_user(request.user, pk, partner=partner, write=True)
    return _plan_form(request, partner, plan)


def _plan_form(request, partner, plan: CountryPlan | None):
    form = CountryPlanForm(bound_data(request), instance=plan or CountryPlan(partner=partner), partner=partner)
    if form.is_bound and form.is_valid():
        saved = run_service(
            form, lambda: plan_save(partner=partner, plan=plan, data=form.cleaned_data, reason=form.reason)
        )
        if saved:
            return _done(request, partner, _("The country plan is saved."), "plan")
    return _form_page(request, "partners/countryplan_form.html", partner, form, plan=plan)


@require_http_methods(["GET", "POST"])
def outcome_create(request, slug, plan_pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    plan = get_plan_for_user(request.user, plan_pk, partner=partner, write=True)
    return _outcome_form(request, partner, plan, None)


@require_http_methods(["GET", "POST"])
def outcome_update(request, slug, pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    outcome = get_outcome_for_user(request.user, pk, partner=partner, write=True)
    return _outcome_form(request, partner, outcome.plan, outcome)


def _outcome_form(request, partner, plan: CountryPlan, outcome: Outcome | None):
    form = OutcomeForm(bound_data(request), instance=outcome or Outcome(plan=plan))
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: outcome_save(
                plan=plan,
                outcome=outcome,
                data=form.cleaned_data,
                factors=form.cleaned_data["factors"],
                reason=form.reason,
            ),
        )
        if saved:
            return _done(request, partner, _("The outcome is saved."), "plan")
    return _form_page(request, "partners/outcome_form.html", partner, form, plan=plan, outcome=outcome)


@require_http_methods(["GET", "POST"])
def indicator_create(request, slug, outcome_pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    outcome = get_outcome_for_user(request.user, outcome_pk, partner=partner, write=True)
    return _indicator_form(request, partner, outcome, None)


@require_http_methods(["GET", "POST"])
def indicator_update(request, slug, pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    indicator = get_indicator_for_user(request.user, pk, partner=partner, write=True)
    return _indicator_form(request, partner, indicator.outcome, indicator)


def _indicator_form(request, partner, outcome: Outcome, indicator: Indicator | None):
    form = IndicatorForm(bound_data(request), instance=indicator or Indicator(outcome=outcome))
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: indicator_save(outcome=outcome, indicator=indicator, data=form.cleaned_data, reason=form.reason),
        )
        if saved:
            return _done(request, partner, _("The indicator is saved."), f"indicator-{saved.pk}")
    return _form_page(request, "partners/indicator_form.html", partner, form, outcome=outcome, indicator=indicator)


@require_http_methods(["GET", "POST"])
def value_create(request, slug, indicator_pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    indicator = get_indicator_for_user(request.user, indicator_pk, partner=partner, write=True)
    return _value_form(request, partner, indicator, None)


@require_http_methods(["GET", "POST"])
def value_update(request, slug, pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    value = get_indicator_value_for_user(request.user, pk, partner=partner, write=True)
    return _value_form(request, partner, value.indicator, value)


def _value_form(request, partner, indicator: Indicator, value: IndicatorValue | None):
    form = IndicatorValueForm(
        bound_data(request), instance=value or IndicatorValue(indicator=indicator), indicator=indicator
    )
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: indicator_value_save(indicator=indicator, value=value, data=form.cleaned_data, reason=form.reason),
        )
        if saved:
            message = _("The %(year)s figures of “%(indicator)s” are saved.") % {
                "year": saved.period,
                "indicator": indicator.name,
            }
            return _done(request, partner, message, f"indicator-{indicator.pk}")
    return _form_page(request, "partners/indicatorvalue_form.html", partner, form, indicator=indicator, value=value)


@require_http_methods(["GET", "POST"])
def assessment_create(request, slug):
    partner = get_partner_for_user(request.user, slug, write=True)
    return _assessment_form(request, partner, None)


@require_http_methods(["GET", "POST"])
def assessment_update(request, slug, pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    assessment = get_assessment_for_user(request.user, pk, partner=partner, write=True)
    return _assessment_form(request, partner, assessment)


def _assessment_form(request, partner, assessment: Assessment | None):
    factors = list(IntegrityFactor.objects.order_by("number"))
    data = bound_data(request)
    form = AssessmentForm(data, instance=assessment or Assessment(partner=partner))
    formset = FactorScoreFormSet(
        data, prefix="scores", factors=factors, initial=FactorScoreFormSet.initial_for(factors, assessment)
    )
    # Both are validated, so that every mistake on the screen is shown at once.
    if form.is_bound and all([form.is_valid(), formset.is_valid()]):
        saved = run_service(
            form,
            lambda: assessment_record(
                partner=partner,
                assessment=assessment,
                data=form.cleaned_data,
                scores=formset.scores(),
                reason=form.reason,
            ),
        )
        if saved:
            return _done(
                request, partner, _("The assessment “%(title)s” is saved.") % {"title": saved.title}, "profile"
            )
    return _form_page(request, "partners/assessment_form.html", partner, form, formset=formset, assessment=assessment)


@require_http_methods(["GET", "POST"])
def activity_create(request, slug):
    partner = get_partner_for_user(request.user, slug, write=True)
    return _activity_form(request, partner, None)


@require_http_methods(["GET", "POST"])
def activity_update(request, slug, pk):
    partner = get_partner_for_user(request.user, slug, write=True)
    activity = get_activity_for_user(request.user, pk, partner=partner, write=True)
    return _activity_form(request, partner, activity)


def _activity_form(request, partner, activity: Activity | None):
    form = ActivityForm(bound_data(request), instance=activity or Activity(partner=partner), partner=partner)
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: activity_save(partner=partner, activity=activity, data=form.cleaned_data, reason=form.reason),
        )
        if saved:
            return _done(
                request, partner, _("The activity “%(title)s” is saved.") % {"title": saved.title}, "activities"
            )
    return _form_page(request, "partners/activity_form.html", partner, form, activity=activity)
