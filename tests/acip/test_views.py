import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from acip.roles import GROUP_DELEGATES
from tests.acip.factories import DonorFactory, ProfileFactory, UserFactory
from tests.acip.personas import make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory
from tests.partners.factories import PartnerFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db


def test_anonymous_home_redirects_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_open(client):
    assert client.get(reverse("login")).status_code == 200


def test_the_dashboard_counts_partners_by_current_stage(admin_client):
    ghana = PartnerFactory()
    StatusChangeFactory(partner=ghana, stage="scoping", effective_on=datetime.date(2019, 1, 1))
    StatusChangeFactory(partner=ghana, stage="implementation", effective_on=datetime.date(2020, 1, 1))
    StatusChangeFactory(stage="implementation")
    PartnerFactory()

    response = admin_client.get(reverse("dashboard:home"))

    counts = response.context["counts"]
    stages = {bar.label: bar.count for bar in counts.by_stage}
    assert stages["Implementation"] == 2
    assert stages["Scoping"] == 0
    assert stages["No status recorded"] == 1
    assert counts.total == 3


def test_the_dashboard_shows_the_coming_meeting(client):
    client.force_login(make_staff())
    today = datetime.date.today()
    AttendanceFactory(
        meeting__title="Past session",
        meeting__starts_on=today.replace(year=today.year - 2),
        meeting__ends_on=today.replace(year=today.year - 2),
    )
    AttendanceFactory(
        meeting__title="Coming session",
        meeting__starts_on=today + datetime.timedelta(days=30),
        meeting__ends_on=today + datetime.timedelta(days=32),
    )

    response = client.get(reverse("dashboard:home"))

    assert [meeting.title for meeting in response.context["meetings"]] == ["Coming session"]
    assert "Coming session" in response.content.decode()


def test_home_sends_a_donor_viewer_to_the_donor_view(client):
    client.force_login(make_donor_viewer(DonorFactory()))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("donors:home")


def test_user_without_a_role_is_told_to_ask_for_access_and_sees_nothing(client):
    PartnerFactory(country_name="Somewhere")
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "no access yet" in response.content.decode()
    assert "Somewhere" not in response.content.decode()


def test_logout_is_post_only(admin_client):
    assert admin_client.get(reverse("logout")).status_code == 405
    assert admin_client.post(reverse("logout")).status_code == 302


def test_home_sends_a_delegate_to_my_work_and_the_navigation_to_their_own_status_page(client):
    partner = PartnerFactory(slug="ghana")
    delegate = UserFactory()
    delegate.groups.add(Group.objects.get_or_create(name=GROUP_DELEGATES)[0])
    ProfileFactory(user=delegate, partner=partner)
    client.force_login(delegate)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("my_work")
    our_programme = next(
        item
        for item in client.get(response["Location"]).context["nav_items"]
        if item["url"] == reverse("partners:list")
    )
    assert client.get(our_programme["url"])["Location"] == reverse("partners:detail", args=["ghana"])


def test_the_navigation_marks_only_the_most_specific_item(client):
    from tests.acip.personas import make_staff

    client.force_login(make_staff())
    items = client.get(reverse("meetings:commitments")).context["nav_items"]
    assert [item["label"] for item in items if item["active"]] == ["Commitments"]
