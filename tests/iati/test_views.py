"""/iati/activities.xml: the file for staff to check before publishing (other roles: the permission matrix)."""

import pytest
from django.urls import reverse

from acip.iati.schema import validation_errors
from tests.acip.factories import DonorFactory, FundingAgreementFactory
from tests.acip.personas import client_for, make_donor_viewer, make_staff
from tests.iati.test_builder import SHARED, STAFF_MARKER, plan_tree
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db
URL = reverse("iati:activities")


@pytest.fixture
def partners():
    donor = DonorFactory(iati_ref="NO-BRC-971277882")
    partners = [PartnerFactory() for _ in range(3)]
    FundingAgreementFactory(donor=donor, partners=partners)
    for partner in partners:
        plan_tree(partner, "donors", SHARED)
        plan_tree(partner, "staff", STAFF_MARKER)
    return partners


def test_staff_get_the_valid_file(partners):
    response = client_for(make_staff()).get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert validation_errors(response.content) == []
    assert STAFF_MARKER.encode() not in response.content  # staff see everything, the file only what donors may


def test_a_donor_viewer_gets_403(partners):
    donor = partners[0].funding_agreements.get().donor
    assert client_for(make_donor_viewer(donor)).get(URL).status_code == 403


def test_the_page_makes_a_fixed_number_of_queries(partners, django_assert_num_queries):
    client = client_for(make_staff())
    # session, user, the user's groups and profile (the role), then the file's 7
    with django_assert_num_queries(4 + 7):
        assert client.get(URL).status_code == 200
