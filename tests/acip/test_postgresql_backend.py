"""acip.lib.postgresql: with parameters bound on the server, Django's bulk writes stay under PostgreSQL's limit of
65,535 parameters a statement."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the limit is PostgreSQL's protocol's")


def test_a_batch_carries_at_most_65535_parameters():
    fields = [Session._meta.get_field(name) for name in ("session_key", "session_data", "expire_date")]
    assert connection.ops.bulk_batch_size(fields, range(100_000)) == 21_845
    assert connection.ops.bulk_batch_size([], range(100_000)) == 100_000


def test_a_bulk_create_over_the_limit_is_written():
    # 22,000 rows of three columns: 66,000 values, over the limit as parameters of one statement. Django 5.2 sends
    # them as three arrays (UNNEST); with an older Django, bulk_batch_size above splits them.
    expires = timezone.now() + datetime.timedelta(days=1)
    Session.objects.bulk_create(
        Session(session_key=f"k{n:039d}", session_data="x", expire_date=expires) for n in range(22_000)
    )
    assert Session.objects.count() == 22_000
