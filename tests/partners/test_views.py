"""The partners pages: the ladder for every view (anonymous, another administration's delegate, a reader on a write,
staff, wrong method), then what the status page and the list show to whom. What each staff form saves or refuses
is in test_views_forms.py."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import (
    Activity,
    Assessment,
    AssessmentScore,
    CountryPlan,
    Indicator,
    IndicatorValue,
    Outcome,
    StatusChange,
)
from tests.acip.factories import DonorFactory, FundingAgreementFactory, UserFactory, factor, region
from tests.meetings.factories import CommitmentFactory, SideMeetingFactory
from tests.partners.conftest import client_for, fill_partner
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate

# Every staff form: URL name, and the record (from the `records` fixture) whose pk the URL takes after the slug.
WRITE_URLS = [
    ("partners:status_create", None),
    ("partners:plan_create", None),
    ("partners:plan_update", "plan"),
    ("partners:outcome_create", "plan"),
    ("partners:outcome_update", "outcome"),
    ("partners:indicator_create", "outcome"),
    ("partners:indicator_update", "indicator"),
    ("partners:value_create", "indicator"),
    ("partners:value_update", "value"),
    ("partners:assessment_create", None),
    ("partners:assessment_update", "assessment"),
    ("partners:activity_create", None),
    ("partners:activity_update", "activity"),
]
WRITE_IDS = [name.split(":")[1] for name, _ in WRITE_URLS]
COUNTED = [StatusChange, CountryPlan, Outcome, Indicator, IndicatorValue, Assessment, AssessmentScore, Activity]


def write_url(name, key, partner, records):
    return reverse(name, args=[partner.slug, *([records[key].pk] if key else [])])


def row_counts():
    return [model.objects.count() for model in COUNTED]


def detail_url(partner):
    return reverse("partners:detail", args=[partner.slug])


# ---------------------------------------------------------------------------------------------------------------
# The ladder, for every staff form


@pytest.mark.parametrize(("name", "key"), WRITE_URLS, ids=WRITE_IDS)
def test_write_page_sends_anonymous_to_login(client, partner, records, name, key):
    response = client.get(write_url(name, key, partner, records))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "key"), WRITE_URLS, ids=WRITE_IDS)
def test_write_page_answers_404_to_a_delegate_of_another_administration(
    other_delegate_client, partner, records, name, key
):
    url = write_url(name, key, partner, records)
    before = row_counts()
    assert other_delegate_client.get(url).status_code == 404
    assert other_delegate_client.post(url, {"reason": "x"}).status_code == 404
    assert row_counts() == before


@pytest.mark.parametrize(("name", "key"), WRITE_URLS, ids=WRITE_IDS)
def test_write_page_answers_403_to_the_administrations_own_delegate(delegate_client, partner, records, name, key):
    url = write_url(name, key, partner, records)
    before = row_counts()
    assert delegate_client.get(url).status_code == 403
    response = delegate_client.post(
        url, {"effective_on": "2020-01-01", "stage": "scoping", "health": "on_track", "reason": "x", "tier": "staff"}
    )
    assert response.status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize(("name", "key"), WRITE_URLS, ids=WRITE_IDS)
def test_write_page_answers_403_to_a_donor_viewer(donor_client, partner, records, name, key):
    assert donor_client.post(write_url(name, key, partner, records), {}).status_code == 403


@pytest.mark.parametrize(("name", "key"), WRITE_URLS, ids=WRITE_IDS)
def test_write_page_shows_its_form_to_staff(staff_client, partner, records, name, key):
    response = staff_client.get(write_url(name, key, partner, records))
    assert response.status_code == 200
    assert "form" in response.context


@pytest.mark.parametrize(("name", "key"), WRITE_URLS, ids=WRITE_IDS)
def test_write_page_refuses_other_methods(staff_client, partner, records, name, key):
    assert staff_client.put(write_url(name, key, partner, records)).status_code == 405


@pytest.mark.parametrize(
    ("name", "key"),
    [(n, k) for n, k in WRITE_URLS if k],
    ids=[i for (n, k), i in zip(WRITE_URLS, WRITE_IDS, strict=True) if k],
)
def test_record_of_another_administration_answers_404_under_this_ones_address(
    staff_client, partner, other_partner, name, key, request
):
    other_records = request.getfixturevalue("records")  # made for `partner`...
    url = reverse(name, args=[other_partner.slug, other_records[key].pk])  # ...asked for under another slug
    assert staff_client.get(url).status_code == 404


def test_unknown_record_answers_404(staff_client, partner):
    assert staff_client.get(reverse("partners:plan_update", args=[partner.slug, 999999])).status_code == 404
    assert staff_client.get(reverse("partners:status_create", args=["no-such-country"])).status_code == 404


# ---------------------------------------------------------------------------------------------------------------
# The status page


def test_status_page_sends_anonymous_to_login(client, partner):
    response = client.get(detail_url(partner))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_status_page_answers_404_to_a_delegate_of_another_administration(other_delegate_client, partner):
    assert other_delegate_client.get(detail_url(partner)).status_code == 404


def test_status_page_answers_404_to_a_donor_who_does_not_fund_it(other_donor_client, partner):
    assert other_donor_client.get(detail_url(partner)).status_code == 404


def test_status_page_answers_404_for_an_unknown_slug(staff_client):
    assert staff_client.get(reverse("partners:detail", args=["atlantis"])).status_code == 404


def test_status_page_is_read_only(staff_client, partner):
    assert staff_client.post(detail_url(partner)).status_code == 405


def test_status_page_shows_staff_everything_with_edit_buttons(staff_client, partner):
    fill_partner(partner, 3, today=TODAY())
    response = staff_client.get(detail_url(partner))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["can_edit"] is True
    assert "Record a status change" in page
    assert 'id="history"' in page
    assert "Status reason 0" in page  # a staff-only reason


def test_delegate_never_sees_staff_only_text(delegate_client, staff_client, partner):
    StatusChangeFactory(partner=partner, tier="staff", reason="SECRET-REASON", effective_on=datetime.date(2024, 1, 1))
    StatusChangeFactory(
        partner=partner, tier="partner", reason="Shared reason", effective_on=datetime.date(2023, 1, 1)
    )
    secret = AssessmentFactory(partner=partner, tier="staff", title="SECRET-ASSESSMENT")
    AssessmentScoreFactory(assessment=secret, factor=factor(1), score=12)

    page = delegate_client.get(detail_url(partner)).content.decode()
    assert "SECRET-REASON" not in page
    assert "SECRET-ASSESSMENT" not in page
    assert "Reason: not shared." in page
    assert "Shared reason" in page
    assert "Record a status change" not in page
    assert 'id="history"' not in page

    staff_page = staff_client.get(detail_url(partner)).content.decode()
    assert "SECRET-REASON" in staff_page
    assert "SECRET-ASSESSMENT" in staff_page


def test_delegate_sees_the_current_status_stage_and_health_even_when_its_reason_is_staff_only(
    delegate_client, partner
):
    StatusChangeFactory(partner=partner, tier="staff", stage="suspended", health="off_track", reason="SECRET-REASON")
    response = delegate_client.get(detail_url(partner))
    assert response.context["page"].current_status.stage == "suspended"
    assert "Off track" in response.content.decode()


def test_donor_sees_only_donor_tier_text(donor_client, partner):
    StatusChangeFactory(
        partner=partner, tier="donors", reason="Donor-level reason", effective_on=datetime.date(2024, 1, 1)
    )
    StatusChangeFactory(
        partner=partner, tier="partner", reason="Partner-level reason", effective_on=datetime.date(2023, 1, 1)
    )
    AssessmentFactory(partner=partner, tier="partner", title="Confidential CIPS results")

    response = donor_client.get(detail_url(partner))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Donor-level reason" in page
    assert "Partner-level reason" not in page
    assert "Confidential CIPS results" not in page


def test_timeline_lists_earlier_changes_newest_first_with_the_side_meeting_that_agreed_them(staff_client, partner):
    oldest = StatusChangeFactory(partner=partner, stage="scoping", effective_on=datetime.date(2019, 4, 10))
    middle = StatusChangeFactory(partner=partner, stage="planning", effective_on=datetime.date(2020, 2, 18))
    StatusChangeFactory(partner=partner, stage="implementation", effective_on=datetime.date(2021, 6, 1))
    side_meeting = SideMeetingFactory(partner=partner, status_change=middle, meeting__title="19th ISC")

    page = staff_client.get(detail_url(partner))
    assert [s.pk for s in page.context["page"].earlier_statuses] == [middle.pk, oldest.pk]
    assert page.context["page"].current_status.stage == "implementation"
    html = page.content.decode()
    assert "19th ISC" in html
    assert str(side_meeting.uuid) in html


def test_an_activity_serves_an_outcome_only_where_the_reader_may_see_the_outcome(
    staff_client, delegate_client, donor_client, partner
):
    hidden = OutcomeFactory(plan__partner=partner, plan__tier="staff", title="SECRET-OUTCOME")
    shared = OutcomeFactory(plan__partner=partner, plan__tier="donors", title="Shared outcome")
    ActivityFactory(partner=partner, tier="donors", title="Serves the hidden one", outcome=hidden)
    ActivityFactory(partner=partner, tier="donors", title="Serves the shared one", outcome=shared)
    for client in (delegate_client, donor_client):
        page = client.get(detail_url(partner)).content.decode()
        assert "Serves the hidden one" in page
        assert "SECRET-OUTCOME" not in page
        assert "serves “Shared outcome”" in page
    assert "serves “SECRET-OUTCOME”" in staff_client.get(detail_url(partner)).content.decode()


def test_a_status_agreed_at_a_side_meeting_the_reader_may_not_see_names_no_meeting(
    staff_client, delegate_client, partner, other_partner
):
    status = StatusChangeFactory(partner=partner, tier="partner", reason="Agreed elsewhere")
    # Linked in the admin to another administration's side meeting.
    SideMeetingFactory(partner=other_partner, status_change=status, meeting__title="SECRET-MEETING")
    page = delegate_client.get(detail_url(partner)).content.decode()
    assert "Agreed elsewhere" in page
    assert "SECRET-MEETING" not in page
    assert "SECRET-MEETING" in staff_client.get(detail_url(partner)).content.decode()


def test_who_recorded_a_status_is_for_staff_alone(staff_client, delegate_client, donor_client, partner):
    recorder = UserFactory(first_name="Rita", last_name="Recorder")
    StatusChangeFactory(partner=partner, tier="donors", reason="Shared reason", recorded_by=recorder)
    for client in (delegate_client, donor_client):
        page = client.get(detail_url(partner)).content.decode()
        assert "Shared reason" in page
        assert "Rita Recorder" not in page
    assert "Recorded by Rita Recorder." in staff_client.get(detail_url(partner)).content.decode()


def test_an_open_commitment_names_only_an_owner_and_a_side_meeting_the_reader_may_see(
    delegate_client, partner, other_partner
):
    stranger = ContactFactory(partner=other_partner, name="SECRET-CONTACT")
    elsewhere = SideMeetingFactory(partner=other_partner, meeting__title="SECRET-MEETING")
    CommitmentFactory(
        partner=partner, side_meeting=elsewhere, owner_contact=stranger, tier="partner", title="Linked oddly"
    )
    page = delegate_client.get(detail_url(partner)).content.decode()
    assert "Linked oddly" in page
    assert "SECRET-CONTACT" not in page
    assert "SECRET-MEETING" not in page


def test_a_country_page_names_to_a_donor_viewer_their_own_donor_alone(
    staff_client, delegate_client, donor_client, partner, donor
):
    FundingAgreementFactory(donor=DonorFactory(name="SECRET-DONOR", short_name="SECRET"), partners=[partner])
    page = donor_client.get(detail_url(partner)).content.decode()
    assert donor.name in page
    assert "SECRET" not in page
    # A delegate is told of no donor: the page does not speak of funding to them.
    delegate_page = delegate_client.get(detail_url(partner)).content.decode()
    assert "SECRET" not in delegate_page and donor.name not in delegate_page
    assert "Funded by" not in delegate_page
    staff_page = staff_client.get(detail_url(partner)).content.decode()
    assert "SECRET-DONOR" in staff_page and donor.name in staff_page


def test_a_donor_viewer_reads_a_contacts_name_and_position_only(staff_client, delegate_client, donor_client, partner):
    ContactFactory(
        partner=partner,
        name="Ama Mensah",
        position="coordinator",
        job_title="Deputy Commissioner",
        email="ama.mensah@example.org",
        phone="+233 555 0101",
        language="fr",
    )
    personal = ["ama.mensah@example.org", "+233 555 0101", "Deputy Commissioner", "speaks French"]
    response = donor_client.get(detail_url(partner))
    page = response.content.decode()
    assert "Ama Mensah" in page and "A-CIP Coordinator" in page
    assert not [text for text in personal if text in page]
    contact = response.context["page"].contacts[0]
    assert (contact.email, contact.phone, contact.job_title, contact.language) == ("", "", "", "")
    for client in (delegate_client, staff_client):
        page = client.get(detail_url(partner)).content.decode()
        assert [text for text in personal if text in page] == personal


def test_journey_marks_the_stage_reached(staff_client, partner):
    StatusChangeFactory(partner=partner, stage="planning")
    steps = staff_client.get(detail_url(partner)).context["page"].journey
    assert [step.state for step in steps] == ["done", "done", "current", "todo", "todo", "todo"]


def test_indicator_shows_whether_it_is_on_track_with_the_rule(staff_client, partner, records):
    page = staff_client.get(detail_url(partner))
    indicator = page.context["page"].factor_groups[0].outcomes[0].indicator_list[0]
    assert indicator.reading.progress == "off_track"  # 45 against 50 from a baseline of 40
    html = page.content.decode()
    assert "How we judge an indicator" in html
    assert "Judged on 2022" in html


def test_factor_profile_compares_latest_previous_and_baseline_rounds(staff_client, partner):
    for year, score in [(2020, 40), (2021, 50), (2023, 65)]:
        assessment = AssessmentFactory(partner=partner, started_on=datetime.date(year, 1, 1), title=f"CIPS {year}")
        for number in range(1, 11):
            AssessmentScoreFactory(assessment=assessment, factor=factor(number), group="officials", score=score)
    response = staff_client.get(detail_url(partner))
    profile = response.context["page"].profile
    assert [c.key for c in profile.columns] == ["baseline", "previous", "latest"]
    assert profile.tables[0].rows[0].scores == [Decimal(40), Decimal(50), Decimal(65)]
    assert [d["data"][0] for d in profile.chart["groups"][0]["datasets"]] == [40.0, 50.0, 65.0]
    html = response.content.decode()
    assert 'id="factor-profile-data"' in html
    assert "factor-chart.js" in html


def test_late_activities_and_overdue_commitments_stand_out(staff_client, partner):
    today = TODAY()
    ActivityFactory(partner=partner, title="Late workshop", planned_start_on=today - datetime.timedelta(days=5))
    ActivityFactory(
        partner=partner, title="Done workshop", status="completed", planned_start_on=today - datetime.timedelta(days=5)
    )
    ActivityFactory(partner=partner, title="Coming workshop", planned_start_on=today + datetime.timedelta(days=5))
    CommitmentFactory(
        side_meeting__partner=partner, partner=partner, title="Overdue step", due_on=today - datetime.timedelta(days=1)
    )
    CommitmentFactory(
        side_meeting__partner=partner, partner=partner, title="Closed step", status="done", closed_at=timezone.now()
    )

    response = staff_client.get(detail_url(partner))
    page = response.context["page"]
    assert [a.title for a in page.late_activities] == ["Late workshop"]
    assert [a.title for a in page.coming_activities] == ["Coming workshop"]
    assert [a.title for a in page.done_activities] == ["Done workshop"]
    assert [(c.title, c.is_overdue) for c in page.open_commitments] == [("Overdue step", True)]
    assert "Overdue" in response.content.decode()


def test_contacts_list_the_coordinator_first(staff_client, partner):
    ContactFactory(partner=partner, name="Aaron Delegate", position="delegate")
    ContactFactory(partner=partner, name="Zoe Coordinator", position="coordinator")
    ContactFactory(partner=partner, name="Gone", is_active=False)
    contacts = staff_client.get(detail_url(partner)).context["page"].contacts
    assert [c.name for c in contacts] == ["Zoe Coordinator", "Aaron Delegate"]


def test_last_update_names_who_made_it(staff_client, partner):
    staff_client.post(
        reverse("partners:status_create", args=[partner.slug]),
        {"effective_on": "2024-01-01", "stage": "scoping", "health": "on_track", "reason": "Started", "tier": "staff"},
    )
    last_update = staff_client.get(detail_url(partner)).context["page"].last_update
    assert last_update.who == "Sam Staff"


def test_last_update_ignores_changes_the_user_may_not_see(delegate_client, partner):
    StatusChangeFactory(partner=partner, tier="partner")
    shared = delegate_client.get(detail_url(partner)).context["page"].last_update.when
    AssessmentFactory(partner=partner, tier="staff")
    assert delegate_client.get(detail_url(partner)).context["page"].last_update.when == shared


def test_status_page_links_meetings_of_the_delegation(staff_client, partner):
    fill_partner(partner, 3, today=TODAY())
    page = staff_client.get(detail_url(partner)).context["page"]
    assert page.last_meeting.ends_on < TODAY() <= page.next_meeting.ends_on


# ---------------------------------------------------------------------------------------------------------------
# The partner list


def test_list_sends_anonymous_to_login(client):
    response = client.get(reverse("partners:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_list_sends_a_delegate_to_their_own_page(delegate_client, partner, other_partner):
    response = delegate_client.get(reverse("partners:list"))
    assert response.status_code == 302
    assert response["Location"] == detail_url(partner)


def test_list_shows_staff_every_administration_with_its_columns(staff_client, partner, other_partner, donor):
    FundingAgreementFactory(donor=donor, partners=[partner])
    StatusChangeFactory(partner=partner, stage="implementation", health="at_risk")
    CommitmentFactory(side_meeting__partner=partner, partner=partner)
    CommitmentFactory(side_meeting__partner=partner, partner=partner)

    response = staff_client.get(reverse("partners:list"))
    rows = {p.slug: p for p in response.context["partners"]}
    assert set(rows) == {"ghana", "mali"}
    assert (rows["ghana"].stage_label, rows["ghana"].health_label) == ("Implementation", "At risk")
    assert rows["ghana"].donor_names == ["Norad"]
    assert rows["ghana"].open_commitment_count == 2
    assert rows["mali"].open_commitment_count == 0
    assert rows["ghana"].last_event == datetime.date(2019, 4, 10)  # its status change and side meeting
    assert rows["mali"].last_event is None
    html = response.content.decode()
    assert "Norad" in html
    assert "At risk" in html


def test_list_shows_a_donor_only_the_administrations_they_fund(donor_client, partner, other_partner):
    response = donor_client.get(reverse("partners:list"))
    assert [p.slug for p in response.context["partners"]] == ["ghana"]


def test_list_names_to_a_donor_viewer_their_own_donor_alone(donor_client, staff_client, partner, donor):
    FundingAgreementFactory(donor=DonorFactory(name="SECRET-DONOR", short_name="SECRET"), partners=[partner])
    response = donor_client.get(reverse("partners:list"))
    assert response.context["partners"][0].donor_names == ["Norad"]
    assert "SECRET" not in response.content.decode()
    assert staff_client.get(reverse("partners:list")).context["partners"][0].donor_names == ["Norad", "SECRET"]


def test_list_counts_only_the_open_commitments_the_donor_may_see(donor_client, partner):
    CommitmentFactory(side_meeting__partner=partner, partner=partner, tier="staff")
    CommitmentFactory(side_meeting__partner=partner, partner=partner, tier="donors")
    assert donor_client.get(reverse("partners:list")).context["partners"][0].open_commitment_count == 1


def test_list_shows_a_user_without_a_role_nothing(partner):
    response = client_for(UserFactory()).get(reverse("partners:list"))
    assert response.status_code == 200
    assert response.context["partners"] == []


def test_list_is_read_only(staff_client):
    assert staff_client.post(reverse("partners:list")).status_code == 405


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "ghana"}, ["ghana"]),
        ({"q": "revenue authority"}, ["ghana"]),
        ({"q": "ML"}, ["mali"]),
        ({"stage": "planning"}, ["mali"]),
        ({"health": "off_track"}, ["ghana"]),
        ({"cohort": "2021"}, ["mali"]),
    ],
)
def test_list_filters(staff_client, partner, other_partner, query, expected):
    other_partner.cohort = "2021"
    other_partner.save()
    StatusChangeFactory(partner=partner, stage="implementation", health="off_track")
    StatusChangeFactory(
        partner=other_partner, stage="scoping", health="on_track", effective_on=datetime.date(2019, 1, 1)
    )
    StatusChangeFactory(
        partner=other_partner, stage="planning", health="on_track", effective_on=datetime.date(2020, 1, 1)
    )
    response = staff_client.get(reverse("partners:list"), query)
    assert [p.slug for p in response.context["partners"]] == expected


def test_list_filters_by_region_and_donor(staff_client, partner, other_partner, donor):
    other_partner.region = region("AP")
    other_partner.save()
    FundingAgreementFactory(donor=donor, partners=[other_partner])
    FundingAgreementFactory(donor=donor, partners=[other_partner])  # two agreements: still listed once
    by_region = staff_client.get(reverse("partners:list"), {"region": region("WCA").pk})
    assert [p.slug for p in by_region.context["partners"]] == ["ghana"]
    by_donor = staff_client.get(reverse("partners:list"), {"donor": donor.pk})
    assert [p.slug for p in by_donor.context["partners"]] == ["mali"]


def test_list_ignores_nonsense_filter_values(staff_client, partner):
    response = staff_client.get(
        reverse("partners:list"), {"region": "abc", "stage": "nope", "donor": "0", "page": "x"}
    )
    assert response.status_code == 200


def test_list_pages_by_25(staff_client):
    PartnerFactory.create_batch(30)
    first = staff_client.get(reverse("partners:list"))
    assert len(first.context["partners"]) == 25
    second = staff_client.get(reverse("partners:list"), {"page": 2})
    assert len(second.context["partners"]) == 5
    assert "Page 2 of 2" in second.content.decode()


def test_status_page_history_names_each_changed_record_with_its_old_and_new_values(staff_client, partner):
    status = StatusChangeFactory(partner=partner, effective_on=datetime.date(2019, 4, 10), health="on_track")
    status.health = "at_risk"
    status._change_reason = "Reform stalled after the elections"
    status.save()

    page = staff_client.get(detail_url(partner)).content.decode()

    assert "Status: 10 Apr 2019" in page
    assert "Health: On track → At risk" in page
    assert "Reform stalled after the elections" in page
