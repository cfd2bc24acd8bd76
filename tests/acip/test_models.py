import pytest
from django.db import IntegrityError

from acip.models import IntegrityFactor, Region
from tests.acip.factories import FundingAgreementFactory

pytestmark = pytest.mark.django_db


def test_ten_factors_are_loaded_in_declaration_order():
    assert list(IntegrityFactor.objects.values_list("number", "name")) == [
        (1, "Leadership and Commitment"),
        (2, "Regulatory Framework"),
        (3, "Transparency"),
        (4, "Automation"),
        (5, "Reform and Modernization"),
        (6, "Audit and Investigation"),
        (7, "Code of Conduct"),
        (8, "Human Resource Management"),
        (9, "Morale and Organizational Culture"),
        (10, "Relationship with the Private Sector"),
    ]


def test_six_wco_regions_are_loaded():
    assert list(Region.objects.values_list("code", flat=True)) == ["AMC", "EUR", "AP", "MENA", "ESA", "WCA"]


def test_agreement_rejects_end_before_start_in_the_database():
    agreement = FundingAgreementFactory()
    agreement.ends_on = agreement.starts_on.replace(year=agreement.starts_on.year - 1)
    with pytest.raises(IntegrityError):
        agreement.save()
