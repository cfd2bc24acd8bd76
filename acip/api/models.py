"""Personal API tokens: a user's keys to the read-only API (/api/v1/), which they create and revoke themselves; and
a user's calendar feed, a secret address that a calendar app reads, which is a key of the same making.

Only a hash of a key is stored (sha256: a key is 32 random bytes, so a slow password hash would add nothing but
time to every request); the key is shown once, when it is made. Its first characters (`prefix`) are kept in clear
so that the settings page can tell the tokens apart.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acip.models import TimeStampedModel

#: How a key starts: says what it is to whoever finds one (a log, a leaked script) and to secret scanners.
KEY_PREFIX = "acip_"
#: How many characters of a key (after KEY_PREFIX) the settings page shows.
PREFIX_LENGTH = 8


#: How a calendar feed's key starts (it is the secret part of the feed's address).
FEED_KEY_PREFIX = "acipcal_"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_new(prefix: str) -> tuple[str, str]:
    """A new random key (32 bytes, URL-safe) that starts with `prefix`, and the start of it that may be shown."""
    key = prefix + secrets.token_urlsafe(32)
    return key, key[: len(prefix) + PREFIX_LENGTH]


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, for example a dashboard."))
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH + len(KEY_PREFIX))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class CalendarFeed(TimeStampedModel):
    """A user's calendar feed: the meetings and activities that the user may see, read by a calendar app from a
    secret address. The app cannot log in, so the address's key stands for the user; only its hash is stored, and
    a user has at most one feed in use (revoking it makes its address answer 404)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds", verbose_name=_("user")
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH + len(FEED_KEY_PREFIX))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last read at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(revoked_at__isnull=True), name="calendar_feed_one_in_use_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.prefix}…)"
