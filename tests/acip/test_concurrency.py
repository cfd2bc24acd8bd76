"""Two people edit the same record at once: the second save is refused, names who changed what and when, shows both
values, writes nothing, and a field that the second person never touched is not reverted (acip/lib/concurrency.py).

Each editable model is edited twice over, from the same opened form: in the app's edit page and in the admin.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from acip.lib.concurrency import VERSION
from acip.roles import GROUP_STAFF
from tests.acip.factories import (
    DonorFactory,
    FundingAgreementFactory,
    PhaseFactory,
    ProgrammeFactory,
    UserFactory,
    factor,
)
from tests.admin_forms import admin_form_data
from tests.meetings.factories import (
    AttendanceFactory,
    CommitmentFactory,
    MeetingFactory,
    NoteFactory,
    SideMeetingFactory,
)
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db(transaction=False)


def person(first_name: str, *, superuser: bool = False) -> Client:
    user = UserFactory(first_name=first_name, last_name="Tester", is_staff=superuser, is_superuser=superuser)
    user.groups.add(Group.objects.get_or_create(name=GROUP_STAFF)[0])
    client = Client()
    client.force_login(user)
    return client


def page_data(response) -> dict:
    """What the app's edit page posts as it stands: its form's values and any formset's."""
    data = {}
    context = response.context
    for value in (context[key] for key in context.keys()):
        formset_forms = getattr(value, "forms", None)
        if hasattr(value, "management_form") and formset_forms is not None:
            management = value.management_form
            data.update({management.add_prefix(n): management[n].value() for n in management.fields})
            forms = formset_forms
        elif hasattr(value, "fields") and hasattr(value, "add_prefix") and hasattr(value, "instance"):
            forms = [value]
        else:
            continue
        for form in forms:
            for bound in form:
                current = bound.value()
                if isinstance(current, list | tuple):
                    data[bound.html_name] = [str(item) for item in current]
                elif current is True:
                    data[bound.html_name] = "on"
                elif current is not None and current is not False:
                    data[bound.html_name] = str(current)
    return data


def ahead(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


# For each edit page of the app: the record, its URL, and two fields that two people change, each a value of its own.
def _app_cases():
    partner = PartnerFactory()
    plan = CountryPlanFactory(partner=partner, version=1)
    outcome = OutcomeFactory(plan=plan)
    outcome.factors.set([factor(1)])
    indicator = IndicatorFactory(outcome=outcome, baseline=Decimal(40))
    value = IndicatorValueFactory(indicator=indicator, period=2022, target=Decimal(50))
    assessment = AssessmentFactory(partner=partner)
    for number in range(1, 11):
        AssessmentScoreFactory(assessment=assessment, factor=factor(number), group="officials", score=50)
    activity = ActivityFactory(partner=partner)
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, partner=partner)
    side_meeting = SideMeetingFactory(meeting=meeting, partner=partner, held_on=meeting.starts_on)
    commitment = CommitmentFactory(side_meeting=side_meeting, partner=partner)
    slug = partner.slug
    return [
        (plan, reverse("partners:plan_update", args=[slug, plan.pk]), ("title", "Plan A"), ("general_outcome", "B")),
        (outcome, reverse("partners:outcome_update", args=[slug, outcome.pk]), ("title", "A"), ("description", "B")),
        (indicator, reverse("partners:indicator_update", args=[slug, indicator.pk]), ("name", "A"), ("unit", "B")),
        (value, reverse("partners:value_update", args=[slug, value.pk]), ("source", "A"), ("comment", "B")),
        (
            assessment,
            reverse("partners:assessment_update", args=[slug, assessment.pk]),
            ("title", "A"),
            ("provider", "B"),
        ),
        (
            activity,
            reverse("partners:activity_update", args=[slug, activity.pk]),
            ("title", "A"),
            ("description", "B"),
        ),
        (meeting, reverse("meetings:update", args=[meeting.uuid]), ("title", "A"), ("place", "B")),
        (
            side_meeting,
            reverse("meetings:side_meeting_update", args=[side_meeting.uuid]),
            ("purpose", "A"),
            ("key_outcomes", "B"),
        ),
        (
            commitment,
            reverse("meetings:commitment_update", args=[commitment.uuid]),
            ("title", "A"),
            ("description", "B"),
        ),
    ]


def _two_people_edit(first: Client, second: Client, url: str, read=page_data):
    """Both open the page; the first saves. Answers the second's form data, opened before the first's save."""
    pages = first.get(url), second.get(url)
    for page in pages:
        assert f'name="{VERSION}"' in page.content.decode(), f"{url} does not carry the version it was opened on"
    return read(pages[0]), read(pages[1])


def test_every_app_edit_refuses_a_save_against_a_newer_version_and_keeps_both_changes():
    ana, ben = person("Ana"), person("Ben")
    for obj, url, (field_a, value_a), (field_b, value_b) in _app_cases():
        for_ana, for_ben = _two_people_edit(ana, ben, url)
        assert for_ana[VERSION], url

        saved = ana.post(url, {**for_ana, field_a: value_a})
        assert saved.status_code == 302, (url, saved.context and saved.context["form"].errors)
        after_ana = type(obj).objects.get(pk=obj.pk)

        refused = ben.post(url, {**for_ben, field_b: value_b})

        assert refused.status_code == 200, url
        stored = type(obj).objects.get(pk=obj.pk)
        assert stored.updated_at == after_ana.updated_at, f"{url}: the second save wrote"
        assert getattr(stored, field_b) != value_b, url
        form = refused.context["form"]
        (message,) = form.non_field_errors()
        label = str(form.fields[field_a].label)
        assert "Ana Tester" in message and label in message, (url, message)
        # Ben never touched Ana's field: the form shown again holds her value, and his own change.
        assert form[field_a].value() == value_a, url
        assert form[field_b].value() == value_b, url

        merged = ben.post(url, page_data(refused))

        assert merged.status_code == 302, (url, merged.context and merged.context["form"].errors)
        stored = type(obj).objects.get(pk=obj.pk)
        assert (getattr(stored, field_a), getattr(stored, field_b)) == (value_a, value_b), url


def test_a_field_both_people_changed_shows_the_stored_value_next_to_yours():
    ana, ben = person("Ana"), person("Ben")
    plan = CountryPlanFactory(title="Project Information Document")
    url = reverse("partners:plan_update", args=[plan.partner.slug, plan.pk])
    for_ana, for_ben = _two_people_edit(ana, ben, url)
    assert ana.post(url, {**for_ana, "title": "Ana's title"}).status_code == 302

    refused = ben.post(url, {**for_ben, "title": "Ben's title"})

    form = refused.context["form"]
    assert form["title"].value() == "Ben's title"
    assert form.errors["title"] == ["Saved meanwhile as: Ana's title. Yours is in the field: keep it, or take theirs."]
    plan.refresh_from_db()
    assert plan.title == "Ana's title"
    assert "Ana Tester changed Title on " in refused.content.decode()


def test_a_service_that_finds_a_newer_row_under_its_lock_refuses_too():
    # The race between the form's check and the service's lock: the service's own check answers.
    from acip.lib.concurrency import EditConflict, version_of
    from partners.services import plan_save

    plan = CountryPlanFactory(title="Old")
    opened = version_of(plan)
    plan_save(partner=plan.partner, plan=plan, data={"title": "First"})
    with pytest.raises(EditConflict):
        plan_save(
            partner=plan.partner, plan=plan, data={"title": "Second", VERSION: datetime.datetime.fromisoformat(opened)}
        )
    plan.refresh_from_db()
    assert plan.title == "First"


def test_a_junk_version_is_refused_with_a_message():
    ana = person("Ana")
    plan = CountryPlanFactory(title="Old")
    url = reverse("partners:plan_update", args=[plan.partner.slug, plan.pk])
    data = page_data(ana.get(url))
    for junk in ["yesterday", "2024-01-01T00:00:00", "9999-99-99", "\x00"]:
        response = ana.post(url, {**data, "title": "New", VERSION: junk})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            "This form is out of date: open the record again and redo your change."
        ]
    plan.refresh_from_db()
    assert plan.title == "Old"


# The admin: every model with a change page, its record, and two fields that two people change.
def _admin_cases():
    partner = PartnerFactory()
    programme = ProgrammeFactory()
    plan = CountryPlanFactory(partner=partner)
    outcome, other_outcome = OutcomeFactory(plan=plan), OutcomeFactory(plan=plan)
    for each in (outcome, other_outcome):
        each.factors.set([factor(2)])
    assessment = AssessmentFactory(partner=partner)
    side_meeting = SideMeetingFactory(partner=partner)
    return [
        (programme, ("name", "A"), ("objective", "B")),
        (PhaseFactory(programme=programme), ("name", "A"), ("description", "B")),
        (DonorFactory(), ("name", "A"), ("country", "B")),
        (FundingAgreementFactory(), ("title", "A"), ("reference", "B")),
        (partner, ("name", "A"), ("acronym", "B")),
        (ContactFactory(partner=partner), ("name", "A"), ("job_title", "B")),
        (plan, ("title", "A"), ("general_outcome", "B")),
        (outcome, ("title", "A"), ("description", "B")),
        (IndicatorFactory(outcome=other_outcome), ("name", "A"), ("unit", "B")),
        (IndicatorValueFactory(period=2021), ("source", "A"), ("comment", "B")),
        (assessment, ("title", "A"), ("provider", "B")),
        (ActivityFactory(partner=partner), ("title", "A"), ("description", "B")),
        (MeetingFactory(), ("title", "A"), ("place", "B")),
        (AttendanceFactory(partner=partner), ("partner", str(PartnerFactory().pk)), ("contacts", [])),
        (side_meeting, ("purpose", "A"), ("key_outcomes", "B")),
        (NoteFactory(side_meeting=side_meeting), ("text", "A"), ("tier", "partner")),
        (CommitmentFactory(side_meeting=side_meeting, partner=partner), ("title", "A"), ("description", "B")),
    ]


def _admin_errors(response):
    if response.context is None:
        return None
    return response.context["adminform"].form.errors, [
        i.formset.errors for i in response.context["inline_admin_formsets"]
    ]


def _stored(obj, name):
    value = getattr(type(obj).objects.get(pk=obj.pk), name)
    if hasattr(value, "all"):
        return [str(item.pk) for item in value.all()]
    return str(value.pk) if hasattr(value, "pk") else value


def test_every_admin_change_form_refuses_a_save_against_a_newer_version_and_keeps_both_changes():
    ana, ben = person("Ana", superuser=True), person("Ben", superuser=True)
    for obj, (field_a, value_a), (field_b, value_b) in _admin_cases():
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        for_ana, for_ben = _two_people_edit(ana, ben, url, read=admin_form_data)
        assert for_ana.get(VERSION), url

        saved = ana.post(url, {**for_ana, field_a: value_a})
        assert saved.status_code == 302, (url, _admin_errors(saved))
        after_ana = type(obj).objects.get(pk=obj.pk)

        refused = ben.post(url, {**for_ben, field_b: value_b})

        assert refused.status_code == 200, url
        assert type(obj).objects.get(pk=obj.pk).updated_at == after_ana.updated_at, f"{url}: the second save wrote"
        form = refused.context["adminform"].form
        assert len(form.non_field_errors()) == 1, (url, form.errors)
        (message,) = form.non_field_errors()
        assert "Ana Tester" in message and str(form.fields[field_a].label) in message, (url, message)
        assert message in refused.content.decode()

        merged = ben.post(url, admin_form_data(refused))

        assert merged.status_code == 302, (url, _admin_errors(merged))
        assert (_stored(obj, field_a), _stored(obj, field_b)) == (value_a, value_b), url


def test_the_focal_point_form_refuses_a_save_against_a_newer_version():
    ana, ben = person("Ana"), person("Ben")
    partner = PartnerFactory()
    url = reverse("partners:focal_point_update", args=[partner.slug])
    for_ana, for_ben = _two_people_edit(ana, ben, url)
    assert ana.post(url, {**for_ana, "focal_point": ana.session["_auth_user_id"]}).status_code == 302

    refused = ben.post(url, {**for_ben, "focal_point": ben.session["_auth_user_id"]})

    assert refused.status_code == 200
    partner.refresh_from_db()
    assert str(partner.focal_point_id) == ana.session["_auth_user_id"]
    assert "Ana Tester changed" in refused.content.decode()


def test_reminder_settings_opened_in_two_tabs_do_not_overwrite_each_other():
    from acip.reminders.models import ReminderPreference

    first = person("Ana")
    user_id = first.session["_auth_user_id"]
    second = Client()
    second.force_login(ReminderPreference._meta.get_field("user").related_model.objects.get(pk=user_id))
    ReminderPreference.objects.create(user_id=user_id)
    url = reverse("reminders:preferences")
    in_first, in_second = _two_people_edit(first, second, url)
    in_first.pop("digest", None)  # the digest turned off in one tab
    assert first.post(url, in_first).status_code == 302

    refused = second.post(url, {**in_second, "language": "fr"})

    assert refused.status_code == 200
    stored = ReminderPreference.objects.get(user_id=user_id)
    assert (stored.digest, stored.language) == (False, ReminderPreference._meta.get_field("language").default)
    # The settings keep no history, so the message cannot name who: it says that they changed since.
    (message,) = refused.context["form"].non_field_errors()
    assert "after you opened this form" in message
