import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from acip.roles import GROUP_DELEGATES, GROUP_DONORS, GROUP_STAFF
from tests.acip.factories import UserFactory

pytestmark = pytest.mark.django_db
BASE_DIR = Path(django_settings.BASE_DIR)
PASSWORD = "correct horse battery staple"


def test_check_deploy_with_production_settings_prints_no_warning():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "PYTEST_CURRENT_TEST"}
    }
    env.update(
        DJANGO_SECRET_KEY="x" * 20 + "a-long-and-random-production-secret-key-0123456789",
        DJANGO_ALLOWED_HOSTS="acip.example.org",
        DJANGO_TESTING="false",
        DJANGO_DEBUG="false",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(DJANGO_TESTING="false", DJANGO_DEBUG="false")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_role_groups_are_created_by_migration():
    names = set(Group.objects.values_list("name", flat=True))
    assert {GROUP_STAFF, GROUP_DELEGATES, GROUP_DONORS} <= names
    staff = Group.objects.get(name=GROUP_STAFF)
    assert staff.permissions.filter(codename="change_partneradministration").exists()
    assert not staff.permissions.filter(codename__startswith="delete_").exists()
    assert not staff.permissions.filter(codename="change_integrityfactor").exists()


def test_a_wrong_password_shows_an_error_and_logs_nobody_in(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="bob", password=PASSWORD)
    response = client.post(reverse("login"), {"username": "bob", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_logs_in(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="carol", password=PASSWORD)
    response = client.post(reverse("login"), {"username": "carol", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_password_reset_sends_a_link_by_email(client):
    UserFactory(username="dora", email="dora@example.org")
    response = client.post(reverse("password_reset"), {"email": "dora@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("name", ["login", "password_reset", "password_reset_done", "password_reset_complete"])
def test_login_and_password_reset_pages_are_open(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_pages_carry_the_security_headers(admin_client):
    response = admin_client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_passwords_must_be_strong():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password1")
    with pytest.raises(ValidationError):
        validate_password("short")


def test_sessions_expire():
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert django_settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_every_form_page_carries_a_csrf_token(admin_client):
    # Home sends an administrator on to the dashboard: the page that arrives carries the logout form.
    assert "csrfmiddlewaretoken" in admin_client.get(reverse("home"), follow=True).content.decode()


@pytest.mark.parametrize("name", ["login", "admin:login"])
@pytest.mark.parametrize("length", [151, 300, 100_000])
def test_an_over_long_username_gets_a_message_at_the_field_and_stores_nothing(client, settings, name, length):
    """django-axes stores the username of a failed login in a varchar(255): a longer one was a 500 on PostgreSQL."""
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    response = client.post(reverse(name), {"username": "u" * length, "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        f"Ensure this value has at most 150 characters (it has {length})."
    ]
    assert not AccessAttempt.objects.exists()


def test_a_username_of_the_longest_allowed_length_is_counted_as_a_failure(client, settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    response = client.post(reverse("login"), {"username": "u" * 150, "password": "wrong"})
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "u" * 150


def test_an_over_long_reset_address_gets_a_message_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "a" * 300 + "@example.org"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


@pytest.mark.parametrize("data", [{"language": "x" * 10_000}, {"language": "fr", "next": "/" + "x" * 10_000}])
def test_the_language_switch_takes_junk_without_an_error(client, data):
    response = client.post(reverse("set_language"), data)
    assert response.status_code == 302
    cookie = response.cookies.get(django_settings.LANGUAGE_COOKIE_NAME)
    assert cookie is None or cookie.value in dict(django_settings.LANGUAGES)


def test_a_failed_login_with_long_headers_and_query_string_is_recorded_without_an_error(client, settings):
    """django-axes stores the query string, user agent and Accept header of a failed login, in columns of fixed
    length for the last two: it cuts them to fit, which this checks on the database the suite runs on."""
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    response = client.post(
        reverse("login") + "?next=/" + "x" * 10_000 + "&junk=%00",
        {"username": "bob", "password": "wrong"},
        HTTP_USER_AGENT="agent " * 1000,
        HTTP_ACCEPT="text/html;" * 1000,
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "bob"
