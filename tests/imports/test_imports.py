"""The bulk imports: survey results (long and wide layouts), partner administrations, contacts and indicator values,
from Excel and CSV; every wrong cell named where a spreadsheet user sees it, nothing written before the confirmation,
and the same file twice changes nothing."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from acip.imports.specs import SPECS
from acip.imports.tables import MAX_BYTES
from partners.models import (
    Assessment,
    AssessmentKind,
    AssessmentScore,
    Contact,
    IndicatorValue,
    PartnerAdministration,
)
from tests.acip.factories import factor
from tests.acip.personas import make_staff
from tests.partners.factories import (
    AssessmentFactory,
    AssessmentScoreFactory,
    ContactFactory,
    IndicatorFactory,
    PartnerFactory,
)
from tests.queries import NAV_AGAIN

pytestmark = pytest.mark.django_db

CODES = ["GH", "KE", "MZ", "TZ", "UG", "ZM", "ET", "LR", "SL", "ML", "NP", "LB", "TN", "MA", "CO", "PE", "EC"]
FACTORS = range(1, 11)
GROUPS = ["officials", "private"]


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


@pytest.fixture
def seventeen():
    programme = PartnerFactory(country_code="GH", country_name="Ghana", slug="ghana").programme
    partners = [PartnerAdministration.objects.get(country_code="GH")]
    for code in CODES[1:]:
        partners.append(PartnerFactory(programme=programme, country_code=code, country_name=f"Land {code}"))
    return partners


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_csv(rows) -> bytes:
    out = StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def upload(client, kind, content: bytes, name: str):
    return client.post(
        reverse("imports:upload", args=[kind]), {"file": SimpleUploadedFile(name, content)}, follow=False
    )


def long_survey():
    rows = [["country", "round", "started_on", "group", "factor", "score"]]
    for code in CODES:
        for group in GROUPS:
            for number in FACTORS:
                rows.append([code, 3, datetime.date(2023, 3, 1), group, number, 50 + number + 0.5])
    return rows


def wide_survey(score=60):
    rows = [["Country", "Round", "Started on", "Group", *[f"Factor {n}" for n in FACTORS]]]
    for code in CODES:
        for group in GROUPS:
            rows.append([code, "3", "01/03/2023", group, *[str(score + n) for n in FACTORS]])
    return rows


def counts(response) -> str:
    """The preview's summary line, or the errors of the upload form."""
    page = response.content.decode()
    if "import-counts" not in page:
        return page[page.find("invalid-feedback") :][:2000]
    return page[page.index("import-counts") :][:120]


def confirm(client, kind):
    return client.post(reverse("imports:preview", args=[kind]))


def test_a_survey_sheet_of_17_countries_imports_340_scores_and_a_second_import_changes_nothing(
    staff_client, seventeen
):
    response = upload(staff_client, "survey", xlsx(long_survey()), "survey.xlsx")
    assert response.status_code == 302
    preview = staff_client.get(response.url)
    assert "340 rows to create, 0 to update, 0 left alone." in preview.content.decode()
    assert AssessmentScore.objects.count() == 0  # nothing written before the confirmation
    assert confirm(staff_client, "survey").status_code == 302
    assert AssessmentScore.objects.count() == 340
    assert Assessment.objects.filter(kind=AssessmentKind.CIPS, round_number=3).count() == 17
    assert AssessmentScore.objects.get(
        assessment__partner__country_code="KE", factor__number=4, group="private"
    ).score == Decimal("54.5")
    history = AssessmentScore.history.count()

    response = upload(staff_client, "survey", xlsx(long_survey()), "survey.xlsx")
    preview = staff_client.get(response.url)
    assert "0 rows to create, 0 to update, 340 left alone." in preview.content.decode()
    confirm(staff_client, "survey")
    assert AssessmentScore.objects.count() == 340
    assert AssessmentScore.history.count() == history


def test_the_wide_layout_from_csv_imports_a_score_per_factor_column_and_updates_changed_ones(staff_client, seventeen):
    upload(staff_client, "survey", as_csv(wide_survey()), "firm.csv")
    confirm(staff_client, "survey")
    assert AssessmentScore.objects.count() == 340
    rows = wide_survey()
    rows[1][4] = "99"  # GH officials, factor 1
    response = upload(staff_client, "survey", as_csv(rows), "firm.csv")
    assert "0 rows to create, 1 to update, 33 left alone." in staff_client.get(response.url).content.decode()
    confirm(staff_client, "survey")
    assert (
        AssessmentScore.objects.get(assessment__partner__country_code="GH", factor__number=1, group="officials").score
        == 99
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_sheet_with_every_kind_of_error_names_each_at_its_cell_and_writes_nothing(staff_client, seventeen, fmt):
    rows = long_survey()[:8]
    rows[1][0] = "Atlantis"  # row 2, A: unknown country
    rows[2][5] = "140"  # row 3, F: out of range
    rows[3][2] = "31/02/2023"  # row 4, C: not a date
    rows[5] = list(rows[4])  # row 6 repeats row 5: duplicate factor
    rows[6][3] = ""  # row 7, D: required value missing
    rows[7][1] = "three"  # row 8, B: wrong type
    content = xlsx(rows) if fmt == "xlsx" else as_csv(rows)
    response = upload(staff_client, "survey", content, f"errors.{fmt}")
    assert response.status_code == 200
    page = response.content.decode()
    for expected in [
        "Row 2, column A (country): unknown country “Atlantis”.",
        "Row 3, column F (score): 140 is out of range (0 to 100).",
        "Row 4, column C (started_on): “31/02/2023” is not a date",
        "Row 6, column E (factor): duplicate of row 5.",
        "Row 7, column D (group): a value is required.",
        "Row 8, column B (round): “three” is not a whole number.",
        "The file has 6 errors, listed below; nothing was imported.",
    ]:
        assert expected in page
    assert not Assessment.objects.exists()
    assert "imports:survey" not in staff_client.session
    assert staff_client.get(reverse("imports:preview", args=["survey"])).status_code == 302


def test_a_missing_column_is_named(staff_client, seventeen):
    rows = [row[:5] for row in long_survey()[:3]]
    page = upload(staff_client, "survey", as_csv(rows), "short.csv").content.decode()
    assert "Row 1: the column “score” is missing." in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.xlsx", b"this is not a workbook", "This file is not an Excel workbook (.xlsx)."),
        ("broken.xlsx", None, "This Excel file cannot be read."),
        ("photo.png", b"\x89PNG\r\n", "Upload an Excel workbook (.xlsx) or a CSV file (.csv)."),
        ("binary.csv", b"\x00\x01\x02", "This file is not a CSV file."),
        ("empty.csv", b"", "The submitted file is empty."),
        ("blank.csv", b"\n\n,,\n", "The file is empty."),
        ("huge.csv", b"a," * (MAX_BYTES // 2 + 10), "The file is larger than 2 MB."),
        ("header.csv", b"country,round,started_on,group,factor,score\n", "the file has a header row but no data."),
    ],
)
def test_junk_files_are_refused_with_a_message(staff_client, seventeen, name, content, message):
    if content is None:  # a zip archive that holds no workbook
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "not a workbook")
        content = buffer.getvalue()
    response = upload(staff_client, "survey", content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_too_many_rows_are_refused(staff_client, seventeen):
    content = b"country\n" + b"GH\n" * 5002
    assert "more than 5000 rows" in upload(staff_client, "survey", content, "long.csv").content.decode()


def test_the_confirmation_refuses_when_the_records_changed_since_the_preview(staff_client, seventeen):
    upload(staff_client, "survey", xlsx(long_survey()), "survey.xlsx")
    # Meanwhile someone records one of the file's scores by hand: that row would now update, not create.
    round_3 = AssessmentFactory(
        partner=seventeen[0], kind=AssessmentKind.CIPS, round_number=3, started_on=datetime.date(2023, 3, 1)
    )
    AssessmentScoreFactory(assessment=round_3, factor=factor(1), group="officials", score=10)
    response = confirm(staff_client, "survey")
    assert response.status_code == 302
    assert AssessmentScore.objects.count() == 1
    assert "The records changed since the preview" in staff_client.get(response.url).content.decode()
    # The second confirmation, after seeing the new preview, goes through.
    confirm(staff_client, "survey")
    assert AssessmentScore.objects.count() == 340


def test_a_round_recorded_with_another_start_date_is_an_error_at_the_date(staff_client, seventeen):
    AssessmentFactory(
        partner=seventeen[0], kind=AssessmentKind.CIPS, round_number=3, started_on=datetime.date(2023, 5, 1)
    )
    page = upload(staff_client, "survey", xlsx(long_survey()[:2]), "s.xlsx").content.decode()
    assert "Row 2, column C (started_on): round 3 of Ghana starts on 2023-05-01" in page


def preview_queries(client, rows) -> int:
    """The preview's queries once the navigation's count is kept (tests/queries.py), so that sizes compare."""
    upload(client, "survey", xlsx(rows), "survey.xlsx")
    client.get(reverse("imports:preview", args=["survey"]))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("imports:preview", args=["survey"])).status_code == 200
    return len(queries)


def test_the_preview_reads_in_a_fixed_number_of_queries(staff_client, seventeen):
    # session, user, role (groups, profile), partners, factors, rounds, and the navigation's kept count: the same for
    # 2 rows as for 340. Once rounds are recorded their scores are read too, in one query (none when there is no
    # round).
    assert preview_queries(staff_client, long_survey()[:3]) == 7 + NAV_AGAIN
    assert preview_queries(staff_client, long_survey()) == 7 + NAV_AGAIN
    confirm(staff_client, "survey")
    assert preview_queries(staff_client, long_survey()[:3]) == 8 + NAV_AGAIN
    assert preview_queries(staff_client, long_survey()) == 8 + NAV_AGAIN


def test_partners_contacts_and_indicator_values_create_update_and_leave_alone(staff_client, seventeen):
    ghana = seventeen[0]
    partners = [
        SPECS["partners"].template_columns(),
        ["gh", "Ghana", "Ghana Revenue Authority", "GRA", "WCA", "2019", ghana.programme.short_name, "2019-01-01", ""],
        [
            "BJ",
            "Benin",
            "Douanes du Bénin",
            "",
            "West and Central Africa",
            "later",
            ghana.programme.short_name,
            "2022-06-01",
            "",
        ],
    ]
    response = upload(staff_client, "partners", as_csv(partners), "p.csv")
    assert "1 rows to create, 1 to update, 0 left alone." in counts(staff_client.get(response.url))
    confirm(staff_client, "partners")
    assert PartnerAdministration.objects.get(country_code="BJ").slug == "benin"
    assert PartnerAdministration.objects.get(country_code="GH").acronym == "GRA"

    ContactFactory(partner=ghana, name="Ama Mensah", position="delegate")
    contacts = [
        SPECS["contacts"].template_columns(),
        ["GH", "Ama Mensah", "A-CIP Coordinator", "", "ama@example.org", "", "en", "yes"],
        ["Benin", "Luc Agbo", "delegate", "", "", "", "fr", "no"],
    ]
    upload(staff_client, "contacts", xlsx(contacts), "c.xlsx")
    confirm(staff_client, "contacts")
    assert Contact.objects.get(name="Ama Mensah").position == "coordinator"
    assert Contact.objects.get(name="Luc Agbo").is_active is False

    indicator = IndicatorFactory(outcome__plan__partner=ghana, code="1.1")
    values = [SPECS["indicator_values"].template_columns(), ["GH", "1.1", "2023", "40", "35,5", "Report", ""]]
    upload(staff_client, "indicator_values", as_csv(values), "v.csv")
    confirm(staff_client, "indicator_values")
    assert IndicatorValue.objects.get(indicator=indicator, period=2023).actual == Decimal("35.5")
    response = upload(staff_client, "indicator_values", as_csv(values), "v.csv")
    assert "0 rows to create, 0 to update, 1 left alone." in staff_client.get(response.url).content.decode()


def test_record_errors_are_named_at_their_cells(staff_client, seventeen):
    contacts = [SPECS["contacts"].template_columns(), ["GH", "Ama", "boss", "", "not-an-email", "", "en", "maybe"]]
    page = upload(staff_client, "contacts", as_csv(contacts), "c.csv").content.decode()
    assert "Row 2, column C (position): “boss” is not one of" in page
    assert "Row 2, column E (email): “not-an-email” is not an e-mail address." in page
    assert "Row 2, column H (active): write yes or no." in page
    values = [SPECS["indicator_values"].template_columns(), ["GH", "9.9", "1999", "", "", "", ""]]
    page = upload(staff_client, "indicator_values", as_csv(values), "v.csv").content.decode()
    assert "Row 2, column C (year): 1999 is out of range (2000 to 2100)." in page
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("kind", "layout"), [("survey", ""), ("survey", "wide"), *[(k, "") for k in SPECS if k != "survey"]]
)
def test_each_template_has_the_header_row_and_an_example_row(staff_client, kind, layout):
    response = staff_client.get(reverse("imports:template", args=[kind]), {"layout": layout})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == SPECS[kind].template_columns(layout)
    assert len(rows) == 2


def test_the_demo_round_trips_through_its_records_file_unchanged(staff_client):
    call_command("load_demo", stdout=StringIO())
    for kind in SPECS:
        records = staff_client.get(reverse("imports:template", args=[kind]), {"fill": "records"})
        response = upload(staff_client, kind, records.content, f"{kind}.xlsx")
        assert response.status_code == 302, [str(e) for e in response.context["errors"]][:5]
        page = staff_client.get(response.url).content.decode()
        assert "0 rows to create, 0 to update," in page, kind


def test_staff_find_the_imports_on_the_dashboard(staff_client):
    page = staff_client.get(reverse("dashboard:home")).content.decode()
    assert f'href="{reverse("imports:list")}"' in page


def test_an_unknown_import_is_404_and_junk_parameters_are_ignored(staff_client):
    assert staff_client.get(reverse("imports:upload", args=["nope"])).status_code == 404
    assert staff_client.get(reverse("imports:template", args=["nope"])).status_code == 404
    response = staff_client.get(reverse("imports:template", args=["survey"]), {"layout": "wide", "fill": "records"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == SPECS["survey"].template_columns()
    junk = staff_client.get(reverse("imports:template", args=["survey"]), {"layout": "x\x00", "fill": "[]"})
    assert junk.status_code == 200
