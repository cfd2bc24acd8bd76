"""As each role, the API's lists hold exactly the rows of that role's pages, item by item (the permission matrix's
world, whose hidden rows carry canaries; the matrix itself searches every answer of the API for them)."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from tests.acip.test_permission_matrix import STAFF_CANARY, _forbidden_texts, build_world

pytestmark = pytest.mark.django_db

ROLES = ["own_delegate", "donor", "staff", "administrator"]


@pytest.fixture
def world():
    return build_world()


def client_as(world, role):
    client = Client()
    user = world.users["delegate_a" if role == "own_delegate" else role]
    client.force_login(user)
    return client


def api_rows(client, name, key, **params):
    response = client.get(reverse(f"api:{name}-list"), {"page_size": 200, **params})
    assert response.status_code == 200, response.content
    return [row[key] for row in response.json()["results"]]


def export_rows(client, name) -> list[list[str]]:
    response = client.get(reverse(f"exports:{name}", kwargs={"fmt": "csv"}))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]


# One world per test, and every role in it: the world is large.


def test_partners_are_the_partner_lists_rows(world):
    for role in ROLES:
        client = client_as(world, role)
        api = api_rows(client, "partner", "slug")
        page = client.get(reverse("partners:list"))
        if role == "own_delegate":  # the list sends a delegate to their own page
            assert page.status_code == 302
            assert api == [world.a.slug]
        else:
            assert api == [partner.slug for partner in page.context["partners"]], role


def test_meetings_are_the_meeting_lists_rows(world):
    for role in ROLES:
        client = client_as(world, role)
        page = client.get(reverse("meetings:list"))
        api = api_rows(client, "meeting", "uuid")
        assert api and api == [str(meeting.uuid) for meeting in page.context["page_obj"]], role


def test_commitments_are_the_rows_of_the_roles_page(world):
    """Staff: the commitments list (open ones, its default). A delegate or a donor viewer has no such list: the
    open commitments on each status page they may read are theirs."""
    for role in ROLES:
        client = client_as(world, role)
        api = api_rows(client, "commitment", "uuid")
        if role in ("staff", "administrator"):
            expected = [str(c.uuid) for c in client.get(reverse("meetings:commitments")).context["page_obj"]]
        else:
            page = client.get(reverse("partners:detail", args=[world.a.slug]))
            expected = [str(c.uuid) for c in page.context["page"].open_commitments]
        assert api and sorted(api) == sorted(expected), role


EXPORTED = [
    # the API's list, its export, what to compare in the API's rows, and in which column of the export
    ("activity", "activities", "title", 0),
    ("side_meeting", "side_meetings", "meeting_title", 0),
    ("status_change", "status_changes", "effective_on", 1),
    ("indicator_value", "indicator_values", "period", 10),
]


def test_lists_are_their_exports_rows(world):
    """The lists whose only page is their export: the same rows, in the same order."""
    for role in ROLES:
        client = client_as(world, role)
        for name, export, api_key, column in EXPORTED:
            api = [str(value) for value in api_rows(client, name, api_key)]
            assert api and api == [row[column] for row in export_rows(client, export)], (role, name)


def test_no_list_shows_a_delegate_or_a_donor_what_they_may_not_read(world):
    names = ["partner", "status_change", "plan", "outcome", "indicator", "indicator_value", "assessment"]
    names += ["activity", "meeting", "side_meeting", "commitment", "donor", "funding_agreement"]
    for role in ("own_delegate", "donor"):
        client = client_as(world, role)
        for name in names:
            params = {"status": ""} if name == "commitment" else {}  # the closed commitments too
            body = client.get(reverse(f"api:{name}-list"), {"page_size": 200, **params}).content.decode()
            for text in _forbidden_texts(role, "A"):
                assert text not in body, f"{name} shows {text} to {role}"


def test_staff_read_the_canaries_through_the_api(world):
    """Without the access layer the test above would find them: staff read them in the same lists."""
    client = client_as(world, "staff")
    body = "".join(
        client.get(reverse(f"api:{name}-list"), {"page_size": 200}).content.decode()
        for name in ("status_change", "activity", "side_meeting", "commitment", "funding_agreement")
    )
    assert STAFF_CANARY in body and "CANARY-OTHER-DONOR" in body and "CANARY-SHARED-B" in body


def test_a_donor_viewer_never_gets_a_contacts_personal_fields(world):
    world.objects["A"]["side_meeting"].partner_participants.add(world.objects["A"]["contact"])
    client = client_as(world, "donor")
    body = client.get(reverse("api:side_meeting-list")).content.decode()
    assert "canary-personal" not in body
    assert "CANARY-SHARED-A contact" in body  # the contact's name is shown, as on the pages
