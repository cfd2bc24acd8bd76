"""The partners app's exports hold the rows of their list, for the user who asks (partners/exports.py)."""

import datetime

import pytest
from django.urls import reverse

from partners.models import PartnerAdministration
from tests.acip import exports_world
from tests.acip.exports_world import column, export_url, read_csv, read_xlsx
from tests.acip.factories import DonorFactory, FundingAgreementFactory, region
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.partners.factories import ActivityFactory, OutcomeFactory, PartnerFactory

pytestmark = pytest.mark.django_db

# The fixtures of the export world, asked for by name below.
world, staff_client, donor_client = exports_world.world, exports_world.staff_client, exports_world.donor_client


def test_partner_export_has_the_same_rows_as_the_filtered_list_page(staff_client, world):
    query = {"region": region("WCA").pk, "health": "on_track"}
    page = staff_client.get(reverse("partners:list"), query)
    exported = read_xlsx(staff_client.get(export_url("partners", "xlsx"), query))
    assert column(exported, "Country") == [partner.country_name for partner in page.context["page_obj"]]
    assert column(exported, "Country") == ["Ghana", "Mali"]
    assert column(exported, "Region") == [region("WCA").name] * 2
    assert column(exported, "Stage") == ["Implementation", "Implementation"]
    assert column(exported, "Donors") == ["Norad", None]


def test_partner_export_holds_every_page_of_the_list(staff_client, world):
    for _ in range(30):
        PartnerFactory()
    rows = read_csv(staff_client.get(export_url("partners")))
    assert len(rows) - 1 == PartnerAdministration.objects.count() == 33


def test_donor_partner_export_holds_only_the_covered_administrations(donor_client, world):
    assert column(read_csv(donor_client.get(export_url("partners"))), "Country") == ["Ghana"]
    # Asking for another region or donor cannot widen it.
    assert column(read_csv(donor_client.get(export_url("partners"), {"region": region("AMC").pk})), "Country") == []


def test_donor_activity_and_indicator_exports_hold_only_rows_shared_with_donors(donor_client, world):
    activities = read_xlsx(donor_client.get(export_url("activities", "xlsx")))
    assert column(activities, "Activity") == ["Shared activity Ghana"]
    values = read_xlsx(donor_client.get(export_url("indicator_values", "xlsx")))
    assert column(values, "Indicator") == ["Donors indicator Ghana"]


def test_donor_status_export_hides_reasons_not_shared(donor_client, world):
    rows = read_csv(donor_client.get(export_url("status_changes")))
    assert "Recorded by" not in rows[0]
    assert set(column(rows, "Administration")) == {"Ghana"}
    assert sorted(column(rows, "Reason")) == ["Not shared", "Shared reason Ghana"]


def test_donor_activity_export_narrowed_to_the_funded_period(donor_client, world):
    ActivityFactory(
        partner=world["ghana"],
        title="Completed in period",
        tier="donors",
        status="completed",
        actual_end_on=datetime.date(2021, 6, 1),
    )
    rows = read_csv(donor_client.get(export_url("activities"), {"funded_by": "norad"}))
    assert column(rows, "Activity") == ["Completed in period"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_donor_partner_export_names_their_own_donor_alone(donor_client, world, fmt):
    FundingAgreementFactory(donor=DonorFactory(name="SECRET-DONOR", short_name="SECRET"), partners=[world["ghana"]])
    response = donor_client.get(export_url("partners", fmt))
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    assert column(rows, "Donors") == ["Norad"]
    assert "SECRET" not in str(rows)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_activity_export_names_the_outcome_served_only_where_the_reader_may_see_it(client, world, fmt):
    hidden = OutcomeFactory(plan__partner=world["ghana"], plan__tier="staff", title="SECRET-OUTCOME")
    ActivityFactory(partner=world["ghana"], tier="donors", title="Serves a hidden outcome", outcome=hidden)
    for user in (make_donor_viewer(world["norad"]), make_delegate(world["ghana"])):
        client.force_login(user)
        response = client.get(export_url("activities", fmt))
        rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
        served = dict(zip(column(rows, "Activity"), column(rows, "Outcome served"), strict=True))
        assert served["Serves a hidden outcome"] in ("", None)
        assert "SECRET-OUTCOME" not in str(rows)
    client.force_login(make_staff())
    response = client.get(export_url("activities", fmt))
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    assert dict(zip(column(rows, "Activity"), column(rows, "Outcome served"), strict=True))[
        "Serves a hidden outcome"
    ] == ("SECRET-OUTCOME")
