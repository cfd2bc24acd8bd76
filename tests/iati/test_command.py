"""manage.py iati_export: writes the file for publishing, only when it validates."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from acip.iati.schema import validation_errors
from tests.acip.factories import FundingAgreementFactory
from tests.iati.test_builder import SHARED, plan_tree
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_the_command_writes_a_file_that_validates(tmp_path):
    partner = PartnerFactory()
    FundingAgreementFactory(partners=[partner])
    plan_tree(partner, "donors", SHARED)
    target = tmp_path / "activities.xml"
    out = StringIO()
    call_command("iati_export", "--output", str(target), stdout=out)
    assert validation_errors(target.read_bytes()) == []
    assert len(etree.fromstring(target.read_bytes()).findall("iati-activity")) == 2
    assert "Wrote" in out.getvalue()


def test_without_output_it_writes_to_stdout():
    FundingAgreementFactory(partners=[PartnerFactory()])
    out = StringIO()
    call_command("iati_export", stdout=out)
    assert validation_errors(out.getvalue().encode()) == []


def test_an_invalid_file_is_not_written(tmp_path):
    """Nothing is shared with donors (no agreement): the file would hold no activity, which IATI rejects."""
    target = tmp_path / "activities.xml"
    with pytest.raises(CommandError, match="does not validate"):
        call_command("iati_export", "--output", str(target))
    assert not target.exists()


def test_an_unwritable_path_is_a_clear_error(tmp_path):
    FundingAgreementFactory(partners=[PartnerFactory()])
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("iati_export", "--output", str(tmp_path / "missing" / "activities.xml"))
