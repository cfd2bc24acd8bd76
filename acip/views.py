"""Home, which sends each role to its place, "My work", the liveness probe, and the login lockout and password
reset. Views that compose the apps sit on top of the house and may import any app; the programme core's models never
import them."""

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from acip.dashboards.mywork import DUE_SOON_DAYS, NEXT_MEETING_DAYS, has_my_work, my_work
from acip.forms import PasswordResetForm
from acip.lib.throttle import client_ip
from acip.roles import Role, membership_of


def home(request):
    """Staff and delegates start on "My work" (what needs them now, then links onward to the dashboard or their
    country's page); a donor viewer on the donor view."""
    membership = membership_of(request.user)
    if has_my_work(request.user):
        return redirect("my_work")
    if membership.role == Role.DONOR:
        return redirect("donors:home")
    # Logged in, but no administrator has given the account a role (or linked it to an administration or donor).
    return render(request, "acip/home.html", status=403)


@require_safe
def my_work_page(request):
    if not has_my_work(request.user):
        raise PermissionDenied
    return render(
        request,
        "acip/my_work.html",
        {
            "work": my_work(request.user, today=timezone.localdate()),
            "due_soon_days": DUE_SOON_DAYS,
            "next_days": NEXT_MEETING_DAYS,
        },
    )


@login_not_required
@require_safe
def healthz(request):
    """Answer "ok" from this process without touching the database: a liveness probe, and the benchmark's
    baseline (what any page costs before its own work)."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """The 500 page (handler500), in the site's layout and the visitor's language (LocaleMiddleware has chosen it).
    No context processors: they read the session, the user and their role from the database, which may be what
    failed. The page shows the navigation of a visitor who is not logged in, with a working language switch."""
    context = {"request": request, "csrf_token": get_token(request)}
    response = HttpResponseServerError(render_to_string("500.html", context))
    add_never_cache_headers(response)
    return response


def locked_out(request, response=None, credentials=None):
    """The lockout page (AXES_LOCKOUT_CALLABLE): it says whether this account is locked from this address or the
    address itself, after wrong passwords for many accounts; a password reset lifts only the first."""
    locked = AxesProxyHandler.get_implementation().locked_parameters(request, credentials)
    context = {"address_locked": "ip_address" in locked, "hours": settings.AXES_COOLOFF_TIME}
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client_ip": client_ip(self.request)}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.is_throttled:
            response.status_code = 429
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # The wrong passwords were guesses at the old password: with a new one, this account may log in again from
        # every address at once. An address locked for guessing at many accounts stays locked (LockoutHandler).
        axes_reset(username=self.user.get_username())
        return response
