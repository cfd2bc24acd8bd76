"""The API's rate limit: per token, or per user for a session, counted in a cache that every worker shares
(settings.API_THROTTLE_CACHE, the database cache by default), so that several workers do not each allow the rate.
Over it, DRF answers 429 with Retry-After."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from acip.api.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api"

    @property
    def cache(self):
        return caches[settings.API_THROTTLE_CACHE]

    def get_rate(self):
        # From settings at each request (DRF reads its rates once, at import), so that a deployment or a test
        # sets it like any other setting.
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None  # nobody to count: the permission check has answered 401 already
        return self.cache_format % {"scope": self.scope, "ident": ident}
