import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_login_lockout(settings):
    """django-axes needs the request on every authenticate() call, which Client.login() does not pass. Tests of
    the lockout itself switch it back on."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _documents_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploaded documents go to a folder of the test run's own, never to the working tree's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _english_afterwards():
    """LocaleMiddleware leaves the last request's language active in the thread: give the next test English,
    whatever language the last one asked for."""
    yield
    translation.deactivate()
