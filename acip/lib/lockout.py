"""The login lockout: django-axes' database handler with a failure limit for each of its lockout parameters."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS counts failures by username and address together, and by address alone; their limits
    are LOGIN_FAILURE_LIMITS, in the same order. Axes compares the largest count of all parameters with its one
    AXES_FAILURE_LIMIT, so get_failures scales each count to reach AXES_FAILURE_LIMIT exactly when it reaches its
    own limit: axes' comparisons (before a password is checked, and after a failure, to show the lockout page at
    once) then hold for each parameter with its own limit."""

    def failure_counts(self, request, credentials=None) -> list[int]:
        return [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]

    def locked_parameters(self, request, credentials=None) -> list:
        """The lockout parameters (of AXES_LOCKOUT_PARAMETERS) whose limit this request's client has reached."""
        counts = self.failure_counts(request, credentials)
        limits = settings.LOGIN_FAILURE_LIMITS
        return [
            parameter
            for parameter, count, limit in zip(settings.AXES_LOCKOUT_PARAMETERS, counts, limits, strict=True)
            if count >= limit
        ]

    def get_failures(self, request, credentials=None) -> int:
        scale = settings.AXES_FAILURE_LIMIT
        counts = self.failure_counts(request, credentials)
        return max(count * scale // limit for count, limit in zip(counts, settings.LOGIN_FAILURE_LIMITS, strict=True))

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A good password clears that account's failures from this address, and only those: axes would clear every
        # parameter's, and one login of an account of one's own would then reopen the address to more guesses.
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count
