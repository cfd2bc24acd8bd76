"""The Django admin as a whole: every registered model answers, and no changelist's query count grows with its rows.

The tests walk `admin.site._registry`, so a model registered later is covered without a new test; a model with a
factory gets the query-count test too.
"""

import itertools

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factory.django import DjangoModelFactory

from acip.models import FundingAgreement, IntegrityFactor, Profile, Programme, Region
from meetings.models import Attendance, Commitment, Meeting, SideMeeting
from partners.models import (
    Activity,
    AssessmentScore,
    Contact,
    CountryPlan,
    Indicator,
    Outcome,
    PartnerAdministration,
    StatusChange,
)
from tests.acip import factories as acip_factories
from tests.acip.factories import (
    DonorFactory,
    FundingAgreementFactory,
    PhaseFactory,
    ProfileFactory,
    ProgrammeFactory,
    UserFactory,
    factor,
)
from tests.admin_forms import admin_form_data
from tests.documents import factories as documents_factories
from tests.meetings import factories as meetings_factories
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    NoteFactory,
    SideMeetingFactory,
)
from tests.partners import factories as partners_factories
from tests.partners.factories import (
    ActivityFactory,
    AssessmentScoreFactory,
    ContactFactory,
    IndicatorFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)
from tests.reminders import factories as reminders_factories

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["acip", "partners", "meetings", "reminders", "documents"]
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)

# Reference rows come from a migration (factors, regions) or are made by hand (groups): no factory makes more.
REFERENCE_DATA = {IntegrityFactor, Region, Group}


def _factories_by_model() -> dict:
    found = {}
    for module in (acip_factories, partners_factories, meetings_factories, reminders_factories, documents_factories):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, DjangoModelFactory) and value._meta.model is not None:
                found[value._meta.model] = value
    return found


FACTORIES = _factories_by_model()


def _outcome(n):
    outcome = OutcomeFactory()
    outcome.factors.add(factor(1), factor(n % 10 + 1))
    return outcome


def _meeting(n):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting)
    SideMeetingFactory(meeting=meeting)
    return meeting


def _attendance(n):
    attendance = AttendanceFactory()
    attendance.contacts.add(ContactFactory(partner=attendance.partner))
    return attendance


def _side_meeting(n):
    side_meeting = SideMeetingFactory(status_change=StatusChangeFactory())
    NoteFactory(side_meeting=side_meeting)
    CommitmentFactory(side_meeting=side_meeting)
    return side_meeting


def _partner(n):
    partner = PartnerFactory()
    StatusChangeFactory(partner=partner)
    return partner


# Rows with their optional relations filled in, so that a column reading one without `list_select_related` (or a
# count without an annotation) shows up as a query per row. A model not listed gets its plain factory.
FULL_ROWS = {
    Programme: lambda n: (
        PhaseFactory(
            programme=ProgrammeFactory(name=f"Programme {n}", short_name=f"P{n}", slug=f"programme-{n}")
        ).programme
    ),
    FundingAgreement: lambda n: FundingAgreementFactory(phase=PhaseFactory(), partners=[PartnerFactory()]),
    Profile: lambda n: ProfileFactory(partner=PartnerFactory()) if n % 2 else ProfileFactory(donor=DonorFactory()),
    PartnerAdministration: _partner,
    Contact: lambda n: ContactFactory(user=UserFactory()),
    StatusChange: lambda n: StatusChangeFactory(recorded_by=UserFactory()),
    CountryPlan: lambda n: OutcomeFactory().plan,
    Outcome: _outcome,
    Indicator: lambda n: IndicatorFactory() if n % 2 else IndicatorFactory(outcome=None, programme=ProgrammeFactory()),
    AssessmentScore: lambda n: AssessmentScoreFactory(factor=factor(n % 10 + 1)),
    Activity: lambda n: ActivityFactory(outcome=OutcomeFactory()),
    Meeting: _meeting,
    Attendance: _attendance,
    SideMeeting: _side_meeting,
    Commitment: lambda n: CommitmentFactory(owner_contact=ContactFactory(), owner_user=UserFactory()),
}

WITH_FACTORY = [model for model in REGISTERED if model in FACTORIES]


def make_row(model, n: int):
    if model in FULL_ROWS:
        return FULL_ROWS[model](n)
    return FACTORIES[model]()


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def label(model) -> str:
    return model._meta.label


def test_every_model_of_the_project_is_registered():
    models = [
        model
        for app_label in PROJECT_APPS
        for model in apps.get_app_config(app_label).get_models()
        # django-simple-history's tables are shown through their model's History button.
        if not model.__name__.startswith("Historical")
    ]
    assert [label(model) for model in models if model not in admin.site._registry] == []


def test_every_registered_model_of_ours_has_a_factory_unless_it_is_reference_data():
    # Third-party admins (django-axes' access logs) are out of scope: they are the library's to test.
    ours = [model for model in REGISTERED if model._meta.app_label in [*PROJECT_APPS, "auth"]]
    assert [label(model) for model in ours if model not in FACTORIES and model not in REFERENCE_DATA] == []


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_answers(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_add_page_answers(admin_client, admin_user, rf, model):
    request = rf.get("/")
    request.user = admin_user
    # django-axes' logs are written by the library only: their admin refuses to add one.
    expected = 200 if admin.site._registry[model].has_add_permission(request) else 403

    assert admin_client.get(admin_url(model, "add")).status_code == expected


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_searches_and_sorts_by_every_column(admin_client, model):
    if model in FACTORIES:
        make_row(model, 1)
    url = admin_url(model, "changelist")
    columns = len(admin_client.get(url).context["cl"].list_display)

    response = admin_client.get(url, {"q": "a", "o": ".".join(str(i) for i in range(columns))})

    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_change_page_answers(admin_client, model):
    obj = make_row(model, 1) if model in FACTORIES else model._default_manager.first()
    if obj is None:
        pytest.skip(f"no {label(model)} row to open")
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def _autocomplete_fields():
    for model, model_admin in admin.site._registry.items():
        for owner in [model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)]:
            for field_name in owner.autocomplete_fields:
                yield pytest.param(owner.model, field_name, id=f"{label(owner.model)}.{field_name}")


@pytest.mark.parametrize(("model", "field_name"), list(_autocomplete_fields()))
def test_autocomplete_answers(admin_client, model, field_name):
    query = {"app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": field_name}

    response = admin_client.get(reverse("admin:autocomplete"), {**query, "term": "a"})

    assert response.status_code == 200


def _queries(captured) -> str:
    return "\n".join(query["sql"] for query in captured.captured_queries)


@pytest.mark.parametrize("model", WITH_FACTORY, ids=label)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    sequence = itertools.count()
    make_row(model, next(sequence))
    url = admin_url(model, "changelist")
    admin_client.get(url)  # warm the caches (content types, the site), which a real server keeps warm

    with CaptureQueriesContext(connection) as few:
        rows_before = admin_client.get(url).context["cl"].result_count
    for _ in range(5):
        make_row(model, next(sequence))
    with CaptureQueriesContext(connection) as many:
        rows_after = admin_client.get(url).context["cl"].result_count

    assert rows_after >= rows_before + 5
    assert len(many) == len(few), f"{rows_before} rows:\n{_queries(few)}\n\n{rows_after} rows:\n{_queries(many)}"


@pytest.mark.parametrize("role", ["delegate", "donor", "staff", "none"])
def test_the_user_page_gives_a_role_and_its_link_in_one_choice(admin_client, role):
    from acip.roles import membership_of

    user = UserFactory()
    partner, donor = PartnerFactory(), DonorFactory()
    url = admin_url(type(user), "change", user.pk)
    data = admin_form_data(admin_client.get(url))
    data.update(role=role, role_partner=partner.pk if role == "delegate" else "")
    data["role_donor"] = donor.pk if role == "donor" else ""

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    user = type(user).objects.get(pk=user.pk)
    membership = membership_of(user)
    assert membership.role == role
    assert membership.partner_id == (partner.pk if role == "delegate" else None)
    assert membership.donor_id == (donor.pk if role == "donor" else None)
    # and the page shows the role back
    assert admin_client.get(url).context["adminform"].form["role"].value() == role


@pytest.mark.parametrize(
    ("role", "partner", "donor", "field", "message"),
    [
        ("delegate", False, False, "role_partner", "A partner delegate belongs to one administration"),
        ("donor", False, False, "role_donor", "A donor viewer reads for one donor"),
        ("staff", True, False, "role_partner", "Only a partner delegate is linked to an administration."),
        ("delegate", True, True, "role_donor", "Only a donor viewer is linked to a donor."),
    ],
)
def test_the_user_page_refuses_an_inconsistent_role(admin_client, role, partner, donor, field, message):
    user = UserFactory()
    url = admin_url(type(user), "change", user.pk)
    data = admin_form_data(admin_client.get(url))
    data.update(role=role, role_partner=PartnerFactory().pk if partner else "")
    data["role_donor"] = DonorFactory().pk if donor else ""

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])
    assert not user.groups.exists() and not Profile.objects.filter(user=user).exists()


def test_the_user_page_refuses_to_overwrite_a_newer_save(admin_client):
    user = UserFactory(email="old@example.org")
    url = admin_url(type(user), "change", user.pk)
    data = admin_form_data(admin_client.get(url))
    type(user).objects.filter(pk=user.pk).update(email="newer@example.org")  # someone else saved meanwhile
    data.update(email="mine@example.org", role="staff")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "This form is out of date" in " ".join(response.context["adminform"].form.non_field_errors())
    user.refresh_from_db()
    assert user.email == "newer@example.org" and not user.groups.exists()
    fresh = admin_form_data(admin_client.get(url))
    fresh.update(email="mine@example.org", role="staff")
    assert admin_client.post(url, fresh).status_code == 302


def test_a_new_user_is_created_with_their_role(admin_client):
    partner = PartnerFactory()
    response = admin_client.post(
        admin_url(Profile._meta.get_field("user").related_model, "add"),
        {
            "username": "kofi",
            "email": "kofi@example.org",
            "usable_password": "false",
            "role": "delegate",
            "role_partner": partner.pk,
        },
    )
    assert response.status_code == 302
    from acip.roles import membership_of

    user = Profile.objects.get(user__username="kofi").user
    assert membership_of(user).partner_id == partner.pk and not user.has_usable_password()


def test_the_invite_action_mails_a_link_that_sets_the_password_and_expires(admin_client, client, mailoutbox, settings):
    from django.contrib.auth import get_user_model

    user = UserFactory(username="ama", email="ama@example.org")
    user.set_unusable_password()
    user.save()
    silent = UserFactory(username="nomail", email="")
    changelist = admin_url(get_user_model(), "changelist")

    response = admin_client.post(
        changelist, {"action": "invite", "_selected_action": [user.pk, silent.pk]}, follow=True
    )

    assert "1 invitation was sent." in response.text
    assert "nomail has no e-mail address" in " ".join(str(m) for m in response.context["messages"]), [
        str(m) for m in response.context["messages"]
    ]
    assert [message.to for message in mailoutbox] == [["ama@example.org"]]
    assert mailoutbox[0].from_email == settings.DEFAULT_FROM_EMAIL
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "new_password1" in form_page.text
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "A-long-new-pass-42", "new_password2": "A-long-new-pass-42"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("A-long-new-pass-42")
    # used once: the same link no longer works
    assert "new_password1" not in client.get(path, follow=True).text


def test_an_invitation_link_expires(client, settings):
    import datetime

    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = UserFactory()
    token = default_token_generator.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    later = datetime.datetime.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    default_token_generator._now = lambda: later
    try:
        assert not default_token_generator.check_token(user, token)
    finally:
        del default_token_generator._now
    assert uid


def test_user_list_shows_what_each_user_is_linked_to(admin_client):
    ProfileFactory(user=UserFactory(username="kofi"), partner=PartnerFactory(country_name="Ghana"))

    response = admin_client.get(admin_url(Profile._meta.get_field("user").related_model, "changelist"))

    assert "Ghana" in response.text


def test_changing_a_programme_records_its_history_with_the_administrator(admin_client, admin_user):
    programme = ProgrammeFactory()
    url = admin_url(Programme, "change", programme.pk)
    data = admin_form_data(admin_client.get(url))
    data["objective"] = "Integrity in Customs."

    response = admin_client.post(url, data)

    assert response.status_code == 302
    latest = programme.history.latest()
    assert (latest.objective, latest.history_user) == ("Integrity in Customs.", admin_user)
    assert admin_client.get(admin_url(Programme, "history", programme.pk)).status_code == 200
