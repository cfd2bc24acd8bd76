"""Headers for confidential pages: every response a logged-in user receives says `Cache-Control: no-store`, pages,
exports, .ics files and the admin alike, and every response carries the Permissions-Policy.

The URLs come from the resolver and the objects from the permission matrix's world, so that a page added later is
covered without a new test (the matrix fails a URL that has no expectation)."""

import pytest
from django.urls import reverse

from tests.acip.test_admin import WITH_FACTORY, admin_url, make_row
from tests.acip.test_permission_matrix import EXPECTATIONS, _user_for, build_world, project_urls

pytestmark = pytest.mark.django_db

LOGGED_IN_ROLES = ["own_delegate", "donor", "staff", "administrator"]


def _is_private(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_url_answers_a_logged_in_user_with_no_store(client):
    world = build_world()
    failures = []
    requested = 0
    for name, pattern, _ in project_urls():
        rule = EXPECTATIONS.get(name)
        if pattern.startswith("admin/") or rule is None or rule.skip:
            continue
        url = reverse(name, kwargs=rule.kwargs(world, "A") if rule.kwargs else None)
        for role in LOGGED_IN_ROLES:
            client.force_login(_user_for(world, role, "A"))
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                requested += 1
                if not _is_private(response):
                    failures.append(f"{method.upper()} {url} as {role}: {response.status_code}, no no-store")
            client.logout()
    assert requested > 200, "the walk requested too little to mean anything"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", ["exports:partners", "exports:activities", "meetings:ics"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_and_downloads_are_not_stored(client, name, fmt):
    world = build_world()
    client.force_login(world.users["staff"])
    rule = EXPECTATIONS[name]
    kwargs = rule.kwargs(world, "A")
    if "fmt" in kwargs:
        kwargs["fmt"] = fmt
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] != "text/html"
    assert _is_private(response)


def test_every_admin_page_without_arguments_is_not_stored(admin_client):
    failures = []
    for name, pattern, takes_args in project_urls():
        if not pattern.startswith("admin/") or takes_args or name == "admin:logout":
            continue
        response = admin_client.get(reverse(name))
        if not _is_private(response):
            failures.append(f"{pattern}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("model", WITH_FACTORY, ids=lambda model: model._meta.label)
def test_every_admin_change_history_and_delete_page_is_not_stored(admin_client, model):
    row = make_row(model, 1)
    for view in ("change", "history", "delete"):
        response = admin_client.get(admin_url(model, view, row.pk))
        # Some admins refuse deletion (403) or any change to library-written rows: the refusal is private too.
        assert response.status_code in (200, 403), f"{view}: {response.status_code}"
        assert _is_private(response), view


def test_pages_for_anonymous_visitors_may_be_cached_but_the_login_page_is_not(client):
    assert not _is_private(client.get(reverse("healthz")))
    assert _is_private(client.get(reverse("login")))


def test_the_response_that_logs_out_is_not_stored(client, admin_user):
    client.force_login(admin_user)
    assert _is_private(client.post(reverse("logout")))


@pytest.mark.parametrize("user", [None, "staff"])
def test_every_response_carries_the_permissions_policy(client, user):
    if user:
        client.force_login(build_world().users[user])
    policy = client.get(reverse("login")).get("Permissions-Policy", "")
    features = dict(item.strip().split("=") for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features.get(feature) == "()", feature
