"""A delegate's confirmation, proposals and reported values, and staff's review queue.

Thin views: access helper (404 for another administration or a record of it, 403 for a role that does not send
these) -> form -> service -> redirect with a message.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from acip.access import require_staff
from acip.documents.selectors import DELEGATION_DAYS, DELEGATION_SHOWN, delegation_uploads
from acip.lib.forms import bound_data, run_service
from acip.participation.access import (
    get_indicator_for_delegate,
    get_partner_for_delegate,
    get_record_for_delegate,
    get_report_for_delegate,
)
from acip.participation.forms import (
    ConfirmationForm,
    DecisionForm,
    OwnContactForm,
    ProposalForm,
    ValueReportForm,
)
from acip.participation.kinds import KINDS
from acip.participation.models import ProposalKind
from acip.participation.selectors import (
    last_committee_session,
    review_queue,
    sent_by_administration,
    unconfirmed_since,
)
from acip.participation.services import (
    AlreadyDecided,
    page_confirm,
    proposal_decide,
    proposals_create,
    report_decide,
    report_save,
)
from acip.roles import Role, membership_of
from partners.models import Contact, PartnerAdministration
from partners.services import contact_save

SUBMIT = "submit"


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, slug):
    partner = get_partner_for_delegate(request.user, slug)
    form = ConfirmationForm(bound_data(request), initial={"confirmed_on": timezone.localdate()})
    if form.is_bound and form.is_valid():
        saved = run_service(form, lambda: page_confirm(partner=partner, user=request.user, **form.cleaned_data))
        if saved:
            messages.success(request, _("Thank you: the page now shows that you confirmed it."))
            return redirect(partner.get_absolute_url())
    return render(request, "participation/pageconfirmation_form.html", {"partner": partner, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request, slug, kind, pk):
    partner = get_partner_for_delegate(request.user, slug)
    record = get_record_for_delegate(request.user, partner, kind, pk)
    spec = KINDS[kind]
    form = ProposalForm(bound_data(request), kind=spec, record=record)
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: proposals_create(
                partner=partner,
                kind=kind,
                record=record,
                values=form.changes(),
                comment=form.cleaned_data["comment"],
                user=request.user,
            ),
        )
        if saved:
            messages.success(request, _("Your proposal is sent: the programme team will review it."))
            return redirect("participation:sent", slug=partner.slug)
    return render(
        request,
        "participation/proposal_form.html",
        {"partner": partner, "form": form, "record": record, "kind_label": ProposalKind(kind).label},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report_create(request, slug, indicator_pk):
    partner = get_partner_for_delegate(request.user, slug)
    indicator = get_indicator_for_delegate(request.user, partner, indicator_pk)
    return _report_form(request, partner, indicator, None)


@require_http_methods(["GET", "HEAD", "POST"])
def report_update(request, slug, pk):
    partner = get_partner_for_delegate(request.user, slug)
    report = get_report_for_delegate(request.user, partner, pk)
    return _report_form(request, partner, report.indicator, report)


def _report_form(request, partner, indicator, report):
    editable = report is None or report.is_editable
    initial = {} if report else {"period": timezone.localdate().year - 1}
    form = ValueReportForm(bound_data(request) if editable else None, instance=report, initial=initial)
    if form.is_bound and form.is_valid():
        submit = SUBMIT in request.POST
        saved = run_service(
            form,
            lambda: report_save(
                partner=partner,
                indicator=indicator,
                report=report,
                data=form.cleaned_data,
                user=request.user,
                submit=submit,
            ),
        )
        if saved:
            messages.success(
                request,
                _("Your value is submitted: the programme team will review it.")
                if submit
                else _("Your draft is saved. Submit it when it is ready."),
            )
            return redirect("participation:sent", slug=partner.slug)
    return render(
        request,
        "participation/valuereport_form.html",
        {"partner": partner, "form": form, "indicator": indicator, "report": report, "editable": editable},
    )


@require_safe
def sent(request, slug):
    partner = get_partner_for_delegate(request.user, slug)
    page_obj, items = sent_by_administration(user=request.user, partner=partner, page=request.GET.get("page"))
    return render(request, "participation/sent_list.html", {"partner": partner, "page_obj": page_obj, "items": items})


@require_safe
def queue(request):
    require_staff(request.user)
    today = timezone.localdate()
    session = last_committee_session(user=request.user, today=today)
    return render(
        request,
        "participation/review_queue.html",
        {
            "queue": review_queue(user=request.user, params=request.GET, page=request.GET.get("page")),
            "decision_form": DecisionForm(user=request.user),
            "session": session,
            "unconfirmed": unconfirmed_since(user=request.user, since=session.starts_on, today=today)
            if session
            else [],
            "uploads": delegation_uploads(request.user, today=today),
            "upload_days": DELEGATION_DAYS,
            "upload_shown": DELEGATION_SHOWN,
        },
    )


@require_POST
def decide(request):
    require_staff(request.user)
    form = DecisionForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("participation:queue")
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"].strip()
    done = 0
    items = [(proposal_decide, "proposal", p) for p in form.cleaned_data["proposals"]]
    items += [(report_decide, "report", r) for r in form.cleaned_data["reports"]]
    for decide_one, name, item in items:
        try:
            decide_one(**{name: item}, decision=decision, comment=comment, user=request.user)
            done += 1
        except AlreadyDecided as taken:
            decided = taken.item
            who = decided.decided_by.get_full_name() or decided.decided_by.get_username() if decided.decided_by else ""
            messages.warning(
                request,
                _("“%(item)s” was already decided by %(who)s (%(state)s): your decision was not applied.")
                % {"item": decided, "who": who, "state": decided.get_state_display()},
            )
        except ValidationError as refused:
            messages.error(request, f"“{item}”: {' '.join(refused.messages)}")
    if done:
        messages.success(
            request, ngettext("%(count)d item decided.", "%(count)d items decided.", done) % {"count": done}
        )
    # Back to the queue as it was filtered; only the filter's own values are carried over.
    filters = {name: request.POST[name] for name in ("country", "kind") if request.POST.get(name)}
    return redirect(reverse("participation:queue") + (f"?{urlencode(filters)}" if filters else ""))


@require_http_methods(["GET", "HEAD", "POST"])
def own_contact(request):
    membership = membership_of(request.user)
    if membership.role != Role.DELEGATE:
        raise PermissionDenied
    partner = PartnerAdministration.objects.visible_to(request.user).get(pk=membership.partner_id)
    contact = Contact.objects.visible_to(request.user).filter(user=request.user, partner=partner).first()
    form = OwnContactForm(
        bound_data(request),
        instance=contact or Contact(partner=partner, user=request.user),
        initial={} if contact else {"name": request.user.get_full_name(), "email": request.user.email},
    )
    if form.is_bound and form.is_valid():
        saved = run_service(
            form,
            lambda: contact_save(partner=partner, contact=contact, data=form.cleaned_data, account=request.user),
        )
        if saved:
            messages.success(request, _("Your details are saved."))
            return redirect("participation:contact")
    return render(
        request,
        "participation/contact_form.html",
        {"partner": partner, "form": form, "reminders_url": reverse("reminders:preferences")},
    )
