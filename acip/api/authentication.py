"""Personal API tokens, sent as `Authorization: Bearer <key>` (or `Token <key>`): a revoked, expired or unknown key
answers 401, as does a token whose user may no longer log in."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from acip.api.models import ApiToken, key_hash
from acip.api.services import token_touch

SCHEMES = (b"bearer", b"token")


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in SCHEMES:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token in the header Authorization, after the word Bearer and a space.")
            )
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        now = timezone.now()
        token = ApiToken.objects.select_related("user").filter(key_hash=key_hash(key)).first()
        if token is None or token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
            # One message for all four: a caller learns nothing about keys that are not theirs.
            raise exceptions.AuthenticationFailed(_("This token is not valid, or it has been revoked or has expired."))
        token_touch(token=token, now=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
