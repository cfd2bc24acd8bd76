"""Request throttles that every worker shares, and the visitor's address that they and the login lockout count by."""

import ipaddress
from hashlib import sha256

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address: REMOTE_ADDR, or behind our proxy (DJANGO_BEHIND_PROXY) the last address of
    X-Forwarded-For, the one that proxy added; the addresses before it are the client's own to forge. Also what
    django-axes counts by (AXES_CLIENT_IP_CALLABLE): behind a proxy, REMOTE_ADDR is the proxy, the same for all."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR") or None


def throttle_hit(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one request for `key` (an address, an IP) in `scope`: False, and nothing counted, when `limit` requests
    were counted in the last `period` seconds.

    Each request takes one of `limit` slots with `cache.add`, which only one caller can win in a shared cache (a
    unique key in the database cache, an atomic add in Redis or memcached), so concurrent workers cannot both take
    the last slot; a slot frees itself `period` seconds after it was taken. Keys are hashed: no address is stored.
    """
    cache = caches[settings.THROTTLE_CACHE]
    slots = throttle_slots(scope, key, limit)
    taken = cache.get_many(slots)  # one read, so that a throttled caller costs one query, not `limit`
    return any(cache.add(slot, 1, timeout=period) for slot in slots if slot not in taken)


def throttle_slots(scope: str, key: str, limit: int) -> list[str]:
    digest = sha256(f"{scope}\0{key}".encode()).hexdigest()
    return [f"throttle:{digest}:{slot}" for slot in range(limit)]
