"""The search tests' world: two administrations, each with notes that name the IAU in every tier, markers in the
staff-only ones; a side meeting whose staff-only text names it; a commitment and an activity that do, shared."""

from types import SimpleNamespace

import pytest

from tests.acip.factories import DonorFactory, FundingAgreementFactory
from tests.acip.personas import client_for, make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import CommitmentFactory, NoteFactory, SideMeetingFactory
from tests.partners.factories import ActivityFactory, PartnerFactory


def staff_marker(side):
    return f"MARKER-STAFF-{side}"


def shared_marker(side):
    return f"MARKER-SHARED-{side}"


@pytest.fixture
def world():
    a = PartnerFactory(country_name="Ghana", slug="ghana", country_code="GH", name="Ghana Revenue Authority")
    b = PartnerFactory(country_name="Nepal", slug="nepal", country_code="NP", name="Department of Customs")
    donor = DonorFactory()
    FundingAgreementFactory(donor=donor, partners=[a])
    for side, partner in (("A", a), ("B", b)):
        side_meeting = SideMeetingFactory(partner=partner, tier="staff", purpose=f"The IAU {staff_marker(side)}")
        NoteFactory(side_meeting=side_meeting, tier="staff", text=f"The IAU opened a case. {staff_marker(side)}")
        NoteFactory(side_meeting=side_meeting, tier="partner", text=f"The IAU reports monthly. {shared_marker(side)}")
        NoteFactory(side_meeting=side_meeting, tier="donors", text=f"Sécurité des frontières. {shared_marker(side)}")
        CommitmentFactory(side_meeting=side_meeting, tier="staff", title=f"Staff IAU step {staff_marker(side)}")
        CommitmentFactory(side_meeting=side_meeting, tier="partner", title=f"Train the IAU {shared_marker(side)}")
        ActivityFactory(partner=partner, tier="partner", title=f"IAU workshop {shared_marker(side)}")
        ActivityFactory(partner=partner, tier="staff", title=f"IAU review {staff_marker(side)}")
    staff = make_staff()
    return SimpleNamespace(
        a=a,
        b=b,
        staff=client_for(staff),
        delegate=client_for(make_delegate(a)),
        donor=client_for(make_donor_viewer(donor)),
    )
