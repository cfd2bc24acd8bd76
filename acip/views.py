"""Home, which sends each role to its place, and the liveness probe. Views that compose the apps sit on top of the
house and may import any app; the programme core's models never import them."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from acip.roles import Role, membership_of
from partners.models import PartnerAdministration


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
    # Logged in, but no administrator has given the account a role (or linked it to an administration or donor).
    return render(request, "acip/home.html", status=403)


@login_not_required
@require_safe
def healthz(request):
    """Answer "ok" from this process without touching the database: a liveness probe, and the benchmark's
    baseline (what any page costs before its own work)."""
    return HttpResponse("ok", content_type="text/plain")
