"""Password reset requests are throttled per e-mail address and per visitor address (acip/forms.py), in a cache that
every worker shares, and the throttle answers alike whether or not an account has the address."""

import re
import time

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.urls import reverse

from acip.lib.throttle import throttle_hit, throttle_slots
from tests.acip.factories import UserFactory

pytestmark = pytest.mark.django_db
ADDRESS = "198.51.100.7"


def ask(client, email, address=ADDRESS):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_twenty_requests_in_a_row_send_three_mails(client):
    UserFactory(email="dora@example.org")
    answers = [ask(client, "dora@example.org").status_code for _ in range(20)]
    assert answers[:3] == [302, 302, 302]
    assert set(answers[3:]) == {429}
    assert len(mail.outbox) == 3


def test_a_throttled_request_says_why_at_the_field_and_sends_nothing(client):
    UserFactory(email="dora@example.org")
    for _ in range(3):
        ask(client, "dora@example.org")
    mail.outbox.clear()

    response = ask(client, "dora@example.org")

    assert response.status_code == 429
    assert response.context["form"].errors["email"][0].startswith("Reset links were asked for this address")
    assert mail.outbox == []


def test_the_address_is_counted_whatever_its_case(client):
    UserFactory(email="dora@example.org")
    for email in ("dora@example.org", "Dora@Example.org", "DORA@EXAMPLE.ORG"):
        ask(client, email)
    assert ask(client, "dOrA@example.org").status_code == 429


def test_the_throttle_tells_nobody_whether_an_address_has_an_account(client):
    UserFactory(email="dora@example.org")
    answers = {}
    for email, address in (("dora@example.org", "192.0.2.1"), ("nobody@example.org", "192.0.2.2")):
        statuses = [ask(client, email, address).status_code for _ in range(4)]
        page = ask(client, email, address).content.decode().replace(email, "EMAIL")
        answers[email] = (statuses, re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page))
    assert answers["dora@example.org"] == answers["nobody@example.org"]


def test_one_visitor_address_is_throttled_across_e_mail_addresses(client):
    answers = [ask(client, f"person{number}@example.org").status_code for number in range(11)]
    assert answers[:10] == [302] * 10
    assert answers[10] == 429
    assert "Too many reset links were asked for from your connection" in ask(client, "x@example.org").content.decode()
    # Another connection is not affected.
    assert ask(client, "x@example.org", address="203.0.113.5").status_code == 302


def test_a_throttled_connection_does_not_use_up_an_e_mail_addresses_allowance(client):
    UserFactory(email="dora@example.org")
    for number in range(10):
        ask(client, f"person{number}@example.org")
    for _ in range(5):
        assert ask(client, "dora@example.org").status_code == 429
    assert ask(client, "dora@example.org", address="203.0.113.5").status_code == 302


def test_the_counts_are_shared_by_every_worker():
    """By default the throttle counts in a table of the database, which every worker reads, and never in a worker's
    memory; the environment may name another shared cache (DJANGO_CACHE_BACKEND)."""
    cache = caches[django_settings.THROTTLE_CACHE]
    assert isinstance(cache, DatabaseCache)
    assert throttle_hit("test", "key", limit=2, period=60)
    assert throttle_hit("test", "key", limit=2, period=60)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {cache._table}")
        stored = {row[0] for row in cursor.fetchall()}
    assert {cache.make_key(slot) for slot in throttle_slots("test", "key", 2)} <= stored
    assert not throttle_hit("test", "key", limit=2, period=60)


def test_a_slot_frees_itself_after_the_period(settings):
    assert throttle_hit("test", "key", limit=1, period=1)
    assert not throttle_hit("test", "key", limit=1, period=60)
    time.sleep(1.1)
    assert throttle_hit("test", "key", limit=1, period=60)
