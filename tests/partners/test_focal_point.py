"""Setting a country's focal point: in the app (a staff-only form on the country page) and in the admin."""

import pytest
from django.urls import reverse

from partners.forms import FocalPointForm
from tests.acip.factories import UserFactory
from tests.acip.personas import make_delegate, make_staff
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ghana():
    return PartnerFactory(country_name="Ghana", slug="ghana")


def url(partner):
    return reverse("partners:focal_point_update", args=[partner.slug])


def test_anonymous_is_sent_to_login(client, ghana):
    response = client.get(url(ghana))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_delegate_of_the_country_gets_403_and_changes_nothing(client, ghana):
    client.force_login(make_delegate(ghana))
    staff = make_staff()
    assert client.get(url(ghana)).status_code == 403
    assert client.post(url(ghana), {"focal_point": staff.pk}).status_code == 403
    ghana.refresh_from_db()
    assert ghana.focal_point is None


def test_a_delegate_of_another_country_gets_404(client, ghana):
    client.force_login(make_delegate(PartnerFactory()))
    assert client.get(url(ghana)).status_code == 404


def test_wrong_method_gets_405(client, ghana):
    client.force_login(make_staff())
    assert client.put(url(ghana)).status_code == 405


def test_staff_names_the_focal_point_and_the_country_page_shows_it(client, ghana):
    ana = make_staff(username="ana")
    ana.first_name, ana.last_name = "Ana", "Officer"
    ana.save()
    client.force_login(make_staff())

    form_page = client.get(url(ghana))
    assert form_page.status_code == 200
    assert "Ana Officer" in form_page.content.decode()

    response = client.post(url(ghana), {"focal_point": ana.pk})
    assert response.status_code == 302
    assert response["Location"] == f"{ghana.get_absolute_url()}#focal-point"
    ghana.refresh_from_db()
    assert ghana.focal_point == ana
    assert ghana.history.first().focal_point_id == ana.pk
    page = client.get(ghana.get_absolute_url()).content.decode()
    assert "Ana Officer" in page[page.index('data-testid="focal-point"') :][:400]


def test_staff_may_clear_the_focal_point(client, ghana):
    ghana.focal_point = make_staff(username="ana")
    ghana.save()
    client.force_login(make_staff())
    assert client.post(url(ghana), {"focal_point": ""}).status_code == 302
    ghana.refresh_from_db()
    assert ghana.focal_point is None


@pytest.mark.parametrize("who", ["not staff", "inactive staff", "missing", "junk"])
def test_only_active_staff_may_be_chosen(client, ghana, who):
    if who == "not staff":
        value = UserFactory().pk
    elif who == "inactive staff":
        inactive = make_staff(username="gone")
        inactive.is_active = False
        inactive.save()
        value = inactive.pk
    else:
        value = 999999 if who == "missing" else "abc"
    client.force_login(make_staff())

    response = client.post(url(ghana), {"focal_point": value})

    assert response.status_code == 200
    assert response.context["form"].errors["focal_point"]
    ghana.refresh_from_db()
    assert ghana.focal_point is None


def test_the_choices_are_staff_by_name():
    make_staff(username="zed")
    UserFactory(username="outsider")
    names = [label for value, label in FocalPointForm().fields["focal_point"].choices if value]
    assert names == ["zed"]


def test_a_delegate_never_sees_the_focal_point(client, ghana):
    ghana.focal_point = make_staff(username="ana")
    ghana.save()
    client.force_login(make_delegate(ghana))
    page = client.get(ghana.get_absolute_url()).content.decode()
    assert 'data-testid="focal-point"' not in page


def test_the_admin_offers_only_staff(admin_client, ghana):
    staff = make_staff(username="ana")
    outsider = UserFactory(username="outsider")
    response = admin_client.get(reverse("admin:partners_partneradministration_change", args=[ghana.pk]))
    field = response.context["adminform"].form.fields["focal_point"]
    assert list(field.queryset) == [staff]
    assert outsider not in field.queryset
