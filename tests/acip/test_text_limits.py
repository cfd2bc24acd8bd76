"""Every free-text field has a maximum length (acip.lib.fields.LimitedTextField), held everywhere: the field's own
validator in full_clean(), a CHECK in the database, and the admin's forms, where one character over is refused with
a message at the field and nothing is written. The app's own forms are tested in tests/<app>/test_text_limits.py."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from simple_history.models import HistoricalChanges

from acip.lib.fields import LimitedTextField, TextLengthConstraint
from acip.lib.forms import LimitedTextFormField
from tests.acip.factories import FundingAgreementFactory, PhaseFactory, ProgrammeFactory, factor
from tests.admin_forms import admin_form_data
from tests.meetings.factories import CommitmentFactory, MeetingFactory, NoteFactory, SideMeetingFactory
from tests.page_forms import all_rows
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

APPS = ("acip", "partners", "meetings")


def outcome_serving(integrity_factor):
    outcome = OutcomeFactory()
    outcome.factors.add(integrity_factor)
    return outcome


#: One row of every model that has free text, made as the tests need it.
MAKERS = {
    "acip.Programme": ProgrammeFactory,
    "acip.Phase": PhaseFactory,
    "acip.FundingAgreement": FundingAgreementFactory,
    "acip.IntegrityFactor": lambda: factor(1),
    "partners.StatusChange": StatusChangeFactory,
    "partners.CountryPlan": CountryPlanFactory,
    "partners.Outcome": lambda: outcome_serving(factor(1)),
    "partners.IndicatorValue": IndicatorValueFactory,
    "partners.Assessment": AssessmentFactory,
    "partners.Activity": ActivityFactory,
    "meetings.Meeting": MeetingFactory,
    "meetings.SideMeeting": SideMeetingFactory,
    "meetings.Note": NoteFactory,
    "meetings.Commitment": CommitmentFactory,
}


def live_models():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if not issubclass(model, HistoricalChanges):
                yield model


def text_fields():
    return [
        pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
        for model in live_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField)
    ]


def one_over(field) -> str:
    # Words and line breaks, as a person writes: a line break counts as one character, as the browser counts it.
    text = ("A sentence of the record.\n" * (field.max_length // 26 + 2))[: field.max_length + 1]
    assert len(text) == field.max_length + 1
    return text


def at_limit(field) -> str:
    return one_over(field)[: field.max_length - 1] + "."


@pytest.mark.parametrize(("model", "field"), text_fields())
def test_every_text_field_has_a_limit_that_the_database_enforces_too(model, field):
    assert isinstance(field, LimitedTextField), "a plain TextField takes any length: use LimitedTextField"
    name = f"{model._meta.model_name}_{field.name}_max_length"
    (constraint,) = [constraint for constraint in model._meta.constraints if constraint.name == name]
    assert isinstance(constraint, TextLengthConstraint)
    assert constraint.condition.rhs == field.max_length
    assert constraint.condition.lhs.source_expressions[0].name == field.name


@pytest.mark.parametrize(("model", "field"), text_fields())
def test_the_database_refuses_one_character_over(model, field):
    row = MAKERS[model._meta.label]()
    rows = model.objects.filter(pk=row.pk)

    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(**{field.name: one_over(field)})

    rows.update(**{field.name: at_limit(field)})
    assert len(getattr(rows.get(), field.name)) == field.max_length


@pytest.mark.parametrize(("model", "field"), text_fields())
def test_full_clean_refuses_one_character_over_with_a_message_at_the_field(model, field):
    row = MAKERS[model._meta.label]()
    setattr(row, field.name, one_over(field))

    with pytest.raises(ValidationError) as refused:
        row.full_clean()

    limit, length = f"{field.max_length:,}", f"{field.max_length + 1:,}"
    assert refused.value.message_dict[field.name] == [f"Shorten this to {limit} characters at most (it has {length})."]


def test_the_message_groups_the_numbers_as_the_language_writes_them():
    field = LimitedTextFormField(max_length=5000)
    with translation.override("fr"):
        with pytest.raises(ValidationError) as refused:
            field.clean("x" * 5001)
        assert refused.value.messages == [
            "Raccourcissez ce texte à 5\xa0000 caractères au plus (il en compte 5\xa0001)."
        ]


def test_a_line_break_counts_as_one_character_as_in_the_browser():
    field = LimitedTextFormField(max_length=10)
    # The browser sends each line break as CRLF; its maxlength and the counter count one character.
    assert field.clean("1234\r\n6789") == "1234\n6789"
    assert not field.has_changed("1234\r\n6789", "1234\r\n6789")
    with pytest.raises(ValidationError):
        field.clean("1234\r\n67890a")


def admin_cases():
    cases = []
    for model, field in ((p.values[0], p.values[1]) for p in text_fields()):
        cases.append(pytest.param(model, field.name, id=f"{model._meta.label}.{field.name}"))
    return cases


def add_only_data(row) -> dict:
    """A status is only ever added in the admin (never changed): post the add form with the row's values."""
    return {
        "partner": row.partner_id,
        "effective_on": row.effective_on.isoformat(),
        "stage": row.stage,
        "health": row.health,
        "tier": row.tier,
    }


@pytest.mark.parametrize(("model", "name"), admin_cases())
def test_the_admin_refuses_one_character_over_with_a_message_at_the_field(admin_client, model, name):
    field = model._meta.get_field(name)
    row = MAKERS[model._meta.label]()
    add_only = model._meta.label == "partners.StatusChange"
    view = "add" if add_only else "change"
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=[] if add_only else [row.pk])
    page = admin_client.get(url)
    content = page.content.decode()
    assert f'maxlength="{field.max_length}"' in content
    # The counter, linked to its textarea for a screen reader, and its script.
    assert re.search(rf'aria-describedby="[^"]*\bid_{name}_count"', content) and f'id="id_{name}_count"' in content
    assert static("js/char-count.js") in content
    data = admin_form_data(page)
    if add_only:
        data.update(add_only_data(row))
    data[name] = one_over(field)
    stored, rows = getattr(row, name), all_rows()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    limit, length = f"{field.max_length:,}", f"{field.max_length + 1:,}"
    errors = response.context["adminform"].form.errors
    assert errors == {name: [f"Shorten this to {limit} characters at most (it has {length})."]}
    row.refresh_from_db()
    assert (getattr(row, name), all_rows()) == (stored, rows)


def test_the_admin_refuses_a_reason_for_the_change_one_character_over(admin_client):
    indicator = IndicatorFactory(baseline=40)
    url = reverse("admin:partners_indicator_change", args=[indicator.pk])
    data = admin_form_data(admin_client.get(url))
    data.update(baseline="45", change_reason="x" * 2001)
    rows = all_rows()

    response = admin_client.post(url, data)

    assert response.context["adminform"].form.errors["change_reason"] == [
        "Shorten this to 2,000 characters at most (it has 2,001)."
    ]
    indicator.refresh_from_db()
    assert (indicator.baseline, all_rows()) == (40, rows)
