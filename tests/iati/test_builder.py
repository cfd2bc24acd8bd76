"""The IATI 2.03 activity file: valid against the official schema, carrying the programme's sector and its donors'
funding roles, and holding only what every donor may read (markers planted in everything else)."""

import datetime

import pytest
from lxml import etree

from acip.devdata.demo import demo_load
from acip.iati import codes
from acip.iati.builder import activities_xml
from acip.iati.schema import activity_schema, schema_parser, validation_errors
from tests.acip.factories import DonorFactory, FundingAgreementFactory
from tests.partners.factories import (
    ActivityFactory,
    AssessmentFactory,
    ContactFactory,
    CountryPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

STAFF_MARKER = "IATI-MARKER-STAFF-ONLY"
PARTNER_MARKER = "IATI-MARKER-PARTNER-ONLY"
UNCOVERED_MARKER = "IATI-MARKER-NO-DONOR"
PERSONAL_MARKER = "iati-marker-personal"
SHARED = "IATI-SHARED"
NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def parse(xml: bytes):
    return etree.fromstring(xml)


def plan_tree(partner, tier, marker, *, unit="%", values=2):
    """A plan of `tier` whose every text carries `marker`, with an outcome, an indicator and its values."""
    plan = CountryPlanFactory(partner=partner, tier=tier, title=f"{marker} plan", general_outcome=f"{marker} goal")
    outcome = OutcomeFactory(plan=plan, title=f"{marker} outcome", description=f"{marker} outcome text")
    indicator = IndicatorFactory(
        outcome=outcome,
        name=f"{marker} indicator",
        unit=unit,
        baseline_on=datetime.date(2021, 1, 1),
        baseline_source=f"{marker} source",
    )
    for year in range(2022, 2022 + values):
        IndicatorValueFactory(indicator=indicator, period=year, source=f"{marker} src", comment=f"{marker} comment")
    return plan


@pytest.fixture
def world():
    """Administration A, covered by Norad and Global Affairs Canada, with a plan shared with donors and plans, rows
    and text that donors may not read; administration B, covered by no agreement, with a plan shared with donors."""
    norad = DonorFactory(name="Norwegian Agency for Development Cooperation", iati_ref="NO-BRC-971277882")
    gac = DonorFactory(name="Global Affairs Canada", iati_ref="CA-3")
    # Codes that factories never give (tests.partners.factories.FREE_CODES), so no later administration takes them.
    a, b = PartnerFactory(country_code="UA"), PartnerFactory(country_code="MW")
    FundingAgreementFactory(donor=norad, partners=[a], notes=f"{STAFF_MARKER} agreement notes")
    FundingAgreementFactory(donor=gac, partners=[a], currency="CAD", amount=3_496_777, notes=STAFF_MARKER)
    shared = plan_tree(a, "donors", SHARED)
    plan_tree(a, "staff", STAFF_MARKER)
    plan_tree(a, "partner", PARTNER_MARKER)
    plan_tree(b, "donors", UNCOVERED_MARKER)
    outcome = shared.outcomes.get()
    ActivityFactory(partner=a, tier="staff", title=STAFF_MARKER, description=STAFF_MARKER, outcome=outcome)
    ActivityFactory(partner=a, tier="donors", title=f"{SHARED} activity", description=f"{SHARED} activity")
    StatusChangeFactory(partner=a, tier="staff", reason=STAFF_MARKER)
    AssessmentFactory(partner=a, tier="staff", title=STAFF_MARKER, summary=STAFF_MARKER)
    ContactFactory(partner=a, name="Ama", email=f"{PERSONAL_MARKER}@example.org", phone=PERSONAL_MARKER)
    return {"a": a, "b": b, "shared": shared}


def test_the_schema_loads_from_the_project_alone():
    assert activity_schema() is activity_schema()  # loaded once


def test_a_schema_that_imports_from_the_internet_is_refused_not_fetched(tmp_path):
    (tmp_path / "remote.xsd").write_text(
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        '<xsd:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>'
        "</xsd:schema>"
    )
    with pytest.raises(etree.XMLSchemaParseError):
        etree.XMLSchema(etree.parse(str(tmp_path / "remote.xsd"), schema_parser()))


def test_a_file_with_a_missing_element_is_invalid():
    assert validation_errors(b'<iati-activities version="2.03"><iati-activity/></iati-activities>')


def test_the_file_validates_against_the_2_03_schema(world):
    assert validation_errors(activities_xml(now=NOW)) == []


def test_the_demo_file_validates_and_carries_the_sector_and_the_donors_funding(settings):
    demo_load()
    xml = activities_xml()
    assert validation_errors(xml) == []
    root = parse(xml)
    activities = root.findall("iati-activity")
    assert len(activities) >= 2
    for activity in activities:
        sector = activity.find("sector")
        assert (sector.get("code"), sector.get("vocabulary")) == ("15113", "1")
    programme = activities[0]
    funders = {org.get("ref") for org in programme.findall("participating-org[@role='1']")}
    assert funders == {"NO-BRC-971277882", "CA-3"}
    implementing = programme.find("participating-org[@role='4']")
    assert implementing.get("ref") == settings.IATI_REPORTING_ORG_REF
    assert implementing.findtext("narrative") == "World Customs Organization"


def test_the_file_holds_nothing_that_donors_may_not_read(world):
    text = activities_xml(now=NOW).decode()
    assert f"{SHARED} outcome" in text and f"{SHARED} indicator" in text  # so that the checks below can fail
    for marker in (STAFF_MARKER, PARTNER_MARKER, UNCOVERED_MARKER, PERSONAL_MARKER):
        assert marker not in text, marker
    assert "Ama" not in text  # no contact at all


def test_the_programme_is_the_parent_of_each_shared_plan(world):
    root = parse(activities_xml(now=NOW))
    programme, *plans = root.findall("iati-activity")
    assert programme.get("hierarchy") == "1"
    assert programme.findtext("iati-identifier") == "XI-IATI-WCO-A-CIP"
    assert [plan.findtext("iati-identifier") for plan in plans] == [f"XI-IATI-WCO-A-CIP-UA-{world['shared'].version}"]
    plan = plans[0]
    assert plan.get("hierarchy") == "2"
    assert [(r.get("ref"), r.get("type")) for r in plan.findall("related-activity")] == [
        ("XI-IATI-WCO-A-CIP", codes.RELATED_PARENT)
    ]
    assert [(r.get("ref"), r.get("type")) for r in programme.findall("related-activity")] == [
        (plan.findtext("iati-identifier"), codes.RELATED_CHILD)
    ]


def test_the_reporting_organisation_is_a_setting(world, settings):
    settings.IATI_REPORTING_ORG_REF = "XM-DAC-00-0"
    root = parse(activities_xml(now=NOW))
    assert {a.find("reporting-org").get("ref") for a in root.findall("iati-activity")} == {"XM-DAC-00-0"}
    assert root.find("iati-activity").findtext("iati-identifier") == "XM-DAC-00-0-A-CIP"


def test_a_plan_names_its_country_its_funders_and_its_administration(world):
    plan = parse(activities_xml(now=NOW)).findall("iati-activity")[1]
    assert [(c.get("code"), c.get("percentage")) for c in plan.findall("recipient-country")] == [("UA", "100")]
    orgs = [(o.get("role"), o.get("ref"), o.findtext("narrative")) for o in plan.findall("participating-org")]
    assert orgs == [
        ("1", "NO-BRC-971277882", "Norwegian Agency for Development Cooperation"),
        ("1", "CA-3", "Global Affairs Canada"),
        ("4", "XI-IATI-WCO", "World Customs Organization"),
        ("4", None, world["a"].name),
    ]


def test_budgets_come_from_the_agreements(world):
    programme = parse(activities_xml(now=NOW)).find("iati-activity")
    values = [
        (b.find("value").get("currency"), b.find("value").text, b.find("value").get("value-date"))
        for b in programme.findall("budget")
    ]
    assert values == [("EUR", "5000000.00", "2018-11-16"), ("CAD", "3496777.00", "2018-11-16")]
    budget = programme.find("budget")
    assert (budget.find("period-start").get("iso-date"), budget.find("period-end").get("iso-date")) == (
        "2019-01-01",
        "2025-09-30",
    )


def test_dates_and_status_follow_the_plan(world):
    plan = world["shared"]
    plan.status = "in_implementation"
    plan.save()
    activity = parse(activities_xml(now=NOW)).findall("iati-activity")[1]
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    assert dates == {"1": "2021-01-01", "2": "2021-01-01", "3": "2024-12-31"}
    assert activity.find("activity-status").get("code") == codes.STATUS_IMPLEMENTATION
    plan.status = "closed"
    plan.save()
    activity = parse(activities_xml(now=NOW)).findall("iati-activity")[1]
    assert {d.get("type") for d in activity.findall("activity-date")} == {"1", "2", "3", "4"}
    assert activity.find("activity-status").get("code") == codes.STATUS_CLOSED


def test_no_actual_date_is_in_the_future(world):
    plan = world["shared"]
    plan.status, plan.starts_on, plan.ends_on = "closed", datetime.date(2027, 1, 1), datetime.date(2028, 1, 1)
    plan.save()
    activity = parse(activities_xml(now=NOW)).findall("iati-activity")[1]
    assert {d.get("type") for d in activity.findall("activity-date")} == {"1", "3"}


def test_results_carry_outcomes_indicators_baseline_and_periods(world):
    result = parse(activities_xml(now=NOW)).findall("iati-activity")[1].find("result")
    assert result.get("type") == codes.RESULT_OUTCOME
    assert result.find("title").findtext("narrative") == f"{SHARED} outcome"
    indicator = result.find("indicator")
    assert (indicator.get("measure"), indicator.get("ascending")) == (codes.MEASURE_PERCENTAGE, "1")
    assert (indicator.find("baseline").get("year"), indicator.find("baseline").get("value")) == ("2021", "40")
    periods = [
        (p.find("period-start").get("iso-date"), p.find("target").get("value"), p.find("actual").get("value"))
        for p in indicator.findall("period")
    ]
    assert periods == [("2022-01-01", "50", "45"), ("2023-01-01", "50", "45")]


def test_an_indicator_counted_in_units_is_measure_1(world):
    indicator = world["shared"].outcomes.get().indicators.get()
    indicator.unit = "number of officers"
    indicator.direction = "decrease"
    indicator.save()
    element = parse(activities_xml(now=NOW)).find(".//indicator")
    assert (element.get("measure"), element.get("ascending")) == (codes.MEASURE_UNIT, "0")


def test_an_outcome_without_indicators_is_left_out_and_the_file_stays_valid(world):
    OutcomeFactory(plan=world["shared"], title=f"{SHARED} bare outcome")
    xml = activities_xml(now=NOW)
    assert validation_errors(xml) == []
    assert b"bare outcome" not in xml


def test_text_that_xml_cannot_hold_is_dropped(world):
    plan = world["shared"]
    plan.general_outcome = "bell\x07 and tab\x0b"
    plan.save()
    xml = activities_xml(now=NOW)
    assert validation_errors(xml) == []
    assert b"bell and tab" in xml


def test_without_any_agreement_the_file_holds_no_activity():
    """No administration is covered, so nothing is shared with donors (the export refuses to write such a file:
    the schema wants one activity at least)."""
    CountryPlanFactory(partner=PartnerFactory(), tier="donors")
    assert parse(activities_xml(now=NOW)).findall("iati-activity") == []


def test_the_file_is_read_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    for _ in range(3):  # more administrations, plans and agreements: the same count
        partner = PartnerFactory()
        FundingAgreementFactory(donor=DonorFactory(), partners=[partner])
        plan_tree(partner, "donors", SHARED, values=3)
    with django_assert_num_queries(7):
        xml = activities_xml(now=NOW)
    assert len(parse(xml).findall("iati-activity")) == 5


def test_the_permission_matrix_world_leaves_no_canary_in_the_file():
    """The matrix's world plants canaries in every staff-only row and in contacts' personal data, and links hidden
    rows from shared ones: none of them reaches the file."""
    from tests.acip.test_permission_matrix import STAFF_CANARY, build_world, personal_canary

    build_world()
    xml = activities_xml(now=NOW)
    assert validation_errors(xml) == []
    text = xml.decode()
    assert parse(xml).findall("iati-activity[@hierarchy='2']")  # both shared plans are in it
    for canary in (STAFF_CANARY, personal_canary("A"), personal_canary("B")):
        assert canary not in text, canary
