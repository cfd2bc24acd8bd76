"""Writes of the API's own records: a user's tokens and calendar feed, made and revoked by their owner."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from acip.api.models import FEED_KEY_PREFIX, KEY_PREFIX, ApiToken, CalendarFeed, key_hash, key_new

#: last_used_at is written at most this often per token, so that a busy integration does not write every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def token_create(*, user, name: str, expires_on: datetime.date) -> tuple[ApiToken, str]:
    """A new token for `user`, valid to the end of `expires_on` (the site's time zone), and its key: the only time
    the key exists outside its owner's hands. Only its hash is stored."""
    key, prefix = key_new(KEY_PREFIX)
    end_of_day = datetime.datetime.combine(expires_on + datetime.timedelta(days=1), datetime.time.min)
    token = ApiToken(
        user=user,
        name=name,
        prefix=prefix,
        key_hash=key_hash(key),
        expires_at=timezone.make_aware(end_of_day),
    )
    token.full_clean()
    token.save()
    return token, key


def token_revoke(*, token: ApiToken | CalendarFeed) -> bool:
    """Revoke the token (or calendar feed) now; False (and nothing written) when it was revoked already."""
    with transaction.atomic():
        return bool(
            type(token)
            .objects.filter(pk=token.pk, revoked_at__isnull=True)
            .update(revoked_at=timezone.now(), updated_at=timezone.now())
        )


def token_touch(*, token: ApiToken | CalendarFeed, now: datetime.datetime) -> None:
    """Note that the token (or calendar feed) was used, unless that was noted less than LAST_USED_PRECISION ago:
    one UPDATE a minute at most, however many requests (and none that races with another worker's, thanks to the
    filter)."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    type(token).objects.filter(pk=token.pk).exclude(last_used_at__gt=now - LAST_USED_PRECISION).update(
        last_used_at=now
    )
    token.last_used_at = now


def feed_create(*, user) -> tuple[CalendarFeed, str]:
    """A new calendar feed for `user`, and its key: the only time the key exists outside its owner's hands. The
    feed the user had in use, if any, is revoked in the same transaction, so that its address stops answering."""
    key, prefix = key_new(FEED_KEY_PREFIX)
    with transaction.atomic():
        # The lock makes two clicks at once end with one feed in use, not an IntegrityError.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        now = timezone.now()
        CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now, updated_at=now)
        feed = CalendarFeed(user=user, prefix=prefix, key_hash=key_hash(key))
        feed.full_clean()
        feed.save()
    return feed, key
