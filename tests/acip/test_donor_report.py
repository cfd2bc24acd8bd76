"""The donor report (page, Excel, PDF): only the administrations the donor funds in the period, only what donors
may read, whoever makes it; the documents read back."""

import datetime
import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from acip.lib import pdf
from acip.lib.exports import XLSX_CONTENT_TYPE
from partners.models import Indicator, IndicatorValue
from tests.acip.factories import DonorFactory, FundingAgreementFactory, ProgrammeFactory, factor
from tests.acip.personas import make_delegate, make_donor_viewer, make_staff
from tests.meetings.factories import AttendanceFactory, MeetingFactory, SideMeetingFactory
from tests.partners.factories import (
    ActivityFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)
from tests.queries import NAV_AGAIN

pytestmark = pytest.mark.django_db

STAFF_MARKER = "MARKER-STAFF-ONLY"
OTHER_MARKER = "MARKER-OTHER-DONOR"
OLD_MARKER = "MARKER-NOT-FUNDED-IN-2024"
ROOT = Path(__file__).resolve().parents[2]


def funded_partner(name, programme):
    """An administration with a donor-tier record of every kind in 2024 and a staff-only one beside each."""
    partner = PartnerFactory(country_name=name, programme=programme)
    StatusChangeFactory(partner=partner, effective_on=datetime.date(2023, 1, 1), stage="planning", tier="donors")
    StatusChangeFactory(partner=partner, effective_on=datetime.date(2024, 3, 1), reason=STAFF_MARKER, tier="staff")
    StatusChangeFactory(
        partner=partner, effective_on=datetime.date(2024, 6, 1), reason=f"Shared reason of {name}", tier="donors"
    )
    plan = CountryPlanFactory(
        partner=partner, tier="donors", starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2025, 12, 31)
    )
    outcome = OutcomeFactory(plan=plan, title=f"Outcome of {name}")
    outcome.factors.add(factor(1))
    indicator = IndicatorFactory(outcome=outcome, name=f"Indicator of {name}", baseline=40)
    IndicatorValueFactory(indicator=indicator, period=2024, target=Decimal("50"), actual=Decimal("48"))
    hidden_plan = CountryPlanFactory(
        partner=partner, tier="staff", title=STAFF_MARKER, starts_on=datetime.date(2024, 1, 1)
    )
    IndicatorFactory(outcome=OutcomeFactory(plan=hidden_plan, title=STAFF_MARKER), name=STAFF_MARKER)
    ActivityFactory(
        partner=partner,
        tier="donors",
        title=f"Workshop in {name}",
        status="completed",
        actual_start_on=datetime.date(2024, 5, 10),
        actual_end_on=datetime.date(2024, 5, 11),
        participants_women=5,
        participants_men=7,
    )
    ActivityFactory(
        partner=partner,
        tier="staff",
        title=STAFF_MARKER,
        status="completed",
        actual_start_on=datetime.date(2024, 5, 1),
    )
    meeting = MeetingFactory(
        title=f"Session with {name}", starts_on=datetime.date(2024, 6, 3), ends_on=datetime.date(2024, 6, 5)
    )
    AttendanceFactory(meeting=meeting, partner=partner)
    SideMeetingFactory(
        meeting=meeting, partner=partner, held_on=datetime.date(2024, 6, 4), purpose=STAFF_MARKER, tier="staff"
    )
    return partner


@pytest.fixture
def world():
    """Norad funds Ghana (2019-2025) and Mali (2024 only) and funded Peru until 2020; Canada funds Mexico."""
    programme = ProgrammeFactory()
    ghana = funded_partner("Ghana", programme)
    mali = funded_partner("Mali", programme)
    peru = funded_partner(OLD_MARKER, programme)
    mexico = funded_partner(OTHER_MARKER, programme)
    norad = DonorFactory(name="Norwegian Agency for Development Cooperation", short_name="Norad", slug="norad")
    canada = DonorFactory(name=f"Canada {OTHER_MARKER}", short_name="GAC", slug="gac")
    FundingAgreementFactory(donor=norad, title="Norad agreement", partners=[ghana], programme=programme)
    mali_agreement = FundingAgreementFactory(
        donor=norad,
        title="Norad Mali 2024",
        partners=[mali],
        programme=programme,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    FundingAgreementFactory(
        donor=norad,
        title="Norad old",
        partners=[peru],
        programme=programme,
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2020, 12, 31),
    )
    canada_agreement = FundingAgreementFactory(
        donor=canada, title=OTHER_MARKER, partners=[mexico, ghana], programme=programme
    )
    p1 = Indicator.objects.create(programme=programme, code="P-1", name="Share of factors improved", unit="%")
    IndicatorValue.objects.create(indicator=p1, period=2024, target=Decimal("60"), actual=Decimal("55"))
    return {
        "norad": norad,
        "canada": canada,
        "ghana": ghana,
        "mali": mali,
        "mali_agreement": mali_agreement,
        "canada_agreement": canada_agreement,
    }


def report_url(donor, name="donors:report", **query):
    url = reverse(name, args=[donor.slug])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        return "\n".join(workbook.read(name).decode(errors="replace") for name in workbook.namelist())


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed here; .ci/run installs it")
    return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()


def assert_norad_2024(text: str):
    assert "Ghana" in text and "Mali" in text
    assert "Shared reason of Ghana" in text
    assert "Share of factors improved" in text  # the programme-level indicator
    for marker in (STAFF_MARKER, OTHER_MARKER, OLD_MARKER):
        assert marker not in text


@pytest.mark.parametrize("who", ["staff", "donor"])
def test_the_norad_report_for_2024_has_only_what_norad_funds_and_may_read(client, world, who):
    user = make_staff() if who == "staff" else make_donor_viewer(world["norad"])
    client.force_login(user)
    response = client.get(report_url(world["norad"], year=2024))
    assert response.status_code == 200
    body = response.content.decode()
    assert_norad_2024(body)
    report = response.context["report"]
    assert [partner.country_name for partner in report.partners] == ["Ghana", "Mali"]
    assert report.activity_totals == {"count": 2, "women": 10, "men": 14}
    assert [meeting.title for meeting in report.meetings] == ["Session with Ghana", "Session with Mali"]
    ghana = report.partners[0]
    assert (ghana.current_stage, ghana.stage_before) == ("implementation", "planning")
    assert [row["outcomes"] for row in report.factor_rows][:2] == [2, 0]


def test_an_agreements_period_covers_only_its_partners(client, world):
    client.force_login(make_staff())
    response = client.get(report_url(world["norad"], agreement=world["mali_agreement"].pk))
    assert response.status_code == 200
    assert [partner.country_name for partner in response.context["report"].partners] == ["Mali"]


def test_the_excel_holds_no_marker_and_reads_back_typed(client, world):
    client.force_login(make_staff())
    response = client.get(report_url(world["norad"], "donors:report_xlsx", year=2024))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert_norad_2024(xlsx_text(response.content))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Administrations",
        "Status changes",
        "Outcomes by factor",
        "Outcomes",
        "Indicators",
        "Programme indicators",
        "Activities",
        "Meetings",
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
    changes = workbook["Status changes"]
    assert changes["B1"].value == "Effective on"
    # A staff-only status still shows its stage and date (the access layer tiers its text, not the row).
    assert changes["B2"].is_date and changes["B2"].value.date() == datetime.date(2024, 3, 1)
    assert changes["E2"].value == "Not shared"
    indicators = workbook["Indicators"]
    assert [cell.value for cell in indicators[1]][-3:] == ["Year", "Target", "Actual"]
    assert indicators["I2"].value == 50 and indicators["I2"].data_type == "n"
    activities = workbook["Activities"]
    assert activities["F2"].value == 5 and activities["F2"].data_type == "n"
    assert workbook["Administrations"].column_dimensions["B"].width == 40


def test_the_pdf_holds_no_marker_and_says_its_tier_on_every_page(client, world):
    client.force_login(make_staff())
    response = client.get(report_url(world["norad"], "donors:report_pdf", year=2024))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert_norad_2024(text)
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    assert "Report to Norwegian Agency" in pages[0]  # the cover
    for number, page in enumerate(pages[1:], start=2):
        assert "Confidential: Shared with donors" in page
        assert "Made on" in page
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}\b", page)


def test_the_edition_pdf_is_for_staff_and_says_staff_only(client, world):
    from acip.editions.services import edition_freeze

    staff = make_staff()
    edition = edition_freeze(
        title="Spring edition", frozen_on=datetime.date(2024, 7, 1), meeting=None, created_by=staff
    )
    client.force_login(staff)
    response = client.get(reverse("editions:pdf", args=[edition.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Spring edition" in text and "Confidential: Staff only" in text and "Ghana" in text


def test_a_donor_viewer_cannot_open_another_donors_report(client, world):
    client.force_login(make_donor_viewer(world["norad"]))
    for name in ("donors:report", "donors:report_xlsx", "donors:report_pdf"):
        assert client.get(report_url(world["canada"], name)).status_code == 404
    client.force_login(make_delegate(world["ghana"]))
    assert client.get(report_url(world["norad"])).status_code == 404


@pytest.mark.parametrize(
    "query, field",
    [
        ({"year": "abc"}, "year"),
        ({"year": "1900"}, "year"),
        ({"year": "99999"}, "year"),
        ({"agreement": "x"}, "agreement"),
    ],
)
def test_bad_input_gets_a_message_at_the_field(client, world, query, field):
    client.force_login(make_staff())
    for name in ("donors:report", "donors:report_xlsx", "donors:report_pdf"):
        response = client.get(report_url(world["norad"], name, **query))
        assert response.status_code == 200
        assert response.context["report"] is None
        assert f'id="{field}-error"' in response.content.decode()


def test_another_donors_agreement_is_not_a_period_of_this_one(client, world):
    client.force_login(make_staff())
    response = client.get(report_url(world["norad"], agreement=world["canada_agreement"].pk))
    assert response.context["report"] is None
    assert 'id="agreement-error"' in response.content.decode()


def test_without_weasyprint_the_pdf_link_answers_a_page_that_says_so(client, world, monkeypatch):
    monkeypatch.setattr(pdf, "weasyprint_error", lambda: "cannot load library 'libpango-1.0-0'")
    client.force_login(make_staff())
    response = client.get(report_url(world["norad"], "donors:report_pdf", year=2024))
    assert response.status_code == 503
    assert "The PDF cannot be made on this server" in response.content.decode()


def test_weasyprint_loads_here():
    """CI installs Pango and the fonts (.ci/run): there the PDFs must really be made, not answered with 503."""
    assert pdf.weasyprint_error() is None


def test_the_pdf_reads_our_static_files_and_nothing_else():
    assert pdf.static_file("http://pdf.invalid/static/css/print.css").name == "print.css"
    assert pdf.static_file("http://example.org/elsewhere.css") is None
    assert pdf.static_file("http://pdf.invalid/static/../acip/settings.py") is None
    fetcher = pdf._fetcher()
    assert b"@page" in fetcher.fetch("http://pdf.invalid/static/css/print.css").read()
    for url in ("http://example.org/x.css", "file:///etc/passwd", "http://pdf.invalid/media/x.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@pytest.mark.parametrize("name", ["donors:report", "donors:report_xlsx"])
def test_the_report_makes_the_same_queries_whatever_the_data(client, world, django_assert_num_queries, name):
    client.force_login(make_staff())
    url = report_url(world["norad"], name, year=2024)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    few_queries = len(few.captured_queries)  # read now: each request empties the log it is a slice of
    for number in range(3):
        partner = funded_partner(f"More {number}", world["ghana"].programme)
        world["norad"].agreements.first().partners.add(partner)
    client.get(url)  # the navigation counts again after a change (tests/queries.py); the report is compared
    with django_assert_num_queries(few_queries):
        response = client.get(url)
    if name == "donors:report_xlsx":
        return
    assert len(response.context["report"].partners) == 5
    # session, user, role (2), donor, agreements, administrations, changes, plans, outcomes, factors, indicators,
    # values, activity totals, factor counts, factors, programme indicators and values, activities, meetings, their
    # number and attendances, the agreements of the picker; the navigation's kept count (tests/queries.py)
    assert few_queries == 23 + NAV_AGAIN


def test_a_page_of_administrations_without_a_plan_makes_the_same_queries(client, world, django_assert_num_queries):
    """The per-administration section reads each level of the plans by a subquery, so an empty level skips none."""
    programme = world["ghana"].programme
    donor = DonorFactory(name="Plain donor", short_name="PD", slug="plain")
    FundingAgreementFactory(donor=donor, partners=[PartnerFactory(programme=programme)], programme=programme)
    client.force_login(make_staff())
    client.get(report_url(donor, year=2024))
    # as above (the navigation's count kept from the first request)
    with django_assert_num_queries(23 + NAV_AGAIN):
        response = client.get(report_url(donor, year=2024))
    assert [partner.plan for partner in response.context["report"].partner_page] == [None]


def test_the_deploy_files_install_what_weasyprint_needs():
    ci = (ROOT / ".ci" / "run").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"):
        assert package in ci and package in dockerfile
    assert "poppler-utils" in ci
    assert re.search(r"^weasyprint==", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
