"""Django admin: preferences through the same form as the settings page; the sent-log is read only."""

import pytest
from django.urls import reverse

from acip.reminders.models import ReminderPreference
from tests.acip.factories import UserFactory
from tests.reminders.factories import ReminderLogFactory

pytestmark = pytest.mark.django_db


def test_the_admin_adds_preferences_with_the_pages_rules(admin_client):
    user = UserFactory()
    url = reverse("admin:reminders_reminderpreference_add")
    data = {"user": user.pk, "commitments": "on", "digest_weekday": "9", "language": "en"}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and response.context["adminform"].form.errors["digest_weekday"]
    assert not ReminderPreference.objects.exists()
    response = admin_client.post(url, {**data, "digest_weekday": "3"})
    assert response.status_code == 302
    assert ReminderPreference.objects.get(user=user).digest_weekday == 3


def test_the_sent_log_is_read_only_in_the_admin(admin_client):
    row = ReminderLogFactory(error="")
    assert admin_client.get(reverse("admin:reminders_reminderlog_add")).status_code == 403
    change = reverse("admin:reminders_reminderlog_change", args=[row.pk])
    response = admin_client.post(change, {"status": "failed"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.status == "sent"
