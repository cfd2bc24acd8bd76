"""The login lockout (django-axes with acip/lib/lockout.py): wrong passwords lock an account out from the address
they came from and no other, an address that guesses at many accounts is throttled as a whole, and a locked-out
person can still reset their password and then log in."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from acip.lib.throttle import client_ip
from tests.acip.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


@pytest.fixture(autouse=True)
def _lockout_on(settings):
    settings.AXES_ENABLED = True


def login(client, username, password, address, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def fail(client, username, address, times, **extra):
    for _ in range(times):
        response = login(client, username, "wrong", address, **extra)
    return response


def test_wrong_passwords_lock_the_account_out_from_their_address(client):
    UserFactory(username="alice", password=PASSWORD)
    response = fail(client, "alice", ATTACKER, 10)
    assert response.status_code == 429
    assert "This account is locked for now" in response.content.decode()

    response = login(client, "alice", PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_do_not_lock(client):
    UserFactory(username="alice", password=PASSWORD)
    fail(client, "alice", ATTACKER, 9)
    assert login(client, "alice", PASSWORD, ATTACKER).status_code == 302


def test_nobody_can_lock_someone_else_out_from_their_own_address(client):
    UserFactory(username="alice", password=PASSWORD)
    for _ in range(3):  # again and again: the lockout never reaches the owner's address
        fail(client, "alice", ATTACKER, 12)

    response = login(client, "alice", PASSWORD, OWNER)

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_rotating_the_user_agent_does_not_reset_the_count(client):
    UserFactory(username="alice", password=PASSWORD)
    for number in range(10):
        response = login(client, "alice", "wrong", ATTACKER, HTTP_USER_AGENT=f"agent {number}")
    assert response.status_code == 429


def test_an_address_guessing_at_many_accounts_is_throttled(client, settings):
    settings.LOGIN_FAILURE_LIMITS = [10, 20]
    UserFactory(username="dora", password=PASSWORD)
    for number in range(19):  # 19 accounts, one guess each: no account comes near its own limit
        assert login(client, f"user{number}", "wrong", ATTACKER).status_code == 200

    response = login(client, "user19", "wrong", ATTACKER)

    assert response.status_code == 429
    assert "Logging in from your connection is paused" in response.content.decode()
    # Even a right password is refused from that address, and answered from any other.
    assert login(client, "dora", PASSWORD, ATTACKER).status_code == 429
    assert login(client, "dora", PASSWORD, OWNER).status_code == 302


def test_a_good_login_does_not_reopen_the_address_to_more_guesses(client, settings):
    settings.LOGIN_FAILURE_LIMITS = [10, 20]
    UserFactory(username="mallory", password=PASSWORD)
    for number in range(19):
        login(client, f"user{number}", "wrong", ATTACKER)

    assert login(client, "mallory", PASSWORD, ATTACKER).status_code == 302
    client.logout()

    assert login(client, "user19", "wrong", ATTACKER).status_code == 429


def test_a_good_login_clears_that_accounts_own_failures(client):
    UserFactory(username="alice", password=PASSWORD)
    fail(client, "alice", OWNER, 9)
    assert login(client, "alice", PASSWORD, OWNER).status_code == 302
    client.logout()
    fail(client, "alice", OWNER, 9)
    assert login(client, "alice", PASSWORD, OWNER).status_code == 302


def test_the_lockout_page_offers_a_password_reset(client):
    UserFactory(username="alice", password=PASSWORD)
    body = fail(client, "alice", ATTACKER, 10).content.decode()
    assert reverse("password_reset") in body
    assert "You can still reset your password now" in body
    assert 'href="#main"' in body  # in the site's layout


def _reset_password(client, email, address, new_password):
    assert client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address).status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(link, REMOTE_ADDR=address)["Location"]
    response = client.post(
        form_url, {"new_password1": new_password, "new_password2": new_password}, REMOTE_ADDR=address
    )
    assert response.status_code == 302, response.content.decode()


def test_a_locked_out_user_can_reset_the_password_and_log_in_at_once(client):
    UserFactory(username="alice", email="alice@example.org", password=PASSWORD)
    fail(client, "alice", OWNER, 10)
    assert login(client, "alice", PASSWORD, OWNER).status_code == 429

    _reset_password(client, "alice@example.org", OWNER, "a brand new passphrase 42")

    assert login(client, "alice", "a brand new passphrase 42", OWNER).status_code == 302


def test_a_reset_does_not_lift_the_throttle_of_an_address_that_guessed_at_many_accounts(client, settings):
    settings.LOGIN_FAILURE_LIMITS = [10, 20]
    UserFactory(username="mallory", email="mallory@example.org", password=PASSWORD)
    for number in range(20):
        login(client, f"user{number}", "wrong", ATTACKER)

    _reset_password(client, "mallory@example.org", ATTACKER, "a brand new passphrase 42")

    assert login(client, "mallory", "a brand new passphrase 42", ATTACKER).status_code == 429


def test_the_admin_login_counts_too(client):
    UserFactory(username="root", password=PASSWORD, is_staff=True, is_superuser=True)
    for _ in range(10):
        response = client.post(reverse("admin:login"), {"username": "root", "password": "wrong"}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429
    assert login(client, "root", PASSWORD, OWNER).status_code == 302


@pytest.mark.parametrize(
    ("behind_proxy", "meta", "expected"),
    [
        (False, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, "10.0.0.1"),
        (True, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.9, 192.0.2.1"}, "192.0.2.1"),
        (True, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "not an address"}, "10.0.0.1"),
        (True, {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
    ],
)
def test_the_visitors_address_is_the_one_our_proxy_saw(rf, settings, behind_proxy, meta, expected):
    settings.BEHIND_PROXY = behind_proxy
    assert client_ip(rf.get("/", **meta)) == expected


def test_behind_the_proxy_each_visitor_is_counted_apart(client, settings):
    settings.BEHIND_PROXY = True
    UserFactory(username="alice", password=PASSWORD)
    fail(client, "alice", "10.0.0.1", 10, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert login(client, "alice", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR=OWNER).status_code == 302
