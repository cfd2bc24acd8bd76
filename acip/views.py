"""Views that compose the apps: home and the programme overview. They sit on top of the house and may import
any app; the programme core's models never import them."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from acip.roles import ROLE_LABELS, Role, membership_of
from meetings.models import Meeting
from partners.models import PartnerAdministration, Stage


def home(request):
    membership = membership_of(request.user)
    if membership.role == Role.DELEGATE:
        # A delegate works on their own administration's status page.
        slug = PartnerAdministration.objects.filter(pk=membership.partner_id).values_list("slug", flat=True).first()
        if slug:
            return redirect("partners:detail", slug=slug)
    if membership.sees_everything:
        return redirect("dashboard:home")
    if membership.role == Role.DONOR:
        return redirect("donors:home")
    partners = PartnerAdministration.objects.visible_to(request.user)
    by_stage = dict(
        partners.with_current_status()
        .values_list("current_stage")
        .annotate(n=Count("pk"))
        .values_list("current_stage", "n")
    )
    stages = [(label, by_stage.get(value, 0)) for value, label in Stage.choices]
    next_meeting = (
        Meeting.objects.visible_to(request.user)
        .filter(ends_on__gte=timezone.localdate())
        .order_by("starts_on")
        .first()
    )
    return render(
        request,
        "acip/home.html",
        {
            "role_label": ROLE_LABELS[membership.role],
            "partner_count": sum(by_stage.values()),
            "no_status_count": by_stage.get(None, 0),
            "stages": stages,
            "next_meeting": next_meeting,
        },
    )


@login_not_required
@require_safe
def healthz(request):
    """Answer "ok" from this process without touching the database: a liveness probe, and the benchmark's
    baseline (what any page costs before its own work)."""
    return HttpResponse("ok", content_type="text/plain")
