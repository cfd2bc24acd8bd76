"""What the export tests of every app share: a world of three administrations (one covered by a donor), each
with rows shared with donors and rows for staff only, the clients that ask, and readers of a CSV or Excel answer.
The export tests import these fixtures by name."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.acip.factories import DonorFactory, FundingAgreementFactory, factor, region
from tests.acip.personas import make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, CommitmentFactory, MeetingFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentScoreFactory,
    CountryPlanFactory,
    IndicatorValueFactory,
    PartnerFactory,
    StatusChangeFactory,
)


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(response) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def export_url(name, fmt="csv"):
    return reverse(f"exports:{name}", kwargs={"fmt": fmt})


@pytest.fixture
def world():
    """Norad covers Ghana; Mexico is not covered. Each has records shared with donors and records for staff only."""
    ghana = PartnerFactory(country_name="Ghana", region=region("WCA"), cohort="2019")
    mali = PartnerFactory(country_name="Mali", region=region("WCA"), cohort="2020")
    mexico = PartnerFactory(country_name="Mexico", region=region("AMC"), cohort="2021")
    norad = DonorFactory(short_name="Norad", slug="norad")
    FundingAgreementFactory(donor=norad, partners=[ghana])
    for partner in (ghana, mali, mexico):
        StatusChangeFactory(partner=partner, reason=f"Staff reason {partner}", tier="staff")
        StatusChangeFactory(
            partner=partner, reason=f"Shared reason {partner}", tier="donors", effective_on=datetime.date(2021, 1, 1)
        )
        meeting = MeetingFactory(title=f"Meeting with {partner}")
        AttendanceFactory(meeting=meeting, partner=partner)
        SideMeetingFactory(
            meeting=meeting, partner=partner, purpose=f"Staff purpose {partner}", tier="staff", atmosphere="tense"
        )
        SideMeetingFactory(meeting=meeting, partner=partner, purpose=f"Shared purpose {partner}", tier="donors")
        CommitmentFactory(side_meeting__partner=partner, side_meeting__meeting=meeting, title=f"Open step {partner}")
        CommitmentFactory(
            side_meeting__partner=partner,
            side_meeting__meeting=meeting,
            title=f"Done step {partner}",
            status="done",
            closed_at=timezone.now(),
        )
        ActivityFactory(partner=partner, title=f"Shared activity {partner}", tier="donors")
        ActivityFactory(partner=partner, title=f"Staff activity {partner}", tier="staff")
        for tier in ("donors", "staff"):
            plan = CountryPlanFactory(partner=partner, tier=tier)
            IndicatorValueFactory(
                indicator__outcome__plan=plan, indicator__name=f"{tier.title()} indicator {partner}", period=2022
            )
        AssessmentScoreFactory(assessment__partner=partner, assessment__tier="staff", factor=factor(1), score=44)
    return {"ghana": ghana, "mali": mali, "mexico": mexico, "norad": norad}


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


@pytest.fixture
def donor_client(client, world):
    client.force_login(make_donor_viewer(world["norad"]))
    return client


def column(rows, header):
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]
