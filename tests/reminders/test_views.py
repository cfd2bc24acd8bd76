"""The reminder settings page: every role's own, the fields that apply to its role, saved with a message, bad
input named at the field and nothing changed; a fixed number of queries."""

import pytest
from django.urls import reverse

from acip.reminders.models import ReminderPreference
from tests.acip.factories import DonorFactory, UserFactory
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.partners.factories import PartnerFactory
from tests.queries import NAV

pytestmark = pytest.mark.django_db
URL = "/settings/reminders/"


def test_the_page_has_its_url():
    assert reverse("reminders:preferences") == URL


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_staff_see_every_kind_and_the_digest_day(client):
    client.force_login(make_staff())
    response = client.get(URL)
    assert response.status_code == 200
    assert [field.name for field in response.context["form"].visible_fields()] == [
        "commitments",
        "stale_pages",
        "digest",
        "digest_weekday",
        "language",
    ]
    assert b"Reminder settings" in response.content


def test_a_delegate_chooses_commitment_reminders_and_the_language(client):
    client.force_login(make_delegate(PartnerFactory()))
    response = client.get(URL)
    assert [field.name for field in response.context["form"].visible_fields()] == ["commitments", "language"]


def test_a_donor_viewer_chooses_only_the_language(client):
    client.force_login(make_donor_viewer(DonorFactory()))
    response = client.get(URL)
    assert [field.name for field in response.context["form"].visible_fields()] == ["language"]
    assert b"Your role receives no reminders" in response.content


def test_saving_keeps_the_choices_and_says_so(client):
    user = make_staff()
    client.force_login(user)
    response = client.post(
        URL, {"commitments": "on", "digest": "on", "digest_weekday": "4", "language": "fr"}, follow=True
    )
    assert response.redirect_chain == [(URL, 302)]
    preference = ReminderPreference.objects.get(user=user)
    assert (preference.commitments, preference.stale_pages, preference.digest) == (True, False, True)
    assert (preference.digest_weekday, preference.language) == (4, "fr")
    assert b"Your reminder settings are saved." in response.content or "enregistr" in response.content.decode()


def test_a_delegate_cannot_set_what_their_role_does_not_have(client):
    user = make_delegate(PartnerFactory())
    client.force_login(user)
    client.post(URL, {"language": "en", "digest": "", "stale_pages": "", "digest_weekday": "3"})
    preference = ReminderPreference.objects.get(user=user)
    assert (preference.commitments, preference.stale_pages, preference.digest, preference.digest_weekday) == (
        False,
        True,
        True,
        0,
    )


@pytest.mark.parametrize("weekday", ["7", "-1", "Monday", "", "99999999999999999999"])
def test_a_wrong_day_is_named_at_the_field_and_nothing_changes(client, weekday):
    user = make_staff()
    ReminderPreference.objects.create(user=user, digest_weekday=2)
    client.force_login(user)
    response = client.post(URL, {"commitments": "on", "digest_weekday": weekday, "language": "en"})
    assert response.status_code == 200
    assert response.context["form"].errors["digest_weekday"]
    assert ReminderPreference.objects.get(user=user).digest_weekday == 2


def test_a_language_the_site_does_not_speak_is_refused(client):
    client.force_login(make_staff())
    response = client.post(URL, {"digest_weekday": "0", "language": "de"})
    assert response.context["form"].errors["language"]
    assert not ReminderPreference.objects.exists()


def test_a_user_without_an_address_is_told_no_mail_can_reach_them(client):
    user = make_staff()
    user.email = ""
    user.save()
    client.force_login(user)
    assert b"no e-mail address" in client.get(URL).content


@pytest.mark.parametrize("others", [1, 6])
def test_the_page_makes_a_fixed_number_of_queries(client, django_assert_num_queries, others):
    for i in range(others):
        ReminderPreference.objects.create(user=UserFactory(username=f"other{i}"))
    user = make_staff()
    ReminderPreference.objects.create(user=user)
    client.force_login(user)
    # session, user, the user's role (groups, profile), the preference, the navigation's "My work" count
    with django_assert_num_queries(5 + NAV):
        assert client.get(URL).status_code == 200
