import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from acip.reminders.models import ReminderLog, ReminderPreference
from tests.acip.factories import UserFactory


class ReminderPreferenceFactory(DjangoModelFactory):
    class Meta:
        model = ReminderPreference

    user = factory.SubFactory(UserFactory)


class ReminderLogFactory(DjangoModelFactory):
    class Meta:
        model = ReminderLog

    kind = "commitment"
    object_id = factory.Sequence(lambda n: n + 1)
    step = "due-today"
    recipient = factory.Sequence(lambda n: f"person{n}@example.org")
    status = "sent"
    last_tried_at = factory.LazyFunction(timezone.now)
