"""The product lead's check, on the demo: freeze an edition, change Ghana's status, add an indicator value and close a
commitment; the old edition still shows the old facts, and the next edition's "what changed" lists exactly those
three changes. Done through the pages, as staff would."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from acip.editions.models import Edition
from meetings.models import Commitment, CommitmentStatus
from partners.models import CountryPlan, PartnerAdministration, Stage
from tests.acip.personas import client_for, make_staff

pytestmark = pytest.mark.django_db


def test_the_next_edition_lists_exactly_the_three_changes():
    call_command("load_demo", stdout=StringIO())
    today = timezone.localdate()
    client = client_for(make_staff(username="check-staff"))
    ghana = PartnerAdministration.objects.with_current_status().get(country_code="GH")

    def freeze(title):
        response = client.post(reverse("editions:create"), {"title": title, "frozen_on": today.isoformat()})
        assert response.status_code == 302, response.context["form"].errors
        return Edition.objects.get(title=title)

    first = freeze("Before the changes")
    old_reason = first.entries.get(partner=ghana).data["status"]["reason"]

    stage = Stage.MONITORING if ghana.current_stage != Stage.MONITORING else Stage.IMPLEMENTATION
    response = client.post(
        reverse("partners:status_create", args=[ghana.slug]),
        {
            "effective_on": today.isoformat(),
            "stage": stage,
            "health": ghana.current_health,
            "reason": "CHECK: moved after the session",
            "tier": "staff",
        },
    )
    assert response.status_code == 302, response.context["form"].errors

    indicator = CountryPlan.objects.filter(partner=ghana).first().outcomes.first().indicators.first()
    taken = set(indicator.values.values_list("period", flat=True))
    period = max(year for year in range(2000, today.year + 1) if year not in taken)
    response = client.post(
        reverse("partners:value_create", args=[ghana.slug, indicator.pk]),
        {"period": period, "target": "75", "actual": "70"},
    )
    assert response.status_code == 302, response.context["form"].errors

    commitment = Commitment.objects.filter(status=CommitmentStatus.OPEN, created_at__date__lte=today).first()
    response = client.post(
        reverse("meetings:commitment_close", args=[commitment.uuid]),
        {"status": CommitmentStatus.DONE, "comment": "Delivered"},
    )
    assert response.status_code in (200, 302)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DONE

    # The old edition still shows the old facts.
    body = client.get(reverse("editions:entry", args=[first.pk, ghana.pk])).content.decode()
    assert old_reason in body and "CHECK: moved after the session" not in body
    assert first.entries.get(partner=ghana).data["status"]["reason"] == old_reason

    second = freeze("After the changes")
    response = client.get(second.get_absolute_url())
    assert response.context["other"] == first
    assert [line.text for line in response.context["summary"]] == [
        f"1 partner moved to {stage.label}",
        "1 commitment closed",
        "1 indicator value added",
    ]
    changes = {change["partner"]["country_name"]: change for change in response.context["partner_changes"]}
    assert changes["Ghana"]["status"]["new"]["reason"] == "CHECK: moved after the session"
    assert [v["value"]["period"] for v in changes["Ghana"]["values_added"]] == [period]
    closed = [c["id"] for change in changes.values() for c in change["closed"]]
    assert closed == [commitment.pk]
    assert set(changes) == {"Ghana", commitment.partner.country_name}
    for change in changes.values():
        assert not (change["opened"] or change["overdue"] or change["values_changed"] or change["assessments"])
