"""A delegate confirms their page, proposes corrections and reports values; staff decide in the queue. Each rule of
issue 16: own administration only (a forged id answers 404 and writes nothing), accepted changes go through the
records' services (their history says who and why), two staff deciding the same item: one wins, the other is told."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from acip.participation.models import Decision, PageConfirmation, Proposal, ReportState, ValueReport
from meetings.models import CommitmentStatus
from partners.models import IndicatorValue, PartnerAdministration

pytestmark = pytest.mark.django_db


def nothing_sent():
    return not (Proposal.objects.exists() or ValueReport.objects.exists() or PageConfirmation.objects.exists())


def propose_url(partner, kind, record):
    return reverse("participation:propose", args=[partner.slug, kind, record.pk])


def decide(client, *, decision, comment="", proposals=(), reports=()):
    return client.post(
        reverse("participation:decide"),
        {
            "decision": decision,
            "comment": comment,
            "proposals": [p.pk for p in proposals],
            "reports": [r.pk for r in reports],
        },
    )


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Confirming the page


def test_delegate_confirms_and_the_page_says_so_and_counts_it_as_an_event(delegate_client, ghana, staff_client):
    today = timezone.localdate()
    response = delegate_client.post(
        reverse("participation:confirm", args=[ghana.slug]), {"confirmed_on": today.isoformat(), "comment": "All good"}
    )
    assert response.status_code == 302
    page = staff_client.get(ghana.get_absolute_url())
    assert f"Confirmed by Ama Mensah, {today:%-d %B %Y}" in page.content.decode()
    assert PartnerAdministration.objects.with_last_event(today=today).get(pk=ghana.pk).last_event == today


def test_a_confirmation_in_the_future_is_refused(delegate_client, ghana):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = delegate_client.post(reverse("participation:confirm", args=[ghana.slug]), {"confirmed_on": tomorrow})
    assert response.status_code == 200
    assert "not a future date" in response.content.decode()
    assert nothing_sent()


def test_another_administrations_delegate_cannot_confirm(mali_client, ghana):
    response = mali_client.post(
        reverse("participation:confirm", args=[ghana.slug]), {"confirmed_on": timezone.localdate()}
    )
    assert response.status_code == 404
    assert nothing_sent()


def test_the_delegates_page_explains_itself_and_who_reads_each_text(delegate_client, ghana, ours):
    ours["status"].tier = "donors"
    ours["status"].save()
    body = delegate_client.get(ghana.get_absolute_url()).content.decode()
    assert "This is your administration's page in the A-CIP Programme" in body
    assert "Shared with donors: the donors that fund your programme read this too" in body
    assert propose_url(ghana, "contact", ours["contact"]) in body
    assert reverse("participation:report_create", args=[ghana.slug, ours["indicator"].pk]) in body


# Proposing a correction


def test_a_proposal_keeps_the_value_then_and_changes_nothing(delegate_client, ghana, ours):
    contact = ours["contact"]
    url = propose_url(ghana, "contact", contact)
    form = delegate_client.get(url).content.decode()
    assert "old@example.org" in form
    data = {"name": contact.name, "email": "new@example.org", "language": "en", "comment": "She moved desks"}
    assert delegate_client.post(url, data).status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.kind, proposal.field, proposal.current_value, proposal.proposed_value) == (
        "contact",
        "email",
        "old@example.org",
        "new@example.org",
    )
    assert proposal.state == Decision.PENDING
    contact.refresh_from_db()
    assert contact.email == "old@example.org"


def test_a_proposal_that_changes_nothing_is_refused(delegate_client, ghana, ours):
    contact = ours["contact"]
    data = {"name": contact.name, "email": contact.email, "language": "en", "comment": "No change"}
    response = delegate_client.post(propose_url(ghana, "contact", contact), data)
    assert response.status_code == 200
    assert "Change at least one value" in response.content.decode()
    assert nothing_sent()


@pytest.mark.parametrize("kind", ["contact", "status", "activity", "indicator_value", "commitment"])
def test_another_countrys_record_under_ones_own_page_is_404_and_writes_nothing(delegate_client, ghana, theirs, kind):
    response = delegate_client.post(
        propose_url(ghana, kind, theirs[kind]), {"email": "x@example.org", "reason": "x", "comment": "forged"}
    )
    assert response.status_code == 404
    assert nothing_sent()


def test_an_unknown_kind_or_a_staff_only_record_is_404(delegate_client, ghana, ours):
    assert delegate_client.get(propose_url(ghana, "plan", ours["contact"])).status_code == 404
    ours["status"].tier = "staff"
    ours["status"].save()
    assert delegate_client.get(propose_url(ghana, "status", ours["status"])).status_code == 404


def test_staff_accept_a_proposal_through_the_records_service_with_history(delegate_client, staff_client, ghana, ours):
    contact = ours["contact"]
    delegate_client.post(
        propose_url(ghana, "contact", contact),
        {"name": contact.name, "email": "new@example.org", "language": "en", "comment": "She moved desks"},
    )
    response = decide(staff_client, decision="accepted", comment="Checked", proposals=Proposal.objects.all())
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.email == "new@example.org"
    change = contact.history.first()
    assert change.history_user.username == "staff"
    assert "Ama Mensah" in change.history_change_reason and "She moved desks" in change.history_change_reason
    proposal = Proposal.objects.get()
    assert (proposal.state, proposal.decided_by.username, proposal.decision_comment) == (
        "accepted",
        "staff",
        "Checked",
    )
    assert proposal.history.first().history_change_reason == "Checked"


def test_an_accepted_commitment_done_closes_it_with_the_evidence(delegate_client, staff_client, ghana, ours):
    commitment = ours["commitment"]
    url = propose_url(ghana, "commitment", commitment)
    data = {"status": "on", "due_on": commitment.due_on.isoformat(), "comment": "Sent on 3 May, reference 12"}
    assert delegate_client.post(url, data).status_code == 302
    decide(staff_client, decision="accepted", proposals=Proposal.objects.all())
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DONE
    assert "Sent on 3 May" in commitment.closing_comment


def test_an_accepted_status_reason_is_a_new_status_with_the_same_stage(delegate_client, staff_client, ghana, ours):
    status = ours["status"]
    url = propose_url(ghana, "status", status)
    assert delegate_client.post(url, {"reason": "Better reason", "comment": "Out of date"}).status_code == 302
    decide(staff_client, decision="accepted", proposals=Proposal.objects.all())
    latest = ghana.status_changes.first()
    assert (latest.reason, latest.stage, latest.health) == ("Better reason", status.stage, status.health)
    assert latest.pk != status.pk


def test_an_accepted_activity_date_goes_through_the_activity_service(delegate_client, staff_client, ghana, ours):
    activity = ours["activity"]
    data = {"actual_start_on": "2024-03-04", "comment": "It took place"}
    assert delegate_client.post(propose_url(ghana, "activity", activity), data).status_code == 302
    decide(staff_client, decision="accepted", proposals=Proposal.objects.all())
    activity.refresh_from_db()
    assert activity.actual_start_on == datetime.date(2024, 3, 4)
    assert "It took place" in activity.history.first().history_change_reason


def test_a_proposal_whose_field_was_changed_since_is_not_accepted_over_the_newer_value(
    delegate_client, staff_client, ghana, ours
):
    contact = ours["contact"]
    delegate_client.post(
        propose_url(ghana, "contact", contact),
        {"name": contact.name, "email": "new@example.org", "language": "en", "comment": "Moved"},
    )
    contact.email = "newer@example.org"
    contact.save()

    response = decide(staff_client, decision="accepted", proposals=Proposal.objects.all())

    assert any("changed after this was proposed" in text and "newer@example.org" in text for text in texts(response))
    contact.refresh_from_db()
    assert contact.email == "newer@example.org"
    assert Proposal.objects.get().state == Decision.PENDING
    decide(staff_client, decision="returned", comment="Already updated", proposals=Proposal.objects.all())
    assert Proposal.objects.get().state == Decision.RETURNED


def test_two_staff_deciding_the_same_proposal_one_wins_and_the_other_is_told(
    delegate_client, staff_client, other_staff_client, ghana, ours
):
    contact = ours["contact"]
    delegate_client.post(
        propose_url(ghana, "contact", contact),
        {"name": contact.name, "email": "new@example.org", "language": "en", "comment": "Moved"},
    )
    proposal = Proposal.objects.get()
    decide(staff_client, decision="rejected", comment="Not her", proposals=[proposal])
    response = decide(other_staff_client, decision="accepted", proposals=[proposal])
    assert any("already decided by Sam Staff" in text for text in texts(response))
    contact.refresh_from_db()
    assert contact.email == "old@example.org"
    assert Proposal.objects.get().state == Decision.REJECTED


def test_returning_or_rejecting_needs_a_comment(delegate_client, staff_client, ghana, ours):
    contact = ours["contact"]
    delegate_client.post(
        propose_url(ghana, "contact", contact),
        {"name": contact.name, "email": "new@example.org", "language": "en", "comment": "Moved"},
    )
    response = decide(staff_client, decision="returned", proposals=Proposal.objects.all())
    assert any("Say why" in text for text in texts(response))
    assert Proposal.objects.get().state == Decision.PENDING


def test_several_items_are_decided_at_once(delegate_client, staff_client, ghana, ours):
    for email in ("a@example.org",):
        delegate_client.post(
            propose_url(ghana, "contact", ours["contact"]),
            {"name": ours["contact"].name, "email": email, "language": "en", "comment": "c"},
        )
    delegate_client.post(propose_url(ghana, "status", ours["status"]), {"reason": "New", "comment": "c"})
    response = decide(staff_client, decision="rejected", comment="No", proposals=Proposal.objects.all())
    assert "2 items decided." in texts(response)
    assert set(Proposal.objects.values_list("state", flat=True)) == {"rejected"}


# Reporting values


def report(client, partner, indicator, **data):
    return client.post(reverse("participation:report_create", args=[partner.slug, indicator.pk]), data)


def test_a_reported_value_goes_draft_submitted_returned_resubmitted_approved(
    delegate_client, staff_client, ghana, ours
):
    indicator = ours["indicator"]
    assert (
        report(delegate_client, ghana, indicator, period=2025, actual="61", comment="Survey", draft="").status_code
        == 302
    )
    draft = ValueReport.objects.get()
    assert draft.state == ReportState.DRAFT
    edit_url = reverse("participation:report_update", args=[ghana.slug, draft.pk])
    delegate_client.post(edit_url, {"period": 2025, "actual": "62", "comment": "Survey", "submit": ""})
    draft.refresh_from_db()
    assert (draft.state, draft.actual) == (ReportState.SUBMITTED, Decimal("62"))
    # Submitted: the delegate can no longer change it.
    delegate_client.post(edit_url, {"period": 2025, "actual": "99", "comment": "x", "submit": ""})
    draft.refresh_from_db()
    assert draft.actual == Decimal("62")
    assert not IndicatorValue.objects.filter(indicator=indicator, period=2025).exists()

    decide(staff_client, decision="returned", comment="Give the survey's name", reports=[draft])
    draft.refresh_from_db()
    assert draft.state == ReportState.RETURNED
    assert (
        "Give the survey&#x27;s name"
        in delegate_client.get(reverse("participation:sent", args=[ghana.slug])).content.decode()
    )
    delegate_client.post(edit_url, {"period": 2025, "actual": "62", "comment": "CIPS 2025", "submit": ""})
    decide(staff_client, decision="accepted", reports=[draft])
    value = IndicatorValue.objects.get(indicator=indicator, period=2025)
    assert value.actual == Decimal("62")
    assert "CIPS 2025" in value.history.first().history_change_reason
    assert value.history.first().history_user.username == "staff"


def test_approving_a_year_that_has_a_value_keeps_its_target(delegate_client, staff_client, ghana, ours):
    value = ours["indicator_value"]
    report(delegate_client, ghana, ours["indicator"], period=value.period, actual="47", submit="")
    decide(staff_client, decision="accepted", reports=ValueReport.objects.all())
    value.refresh_from_db()
    assert (value.actual, value.target) == (Decimal("47"), Decimal("50"))


def test_another_countrys_indicator_or_report_is_404_and_writes_nothing(
    delegate_client, mali_client, ghana, ours, theirs
):
    assert report(delegate_client, ghana, theirs["indicator"], period=2025, actual="1", submit="").status_code == 404
    assert report(mali_client, ghana, ours["indicator"], period=2025, actual="1", submit="").status_code == 404
    assert nothing_sent()
    report(delegate_client, ghana, ours["indicator"], period=2025, actual="1", draft="")
    mine = ValueReport.objects.get()
    forged = reverse("participation:report_update", args=["mali", mine.pk])
    assert mali_client.post(forged, {"period": 2025, "actual": "9", "submit": ""}).status_code == 404
    mine.refresh_from_db()
    assert (mine.actual, mine.state) == (Decimal("1"), ReportState.DRAFT)


def test_a_second_report_for_the_same_year_is_refused_at_the_field(delegate_client, ghana, ours):
    report(delegate_client, ghana, ours["indicator"], period=2025, actual="1", draft="")
    response = report(delegate_client, ghana, ours["indicator"], period=2025, actual="2", draft="")
    assert response.status_code == 200
    assert "already under way" in response.content.decode()
    assert ValueReport.objects.count() == 1


def test_a_decision_on_junk_ids_changes_nothing(staff_client):
    response = staff_client.post(reverse("participation:decide"), {"decision": "accepted", "proposals": ["junk"]})
    assert response.status_code == 302


# The queue


def test_the_queue_filters_by_country_and_kind_oldest_first(
    delegate_client, mali_client, staff_client, ghana, mali, ours, theirs
):
    delegate_client.post(propose_url(ghana, "status", ours["status"]), {"reason": "Ghana first", "comment": "c"})
    mali_client.post(propose_url(mali, "status", theirs["status"]), {"reason": "Mali second", "comment": "c"})
    report(delegate_client, ghana, ours["indicator"], period=2025, actual="3", submit="")
    url = reverse("participation:queue")
    body = staff_client.get(url).content.decode()
    assert body.index("Ghana first") < body.index("Mali second")
    assert "3 items waiting" in body
    only_mali = staff_client.get(url, {"country": "mali"}).content.decode()
    assert "Mali second" in only_mali and "Ghana first" not in only_mali
    only_reports = staff_client.get(url, {"kind": "report"}).content.decode()
    assert "1 item waiting" in only_reports
    assert staff_client.get(url, {"country": "nowhere", "kind": "junk", "page": "x"}).status_code == 200


def test_the_queue_lists_the_countries_not_confirmed_since_the_last_session(staff_client, delegate, ghana, mali):
    from tests.meetings.factories import MeetingFactory

    MeetingFactory(kind="committee", starts_on=datetime.date(2025, 3, 3), ends_on=datetime.date(2025, 3, 7))
    PageConfirmation.objects.create(partner=ghana, confirmed_by=delegate, confirmed_on=datetime.date(2025, 4, 1))
    body = staff_client.get(reverse("participation:queue")).content.decode()
    listed = body[body.index('data-testid="unconfirmed"') :]
    assert "Mali" in listed and "Ghana" not in listed


def test_my_work_and_the_nav_count_tell_the_focal_point(delegate_client, staff_client, staff, ghana, ours):
    ghana.focal_point = staff
    ghana.save()
    delegate_client.post(propose_url(ghana, "status", ours["status"]), {"reason": "New", "comment": "c"})
    body = staff_client.get(reverse("my_work")).content.decode()
    assert "1 item from your countries waits for review" in body


# A delegate's own details


def test_a_delegate_records_then_changes_their_own_contact_details(delegate_client, delegate, ghana):
    url = reverse("participation:contact")
    data = {"name": "Ama Mensah", "position": "coordinator", "email": "ama@example.org", "language": "fr"}
    assert delegate_client.post(url, data).status_code == 302
    contact = delegate.contact
    assert (contact.partner, contact.email, contact.language) == (ghana, "ama@example.org", "fr")
    form = delegate_client.get(url)
    version = form.context["form"].initial["opened_version"]
    delegate_client.post(url, {**data, "email": "ama2@example.org", "opened_version": version})
    contact.refresh_from_db()
    assert contact.email == "ama2@example.org"
    # A form opened on the earlier version is refused and changes nothing.
    response = delegate_client.post(url, {**data, "email": "stale@example.org", "opened_version": version})
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.email == "ama2@example.org"


def test_a_confirmation_counts_as_an_event_only_for_those_who_see_it(delegate, ghana, mali):
    today = timezone.localdate()
    PageConfirmation.objects.create(partner=ghana, confirmed_by=delegate, confirmed_on=today)
    events = dict(PartnerAdministration.objects.with_last_event(today=today).values_list("slug", "last_event"))
    assert events == {"ghana": today, "mali": None}
