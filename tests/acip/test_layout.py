"""No page renders without the site's layout: every HTML answer of every URL of the resolver, for every role, and the
pages that come from elsewhere (404, 403, 500, the lockout page), extend base.html and carry its landmarks. The 500
page is in the visitor's language and renders with the database down."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse
from django.utils import translation

from tests.acip.factories import UserFactory
from tests.acip.test_permission_matrix import EXPECTATIONS, ROLES, _user_for, build_world, project_urls

pytestmark = pytest.mark.django_db

# base.html's landmarks, in every language: the skip link to the main region, the navigation bar and the footer.
LANDMARKS = ['<html lang="', 'href="#main"', '<nav class="navbar', '<main id="main"', "<footer"]


def missing_landmarks(response) -> list[str]:
    body = response.content.decode(errors="replace")
    return [landmark for landmark in LANDMARKS if landmark not in body]


def is_html_page(response) -> bool:
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not 300 <= response.status_code < 400
    )


def test_every_html_answer_of_every_url_for_every_role_has_the_layout(client):
    world = build_world()
    failures = []
    checked = set()
    for name, pattern, _ in project_urls():
        rule = EXPECTATIONS.get(name)
        if pattern.startswith(("admin/", "api/v1/docs/")) or rule is None or rule.skip:
            continue  # the admin has Django's own layout, the API's documentation Swagger UI's
        for side in ("A", "B") if rule.kwargs else ("A",):
            url = reverse(name, kwargs=rule.kwargs(world, side) if rule.kwargs else None)
            for role in ROLES:
                client.logout()
                user = _user_for(world, role, side)
                if user is not None:
                    client.force_login(user)
                for method in ("get", "post"):
                    response = getattr(client, method)(url)
                    if not is_html_page(response):
                        continue
                    checked.add(response.status_code)
                    templates = [template.name for template in response.templates]
                    if "base.html" not in templates or missing_landmarks(response):
                        failures.append(f"{method.upper()} {url} as {role}: {response.status_code} {templates[:1]}")
    assert {200, 403, 404} <= checked, "the walk met too few kinds of page to mean anything"
    assert not failures, "pages without the layout:\n" + "\n".join(failures)


@pytest.mark.parametrize("logged_in", [False, True])
def test_a_missing_page_has_the_layout(client, logged_in):
    if logged_in:
        client.force_login(UserFactory())
    response = client.get("/partners/no-such-country/" if logged_in else "/no-such-page/")
    assert response.status_code == 404
    assert missing_landmarks(response) == []


def test_the_lockout_page_has_the_layout(client, settings):
    settings.AXES_ENABLED = True
    for _ in range(10):
        response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 429
    assert "registration/locked_out.html" in [template.name for template in response.templates]
    assert missing_landmarks(response) == []


@pytest.fixture
def failing_client(client, settings):
    settings.ROOT_URLCONF = "tests.acip.urls_raising"
    client.raise_request_exception = False
    return client


def test_an_error_answers_the_500_page_in_the_layout(failing_client):
    response = failing_client.get("/fail/")
    assert response.status_code == 500
    assert missing_landmarks(response) == []
    assert "Something went wrong on our side" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_500_page_is_in_the_visitors_language(failing_client):
    with translation.override("fr"):
        title = translation.gettext("Something went wrong on our side")
    assert title != "Something went wrong on our side"

    response = failing_client.get("/fail/", HTTP_ACCEPT_LANGUAGE="fr")

    body = response.content.decode()
    assert '<html lang="fr"' in body
    assert title in body
    # Its language switch works: it carries a CSRF token and comes back to the page.
    assert 'name="csrfmiddlewaretoken" value="' in body
    assert 'name="next" value="/fail/"' in body


def test_the_500_page_renders_with_the_database_down(failing_client, monkeypatch):
    failing_client.force_login(UserFactory())

    def database_down(self):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", database_down)
        # A logged-in page: the session and the user are read from the database, which fails first.
        response = failing_client.get(reverse("partners:list"))

    assert response.status_code == 500
    assert missing_landmarks(response) == []
    assert "Something went wrong on our side" in response.content.decode()
