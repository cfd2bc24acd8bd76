import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_login_lockout(settings):
    """django-axes needs the request on every authenticate() call, which Client.login() does not pass. Tests of
    the lockout itself switch it back on."""
    settings.AXES_ENABLED = False
