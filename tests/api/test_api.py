"""The API's contract beyond who sees what (the permission matrix and test_roles.py): tokens, throttling, the schema
and its documentation page, and bad input answered 400 naming the parameter, never a 500."""

import datetime
import json

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import URLPattern, reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from acip.api import urls as api_urls
from acip.api.models import ApiToken, key_hash
from acip.api.services import token_create
from tests.acip.factories import DonorFactory, FundingAgreementFactory
from tests.acip.personas import client_for, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    IndicatorValueFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

#: Every list of the API, by URL name.
LISTS = [p.name for p in api_urls.urlpatterns if isinstance(p, URLPattern) and p.name.endswith("-list")]


@pytest.fixture
def world():
    partner = PartnerFactory(slug="alpha")
    StatusChangeFactory(partner=partner)
    IndicatorValueFactory(indicator__outcome__plan__partner=partner)
    AssessmentFactory(partner=partner)
    ActivityFactory(partner=partner)
    attendance = AttendanceFactory(partner=partner)
    side_meeting = SideMeetingFactory(partner=partner, meeting=attendance.meeting)
    NoteFactory(side_meeting=side_meeting)
    CommitmentFactory(side_meeting=side_meeting)
    FundingAgreementFactory(donor=DonorFactory(), partners=[partner])
    return partner


@pytest.fixture
def staff_client(world):
    return client_for(make_staff())


@pytest.fixture(autouse=True)
def _empty_throttle_cache():
    caches["default"].clear()


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


# Tokens


def test_a_token_reads_the_api_as_its_user(world):
    token, key = token_create(user=make_staff(), name="dashboard", expires_on=timezone.localdate())
    response = pytest.importorskip("django.test").Client().get(reverse("api:partner-list"), **bearer(key))
    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == ["alpha"]


def test_only_a_hash_of_the_key_is_stored():
    token, key = token_create(user=make_staff(), name="x", expires_on=timezone.localdate())
    stored = ApiToken.objects.values_list("key_hash", "prefix").get()
    assert key not in stored[0] and stored[0] == key_hash(key) and key.startswith(stored[1])


@pytest.mark.parametrize("state", ["revoked", "expired", "unknown", "malformed"])
def test_a_token_that_is_not_valid_answers_401(client, state):
    token, key = token_create(user=make_staff(), name="x", expires_on=timezone.localdate())
    if state == "revoked":
        ApiToken.objects.update(revoked_at=timezone.now())
    elif state == "expired":
        ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    headers = bearer(key + "x") if state == "unknown" else bearer(key)
    if state == "malformed":
        headers = {"HTTP_AUTHORIZATION": "Bearer two words"}
    response = client.get(reverse("api:partner-list"), **headers)
    assert response.status_code == 401
    assert "detail" in response.json()
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_credentials_answer_401_in_json(client):
    response = client.get(reverse("api:partner-list"))
    assert response.status_code == 401 and "detail" in response.json()


def test_last_use_is_written_at_most_once_a_minute(client, world):
    token, key = token_create(user=make_staff(), name="x", expires_on=timezone.localdate())
    client.get(reverse("api:partner-list"), **bearer(key))
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    client.get(reverse("api:partner-list"), **bearer(key))
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - datetime.timedelta(minutes=2))
    client.get(reverse("api:partner-list"), **bearer(key))
    assert ApiToken.objects.get().last_used_at > first


def test_a_user_creates_a_token_and_sees_its_key_once():
    user = make_staff()
    client = client_for(user)
    expires_on = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(reverse("api_tokens:list"), {"name": "Dashboard", "expires_on": expires_on.isoformat()})
    assert response.status_code == 200
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == key_hash(key) and token.name == "Dashboard"
    assert timezone.localtime(token.expires_at).date() == expires_on + datetime.timedelta(days=1)
    assert key in response.content.decode()
    assert key not in client.get(reverse("api_tokens:list")).content.decode()


@pytest.mark.parametrize(
    ("expires_in", "field"), [(-1, "expires_on"), (366, "expires_on"), (None, "expires_on"), (30, "name")]
)
def test_a_bad_token_form_shows_the_message_at_the_field_and_makes_nothing(expires_in, field):
    client = client_for(make_staff())
    data = {"name": "" if field == "name" else "x"}
    if expires_in is not None:
        data["expires_on"] = (timezone.localdate() + datetime.timedelta(days=expires_in)).isoformat()
    response = client.post(reverse("api_tokens:list"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_the_default_life_is_90_days():
    response = client_for(make_staff()).get(reverse("api_tokens:list"))
    initial = response.context["form"].fields["expires_on"].initial
    assert initial == timezone.localdate() + datetime.timedelta(days=90)


def test_a_user_revokes_their_token_and_no_one_elses(client):
    owner, other = make_staff(), make_staff(username="other")
    mine, _ = token_create(user=owner, name="mine", expires_on=timezone.localdate())
    theirs, _ = token_create(user=other, name="theirs", expires_on=timezone.localdate())
    owner_client = client_for(owner)
    assert owner_client.post(reverse("api_tokens:revoke"), {"token": theirs.pk}).status_code == 302
    assert owner_client.post(reverse("api_tokens:revoke"), {"token": "junk"}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    owner_client.post(reverse("api_tokens:revoke"), {"token": mine.pk})
    mine.refresh_from_db()
    assert mine.revoked_at is not None


# Throttling


def test_over_the_rate_a_token_gets_429_with_retry_after(client, settings, world):
    settings.API_THROTTLE_RATE = "2/minute"
    token, key = token_create(user=make_staff(), name="x", expires_on=timezone.localdate())
    statuses = [client.get(reverse("api:partner-list"), **bearer(key)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get(reverse("api:partner-list"), **bearer(key))
    assert int(response["Retry-After"]) > 0
    # Counted per token: another token of the same user has its own count.
    _, other_key = token_create(user=token.user, name="y", expires_on=timezone.localdate())
    assert client.get(reverse("api:partner-list"), **bearer(other_key)).status_code == 200


def test_sessions_are_throttled_per_user(settings, staff_client):
    settings.API_THROTTLE_RATE = "1/minute"
    assert staff_client.get(reverse("api:partner-list")).status_code == 200
    assert staff_client.get(reverse("api:partner-list")).status_code == 429


# The schema and its documentation page


def test_the_schema_is_valid_openapi_3(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


def test_every_endpoint_is_in_the_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    listed = set(schema["paths"])
    for pattern in api_urls.router.urls:
        route = "/api/v1/" + str(pattern.pattern).lstrip("^").rstrip("$")
        route = route.replace("(?P<pk>[^/.]+)", "{id}").replace("(?P<slug>[^/.]+)", "{slug}")
        route = route.replace("(?P<uuid>[^/.]+)", "{uuid}")
        assert route in listed, route


def test_the_schema_answers_a_logged_in_user(staff_client):
    response = staff_client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert json.loads(response.content)["openapi"].startswith("3.")


def test_the_docs_page_loads_everything_from_our_static_files(staff_client):
    page = staff_client.get(reverse("api:docs"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    # No inline script (the CSP allows none): the start-up script is a file of its own.
    assert "<script>" not in html
    script = staff_client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "script-src 'self'" in page["Content-Security-Policy"]


# Bad input: 400 naming the parameter, never a 500; writes 405


def test_junk_on_every_list_answers_400_naming_the_parameter(staff_client):
    for url, params, parameter in _junk_everywhere():
        response = staff_client.get(url, params)
        assert response.status_code == 400, (url, params, response.status_code)
        assert parameter in response.json(), (url, params, response.json())


def _junk_everywhere():
    for name in LISTS:
        for params, parameter in _JUNK:
            yield reverse(f"api:{name}"), params, parameter


_JUNK = [
    ({"page": "999"}, "page"),
    ({"page": "abc"}, "page"),
    ({"page_size": "0"}, "page_size"),
    ({"page_size": "x"}, "page_size"),
    ({"ordering": "password"}, "ordering"),
    ({"no_such_filter": "1"}, "no_such_filter"),
]


def test_junk_in_every_filter_of_every_list_is_400_or_ignored_never_500(staff_client):
    for name in LISTS:
        url = reverse(f"api:{name}")
        viewset = next(p.callback.cls for p in api_urls.router.urls if p.name == name)
        filters = viewset.filterset_class.base_filters if viewset.filterset_class else {}
        for filter_name in filters:
            for junk in ["junk'\"<>", "-1", "99999999999999999999", "2024-13-45", "\x00"]:
                response = staff_client.get(url, {filter_name: junk})
                assert response.status_code in (200, 400), (url, filter_name, junk, response.status_code)
                if response.status_code == 400:
                    assert filter_name in response.json(), (url, filter_name, junk)


def test_a_valid_filter_filters(staff_client, world):
    other = PartnerFactory()
    ActivityFactory(partner=other)
    response = staff_client.get(reverse("api:activity-list"), {"partner": "alpha"})
    assert {row["partner"] for row in response.json()["results"]} == {"alpha"}


def test_the_page_size_is_capped(staff_client):
    response = staff_client.get(reverse("api:partner-list"), {"page_size": "100000"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "value", "status", "parameter"),
    [
        ("api:plan-detail", "abc", 400, "pk"),
        ("api:plan-detail", "99999999999999999999", 400, "pk"),
        ("api:plan-detail", "424242", 404, None),
        ("api:meeting-detail", "not-a-uuid", 400, "uuid"),
        ("api:meeting-detail", "6f1c7c1e-0000-4000-8000-000000000000", 404, None),
        ("api:partner-detail", "no-such-partner", 404, None),
    ],
)
def test_a_malformed_id_is_400_and_a_missing_one_404(staff_client, name, value, status, parameter):
    kwarg = {"api:plan-detail": "pk", "api:meeting-detail": "uuid", "api:partner-detail": "slug"}[name]
    response = staff_client.get(reverse(name, kwargs={kwarg: value}))
    assert response.status_code == status
    if parameter:
        assert parameter in response.json()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_answer_405(staff_client, world, method):
    for url in (reverse("api:partner-list"), reverse("api:partner-detail", kwargs={"slug": "alpha"})):
        response = getattr(staff_client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405, (method, url)
