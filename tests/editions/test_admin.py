import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from acip.editions.models import Edition, EditionEntry
from tests.acip.factories import UserFactory
from tests.acip.personas import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    return client_for(UserFactory(username="root", is_superuser=True, is_staff=True))


@pytest.fixture
def edition(programme, freeze):
    programme(2)
    return freeze(title="Frozen")


def test_the_admin_shows_an_edition_read_only(admin_client, edition):
    response = admin_client.get(reverse("admin:editions_edition_change", args=[edition.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Frozen" in body and 'name="title"' not in body and 'name="_save"' not in body


def test_the_admin_neither_adds_nor_changes_editions(admin_client, edition):
    assert admin_client.get(reverse("admin:editions_edition_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:editions_edition_change", args=[edition.pk]), {"title": "Changed", "frozen_on": "2020-01-01"}
    )
    assert response.status_code == 403
    edition.refresh_from_db()
    assert edition.title == "Frozen"


def test_a_superuser_deletes_an_edition_and_the_deletion_is_recorded(admin_client, edition):
    response = admin_client.post(reverse("admin:editions_edition_delete", args=[edition.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Edition.objects.exists() and not EditionEntry.objects.exists()
    deletion = Edition.history.get(history_type="-")
    assert (deletion.id, deletion.title, deletion.history_user.username) == (edition.pk, "Frozen", "root")


def test_nobody_else_may_delete_one_even_with_the_permission(client, edition):
    user = UserFactory(username="clerk", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="editions"))
    client.force_login(user)
    client.post(reverse("admin:editions_edition_delete", args=[edition.pk]), {"post": "yes"})
    assert Edition.objects.filter(pk=edition.pk).exists()
