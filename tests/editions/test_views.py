import pytest
from django.urls import reverse

from acip.editions.models import Edition
from tests.editions.conftest import DAY, TODAY
from tests.meetings.factories import MeetingFactory
from tests.partners.factories import StatusChangeFactory
from tests.queries import NAV

pytestmark = pytest.mark.django_db

LIST = reverse("editions:list")
CREATE = reverse("editions:create")


def detail(edition, **query):
    url = reverse("editions:detail", args=[edition.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# The list
def test_the_list_shows_each_edition_with_its_partner_count(staff_client, programme, freeze):
    programme(3)
    freeze(title="Spring edition")
    response = staff_client.get(LIST)
    assert response.status_code == 200
    assert "Spring edition" in response.content.decode()
    assert response.context["editions"][0].partner_count == 3


def test_anonymous_is_sent_to_login(client):
    assert reverse("login") in client.get(LIST)["Location"]


@pytest.mark.parametrize("persona", ["delegate_client", "donor_client"])
def test_delegates_and_donors_get_404_everywhere(request, persona, programme, freeze):
    programme(1)
    edition = freeze()
    client = request.getfixturevalue(persona)
    for url in (LIST, CREATE, detail(edition)):
        assert client.get(url).status_code == 404
    assert client.post(CREATE, {"title": "X", "frozen_on": TODAY.isoformat()}).status_code == 404
    assert Edition.objects.count() == 1


def test_the_list_refuses_a_post(staff_client):
    assert staff_client.post(LIST).status_code == 405


def test_staff_navigation_links_to_editions(staff_client, delegate_client):
    assert f'href="{LIST}"' in staff_client.get(reverse("dashboard:home")).content.decode()
    assert f'href="{LIST}"' not in delegate_client.get(reverse("meetings:list")).content.decode()


@pytest.mark.parametrize("size", [1, 4])
def test_the_list_takes_a_fixed_number_of_queries(staff_client, freeze, size, django_assert_num_queries):
    for n in range(size):
        freeze(title=f"Edition {n}", meeting=MeetingFactory())
    # session, user, groups and profile (the role), then the editions with their counts, sessions and users, and
    # the navigation's "My work" count (tests/queries.py)
    with django_assert_num_queries(5 + NAV):
        response = staff_client.get(LIST)
    assert len(response.context["editions"]) == size


# The freeze form
def test_the_form_proposes_today(staff_client):
    response = staff_client.get(CREATE)
    assert response.status_code == 200
    assert response.context["form"]["frozen_on"].value() == TODAY


def test_freezing_makes_the_edition_and_shows_it(staff_client, staff, programme):
    programme(2)
    response = staff_client.post(CREATE, {"title": "Autumn edition", "frozen_on": TODAY.isoformat()})
    edition = Edition.objects.get()
    assert response.status_code == 302 and response["Location"] == edition.get_absolute_url()
    assert (edition.title, edition.frozen_on, edition.created_by) == ("Autumn edition", TODAY, staff)
    assert edition.entries.count() == 2
    assert edition.history.get().history_user == staff


def test_an_edition_at_a_session_takes_its_title(staff_client, programme):
    programme(1)
    session = MeetingFactory(title="18th Integrity Sub-Committee")
    staff_client.post(CREATE, {"title": "", "frozen_on": TODAY.isoformat(), "meeting": session.pk})
    edition = Edition.objects.get()
    assert (edition.title, edition.meeting) == ("18th Integrity Sub-Committee", session)


@pytest.mark.parametrize(
    "data, field",
    [
        ({"title": "Future", "frozen_on": (TODAY + DAY).isoformat()}, "frozen_on"),
        ({"title": "", "frozen_on": TODAY.isoformat()}, "title"),
        ({"title": "No date", "frozen_on": "31/31/2026"}, "frozen_on"),
        ({"title": "A workshop", "frozen_on": TODAY.isoformat(), "meeting": "workshop"}, "meeting"),
        ({"title": "x" * 201, "frozen_on": TODAY.isoformat()}, "title"),
        ({}, "frozen_on"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_stores_nothing(staff_client, data, field):
    if data.get("meeting") == "workshop":
        data["meeting"] = MeetingFactory(kind="workshop", committee="").pk
    response = staff_client.post(CREATE, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="invalid-feedback"' in response.content.decode() or "invalid-feedback" in response.content.decode()
    assert not Edition.objects.exists()


# An edition's page
def test_a_first_edition_says_there_is_nothing_to_compare(staff_client, programme, freeze):
    programme(1)
    response = staff_client.get(detail(freeze()))
    assert "This is the first edition" in response.content.decode()


def entry(edition, partner):
    return reverse("editions:entry", args=[edition.pk, partner.pk])


def test_the_pages_show_the_frozen_facts_after_the_records_change(staff_client, programme, freeze):
    (partner,) = programme(1)
    edition = freeze()
    partner.status_changes.update(reason="Rewritten today", stage="monitoring")
    body = staff_client.get(detail(edition)).content.decode()
    assert "Planning" in body and "Monitoring" not in body
    body = staff_client.get(entry(edition, partner)).content.decode()
    assert f"Why {partner.slug}" in body and "Rewritten today" not in body
    assert f"Commitment of {partner.slug}" in body and f"Assessment of {partner.slug}" in body


def test_a_partner_outside_the_edition_is_404(staff_client, programme, freeze):
    programme(1)
    edition = freeze()
    (later,) = programme(1)
    assert staff_client.get(entry(edition, later)).status_code == 404
    assert staff_client.get(reverse("editions:entry", args=[999, later.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["delegate_client", "donor_client"])
def test_delegates_and_donors_get_404_on_a_partners_snapshot(request, persona, programme, freeze):
    (partner,) = programme(1)
    edition = freeze()
    assert request.getfixturevalue(persona).get(entry(edition, partner)).status_code == 404


@pytest.mark.parametrize("size", [1, 4])
def test_a_partners_snapshot_takes_a_fixed_number_of_queries(
    staff_client, programme, freeze, size, django_assert_num_queries
):
    partners = programme(size)
    edition = freeze()
    # session, user, groups and profile (the role), the edition, the entry, the navigation's "My work" count
    with django_assert_num_queries(6 + NAV):
        response = staff_client.get(entry(edition, partners[0]))
    assert response.status_code == 200


def test_the_page_compares_with_the_previous_edition_by_default(staff_client, programme, freeze):
    (partner,) = programme(1)
    first = freeze(title="First", frozen_on=TODAY - 10 * DAY)
    StatusChangeFactory(partner=partner, stage="implementation", health="at_risk", effective_on=TODAY - DAY)
    second = freeze(title="Second")
    response = staff_client.get(detail(second))
    assert response.context["other"] == first
    assert [line.text for line in response.context["summary"]] == [
        "1 partner moved to Implementation",
        "1 partner now at risk",
    ]


def test_the_user_may_pick_any_earlier_edition(staff_client, programme, freeze):
    (partner,) = programme(1)
    oldest = freeze(title="Oldest", frozen_on=TODAY - 20 * DAY)
    StatusChangeFactory(partner=partner, stage="implementation", effective_on=TODAY - 15 * DAY)
    freeze(title="Middle", frozen_on=TODAY - 10 * DAY)
    newest = freeze(title="Newest")
    assert staff_client.get(detail(newest)).context["summary"] == []
    response = staff_client.get(detail(newest, compare=oldest.pk))
    assert response.context["other"] == oldest
    assert [line.text for line in response.context["summary"]] == ["1 partner moved to Implementation"]


@pytest.mark.parametrize("value", ["junk", "99999999999999999999999", "-1", ""])
def test_a_bad_choice_gets_a_message_and_the_previous_edition(staff_client, programme, freeze, value):
    programme(1)
    first = freeze(title="First", frozen_on=TODAY - DAY)
    second = freeze(title="Second")
    response = staff_client.get(detail(second, compare=value))
    assert response.status_code == 200
    assert response.context["other"] == first
    assert "cannot be compared" in response.content.decode()
    assert response.context["form"].errors["compare"]


def test_a_later_edition_is_not_a_choice(staff_client, programme, freeze):
    programme(1)
    first = freeze(title="First", frozen_on=TODAY - DAY)
    second = freeze(title="Second")
    response = staff_client.get(detail(first, compare=second.pk))
    assert response.context["other"] is None
    assert response.context["form"].errors["compare"]


def test_a_missing_edition_is_404(staff_client):
    assert staff_client.get(reverse("editions:detail", args=[999])).status_code == 404


@pytest.mark.parametrize("size", [2, 6])
def test_the_page_takes_a_fixed_number_of_queries(staff_client, programme, freeze, size, django_assert_num_queries):
    programme(size)
    freeze(title="First", frozen_on=TODAY - DAY)
    second = freeze(title="Second")
    # session, user, groups and profile (the role), the edition, the earlier editions, both editions' entries, the
    # navigation's "My work" count
    with django_assert_num_queries(8 + NAV):
        response = staff_client.get(detail(second))
    assert len(response.context["entries"]) == size


def test_the_page_shows_three_of_each_list_of_changes_and_says_how_many_more_the_pdf_lists(
    staff_client, staff, programme, freeze, rf
):
    from acip.editions.views import CHANGES_SHOWN, _detail_context
    from tests.meetings.factories import CommitmentFactory

    (partner,) = programme(1)
    first = freeze(title="First", frozen_on=TODAY - 10 * DAY)
    for number in range(CHANGES_SHOWN + 2):
        CommitmentFactory(side_meeting__partner=partner, title=f"Raised since {number}", due_on=TODAY + 30 * DAY)
    second = freeze(title="Second")
    page = staff_client.get(detail(second, compare=first.pk)).content.decode()
    assert page.count("Raised since") == CHANGES_SHOWN and "And 2 more: the PDF lists them all." in page
    request = rf.get(detail(second))
    request.user = staff
    (change,) = _detail_context(request, second.pk, complete=True)["partner_changes"]
    assert len(change["opened"]) == CHANGES_SHOWN + 2 and "opened_more" not in change
