"""A user's calendar feed: the settings page that makes, replaces and revokes its secret address, and the feed
itself, read without logging in, with what its user may see and nothing else. (Who may open which address is in
the permission matrix, with its canaries.)"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from acip.api.models import CalendarFeed, key_hash
from acip.api.services import feed_create
from tests.acip.factories import DonorFactory, FundingAgreementFactory
from tests.acip.personas import client_for, make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, MeetingFactory
from tests.partners.factories import ActivityFactory, PartnerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def feed_url(key: str) -> str:
    return reverse("calendar_feed", args=[key])


def summaries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return sorted(str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT"))


@pytest.fixture
def partner():
    return PartnerFactory(slug="ghana", country_name="Ghana")


# The settings page


def test_a_user_makes_their_feed_and_sees_its_address_once():
    user = make_staff()
    client = client_for(user)

    response = client.post(reverse("calendar_feed_settings:settings"))

    assert response.status_code == 200
    address = response.context["new_url"]
    key = address.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=user)
    assert feed.key_hash == key_hash(key) and key.startswith(feed.prefix)
    assert address in response.text
    assert response.context["new_webcal_url"] == address.replace("http://", "webcal://")
    assert key not in client.get(reverse("calendar_feed_settings:settings")).text


def test_a_new_address_revokes_the_old_one_at_once():
    user = make_staff()
    _old, old_key = feed_create(user=user)

    client_for(user).post(reverse("calendar_feed_settings:settings"))

    assert Client().get(feed_url(old_key)).status_code == 404
    assert CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).count() == 1


def test_revoking_makes_the_address_answer_404_and_a_new_one_can_be_made():
    user = make_staff()
    _feed, key = feed_create(user=user)
    assert Client().get(feed_url(key)).status_code == 200
    client = client_for(user)

    response = client.post(reverse("calendar_feed_settings:revoke"), follow=True)

    assert "Your calendar feed is revoked" in response.text
    assert Client().get(feed_url(key)).status_code == 404
    _again, new_key = feed_create(user=user)
    assert Client().get(feed_url(new_key)).status_code == 200


def test_revoking_with_no_feed_in_use_says_so_and_touches_no_one_elses():
    other = make_staff(username="other")
    _theirs, their_key = feed_create(user=other)

    response = client_for(make_staff()).post(reverse("calendar_feed_settings:revoke"), follow=True)

    assert "You have no calendar feed in use." in response.text
    assert Client().get(feed_url(their_key)).status_code == 200


# The feed


@pytest.mark.parametrize("key", ["acipcal_unknown", "x", "acip_" + "a" * 43])
def test_an_unknown_key_answers_404(client, key):
    assert client.get(feed_url(key)).status_code == 404


def test_the_feed_of_a_user_who_may_no_longer_log_in_answers_404(client):
    user = make_staff()
    _feed, key = feed_create(user=user)
    user.is_active = False
    user.save()
    assert client.get(feed_url(key)).status_code == 404


def test_an_api_token_does_not_open_a_feed(client):
    from acip.api.services import token_create

    _token, key = token_create(user=make_staff(), name="x", expires_on=TODAY)
    assert client.get(feed_url(key)).status_code == 404


def test_the_feed_holds_meetings_and_activities_from_a_year_ago_on_and_is_kept_by_no_cache(client, partner):
    MeetingFactory(title="Coming session", starts_on=TODAY + 30 * DAY, ends_on=TODAY + 32 * DAY, place="Brussels")
    MeetingFactory(title="Last year's session", starts_on=TODAY - 360 * DAY, ends_on=TODAY - 359 * DAY)
    MeetingFactory(title="Long ago", starts_on=TODAY - 400 * DAY, ends_on=TODAY - 399 * DAY)
    mission = ActivityFactory(
        partner=partner, title="Scoping mission", kind="mission", planned_start_on=TODAY + 5 * DAY, planned_end_on=None
    )
    ActivityFactory(partner=partner, title="Cancelled training", status="cancelled", planned_start_on=TODAY)
    _feed, key = feed_create(user=make_staff())

    response = client.get(feed_url(key))

    assert summaries(response) == ["Coming session", "Last year's session", "Scoping mission"]
    assert "no-store" in response["Cache-Control"]
    event = next(e for e in Calendar.from_ical(response.content).walk("VEVENT") if e["summary"] == "Scoping mission")
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (TODAY + 5 * DAY, TODAY + 6 * DAY)
    assert str(event["location"]) == "Ghana"
    assert str(event["url"]) == f"http://testserver/partners/ghana/#activity-{mission.pk}"
    assert str(event["uid"]) == f"activity-{mission.pk}@testserver"


def test_an_activity_held_is_in_the_feed_on_the_days_it_was_held(client, partner):
    ActivityFactory(
        partner=partner,
        title="Workshop",
        planned_start_on=TODAY - 10 * DAY,
        planned_end_on=TODAY - 9 * DAY,
        actual_start_on=TODAY - 3 * DAY,
        actual_end_on=TODAY - DAY,
        status="completed",
    )
    _feed, key = feed_create(user=make_staff())

    event = Calendar.from_ical(client.get(feed_url(key)).content).walk("VEVENT")[0]

    assert (event.decoded("dtstart"), event.decoded("dtend")) == (TODAY - 3 * DAY, TODAY)


def test_a_delegates_feed_holds_their_administrations_meetings_and_shared_activities_only(client, partner):
    other = PartnerFactory(slug="nepal")
    coming = {"starts_on": TODAY + 3 * DAY, "ends_on": TODAY + 4 * DAY}
    AttendanceFactory(partner=partner, meeting=MeetingFactory(title="Ours", **coming))
    AttendanceFactory(partner=other, meeting=MeetingFactory(title="Theirs", **coming))
    ActivityFactory(partner=partner, tier="partner", title="Shared with us", planned_start_on=TODAY)
    ActivityFactory(partner=partner, tier="staff", title="Staff only", planned_start_on=TODAY)
    ActivityFactory(partner=other, tier="partner", title="Their activity", planned_start_on=TODAY)
    _feed, key = feed_create(user=make_delegate(partner))

    assert summaries(client.get(feed_url(key))) == ["Ours", "Shared with us"]


def test_a_donors_feed_holds_only_activities_shared_with_donors_of_the_administrations_it_funds(client, partner):
    donor = DonorFactory()
    FundingAgreementFactory(donor=donor, partners=[partner])
    ActivityFactory(partner=partner, tier="donors", title="Shared with donors", planned_start_on=TODAY)
    ActivityFactory(partner=partner, tier="partner", title="Shared with the partner", planned_start_on=TODAY)
    ActivityFactory(partner=PartnerFactory(), tier="donors", title="Not funded", planned_start_on=TODAY)
    _feed, key = feed_create(user=make_donor_viewer(donor))

    assert summaries(client.get(feed_url(key))) == ["Shared with donors"]


def test_reading_the_feed_notes_when_at_most_once_a_minute(client):
    feed, key = feed_create(user=make_staff())
    client.get(feed_url(key))
    feed.refresh_from_db()
    first = feed.last_used_at
    assert first is not None
    client.get(feed_url(key))
    feed.refresh_from_db()
    assert feed.last_used_at == first


@pytest.mark.parametrize("role", ["staff", "delegate", "donor"])
@pytest.mark.parametrize("n", [1, 4])
def test_the_feed_makes_a_fixed_number_of_queries(client, django_assert_num_queries, partner, role, n):
    donor = DonorFactory()
    FundingAgreementFactory(donor=donor, partners=[partner])
    for number in range(n):
        day = TODAY + number * DAY
        AttendanceFactory(partner=partner, meeting=MeetingFactory(starts_on=day, ends_on=day))
        ActivityFactory(partner=partner, tier="donors", planned_start_on=day)
    user = {"staff": make_staff, "delegate": lambda: make_delegate(partner), "donor": lambda: make_donor_viewer(donor)}
    feed, key = feed_create(user=user[role]())
    feed.last_used_at = timezone.now()
    feed.save()
    # the feed with its user, the user's groups and profile, the meetings, the activities with their
    # administrations; a donor's covered administrations are a subquery
    with django_assert_num_queries(5):
        response = client.get(feed_url(key))
    assert len(summaries(response)) == 2 * n
