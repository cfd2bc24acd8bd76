"""Generated junk posted to every form of the project, the admin's included: a page with messages, never a server
error, never a row.

The forms are found the way the permission matrix finds pages: every URL whose POST answers staff with a page
(200) is a form. Its fields are read from the page's own form objects, so a form added later is covered too.
Formsets get their real management data, so that the junk reaches their forms.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms import BaseForm, BaseFormSet
from django.test import RequestFactory
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.acip.factories import PhaseFactory, UserFactory
from tests.acip.test_permission_matrix import EXPECTATIONS, build_world, project_urls

pytestmark = pytest.mark.django_db

junk = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="\x00\u202e\U0001f600'\"<>;%&\\", max_size=6),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        ["", " ", "2019-02-30", "99999-01-01", "31/12/2020", "1e309", "NaN", "sNaN", "-0", "[]", "None", str(2**70)]
    ),
)


# A page that first asks which administration the new record is for: its form is the one after that choice.
QUERY = {"meetings:side_meeting_create": lambda world: f"?partner={world.a.slug}"}
# A form that only posts is shown on another page: its fields are read there.
SHOWN_ON = {"meetings:commitment_close": "meetings:commitment"}


#: Forms whose only field is free text, where any text is a valid answer, so junk is not refused: withdrawing a note
#: takes any reason (its empty and over-long reasons are refused in tests/meetings).
ANY_TEXT_IS_VALID = {"meetings:note_withdraw"}


def form_urls(world):
    """(URL the form posts to, URL of the page showing it) for every form of the project, as staff open it."""
    found = []
    for name, pattern, _ in project_urls():
        rule = EXPECTATIONS.get(name)
        if pattern.startswith("admin/") or rule is None or rule.post.get("staff") != 200:
            continue
        if not name.startswith(("partners:", "meetings:", "reminders:")) or name in ANY_TEXT_IS_VALID:
            continue  # Django's own authentication forms are exercised in test_security
        kwargs = rule.kwargs(world, "A") if rule.kwargs else None
        url = reverse(name, kwargs=kwargs) + QUERY.get(name, lambda world: "")(world)
        found.append((url, reverse(SHOWN_ON[name], kwargs=kwargs) if name in SHOWN_ON else url))
    return found


def fields_of(response) -> tuple[list[str], dict]:
    names, management = [], {}
    context = response.context
    for value in (context[key] for key in context.keys()):
        if isinstance(value, BaseFormSet):
            form = value.management_form
            management.update({form.add_prefix(n): form[n].value() for n in form.fields})
            names += [f.add_prefix(n) for f in value.forms for n in f.fields]
        elif isinstance(value, BaseForm):
            names += [value.add_prefix(n) for n in value.fields]
    return sorted(set(names)), management


def row_counts() -> dict[str, int]:
    models = [m for label in ("acip", "partners", "meetings") for m in apps.get_app_config(label).get_models()]
    return {m._meta.label: m._default_manager.count() for m in models}


@pytest.fixture
def forms(client):
    """Every form with its fields, read once: nothing that Hypothesis's examples post may change the world."""
    world = build_world()
    client.force_login(world.users["staff"])
    found = []
    for url, page_url in form_urls(world):
        page = client.get(page_url)
        assert page.status_code == 200, page_url
        names, management = fields_of(page)
        assert names, f"{url} shows no form"
        found.append((url, names, management))
    return found


def test_every_form_is_found(forms):
    assert len(forms) >= 20


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_junk_in_any_form_is_refused_with_messages_and_writes_nothing(client, forms, data):
    for url, names, management in forms:
        posted = {**{name: data.draw(junk, label=name) for name in names}, **management}
        before = row_counts()

        response = client.post(url, posted)

        assert response.status_code == 200, f"{url} answered {response.status_code} to {posted!r}"
        assert row_counts() == before, f"{url} wrote a row for {posted!r}"
        assert "invalid-feedback" in response.content.decode() or "alert-danger" in response.content.decode(), url


@pytest.mark.parametrize("value", [str(2**70), "sNaN", "\x00"])
def test_a_value_known_to_break_form_fields_is_refused_everywhere(client, forms, value):
    # Beyond the database's integers, a signalling NaN and a NUL byte each once reached a server error.
    for url, names, management in forms:
        before = row_counts()
        response = client.post(url, {**dict.fromkeys(names, value), **management})
        assert response.status_code == 200, url
        assert row_counts() == before, url


# The admin: the same junk through every add and change form of every registered model, inlines included.


# The project's apps and the users and groups; third-party logs (axes) have no forms to fill.
ADMIN_APPS = {"acip", "partners", "meetings", "auth"}


def admin_form_pages() -> list[str]:
    """The add page and a change page (of one of the world's rows) of every model the admin registers."""
    pages = []
    # A superuser's request, to ask each admin what it lets anyone add or change (a read-only admin has no form).
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ADMIN_APPS:
            continue
        info = model._meta.app_label, model._meta.model_name
        if model_admin.has_add_permission(request):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            obj = UserFactory() if model is get_user_model() else None
        assert obj is not None, f"the world has no {model._meta.label} to open in the admin"
        if model_admin.has_change_permission(request, obj):
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    return pages


def admin_fields_of(response) -> tuple[list[str], dict]:
    forms, management = [response.context["adminform"].form], {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        form = formset.management_form
        management.update({form.add_prefix(n): form[n].value() for n in form.fields})
        forms += formset.forms
    names = [form.add_prefix(name) for form in forms for name in form.fields]
    return sorted(set(names)), management


def admin_row_counts() -> dict[str, int]:
    return row_counts() | {"auth.User": get_user_model().objects.count(), "auth.Group": Group.objects.count()}


def admin_snapshot(url: str):
    """The row that a change page edits, as stored (nothing for an add page)."""
    match = resolve(url)
    if "object_id" not in match.kwargs:
        return None
    model = match.func.model_admin.model
    return model._default_manager.filter(pk=match.kwargs["object_id"]).values().first()


@pytest.fixture
def admin_forms(client):
    build_world()
    PhaseFactory()  # the only model the permission tests' world has no row of
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    found = []
    for url in admin_form_pages():
        page = client.get(url)
        assert page.status_code == 200, url
        names, management = admin_fields_of(page)
        assert names, f"{url} shows no form"
        found.append((url, names, management))
    registered = [model for model in admin.site._registry if model._meta.app_label in ADMIN_APPS]
    # Every add and change form, but the read-only pages: a status is only ever added (its change page only shows
    # it), and a profile is set through the role on the user's page (neither added nor changed in its own admin).
    assert len(found) == 2 * len(registered) - 3
    return found


def _post_admin_junk(client, url, posted):
    before, row = admin_row_counts(), admin_snapshot(url)

    response = client.post(url, posted)

    assert response.status_code in (200, 302), f"{url} answered {response.status_code} to {posted!r}"
    if response.status_code == 200:  # refused: nothing written
        assert admin_row_counts() == before, f"{url} wrote a row for {posted!r}"
        assert admin_snapshot(url) == row, f"{url} changed its row for {posted!r}"
        assert "errorlist" in response.content.decode() or "errornote" in response.content.decode(), url


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_junk_in_any_admin_form_gets_messages_and_a_refused_post_writes_nothing(client, admin_forms, data):
    for url, names, management in admin_forms:
        posted = {**{name: data.draw(junk, label=name) for name in names}, **management}
        _post_admin_junk(client, url, posted)


@pytest.mark.parametrize("value", [str(2**70), "sNaN", "\x00"])  # Infinity, 1e999: test_admin_forms
def test_a_value_known_to_break_form_fields_is_refused_in_every_admin_form(client, admin_forms, value):
    for url, names, management in admin_forms:
        _post_admin_junk(client, url, {**dict.fromkeys(names, value), **management})
