"""The donor report as an Excel workbook: one sheet per section of the page, from the same `DonorReport`."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from acip.dashboards.reports import DonorReport
from acip.lib.exports import Column, Sheet, display, field, shared, workbook_response


def report_filename(report: DonorReport) -> str:
    return f"report-{report.donor.slug}-{slugify(report.period.label)[:40]}"


def report_workbook(report: DonorReport):
    return workbook_response(sheets=report_sheets(report), filename=report_filename(report))


def _year_rows(indicators, years, partner=None):
    """One row per indicator and year of the period, with that year's value (blank where none was reported)."""
    for indicator in indicators:
        for year, value in zip(years, indicator.cells, strict=True):
            yield {"partner": partner, "indicator": indicator, "year": year, "value": value}


def report_sheets(report: DonorReport) -> list[Sheet]:
    partners = list(report.partner_page.object_list)
    country = field(_("Country"), "partner.country_name")
    indicator_columns = [
        field(_("Code"), "indicator.code"),
        field(_("Indicator"), "indicator.name"),
        Column(_("Level"), lambda row: row["indicator"].get_level_display()),
        field(_("Unit"), "indicator.unit"),
        field(_("Baseline"), "indicator.baseline"),
        field(_("Year"), "year"),
        field(_("Target"), "value.target"),
        field(_("Actual"), "value.actual"),
    ]
    return [
        Sheet(
            _("Administrations"),
            [
                field(_("Country"), "country_name"),
                field(_("Administration"), "name"),
                field(_("Region"), "region.label"),
                field(_("Stage at the end of the period"), "stage_label"),
                field(_("Health at the end of the period"), "health_label"),
                field(_("Status since"), "status_effective_on"),
                Column(_("Status changes in the period"), lambda partner: len(partner.changes)),
                field(_("Activities held"), "activity_count"),
                field(_("Side meetings"), "side_meeting_count"),
            ],
            partners,
            widths=[22, 40, 22, 22, 22, 14, 14, 12, 12],
        ),
        Sheet(
            _("Status changes"),
            [
                country,
                field(_("Effective on"), "change.effective_on"),
                Column(_("Stage"), lambda row: row["change"].get_stage_display()),
                Column(_("Health"), lambda row: row["change"].get_health_display()),
                Column(_("Reason"), lambda row: shared("reason")(row["change"])),
            ],
            # The administration from the loop, not `change.partner`: that would be a query per row.
            [{"partner": partner, "change": change} for partner in partners for change in partner.changes],
            widths=[22, 14, 18, 14, 80],
        ),
        Sheet(
            _("Outcomes by factor"),
            [
                field(_("Number"), "factor.number"),
                field(_("Integrity factor"), "factor.label"),
                field(_("Outcomes"), "outcomes"),
                field(_("Administrations"), "partners"),
            ],
            report.factor_rows,
            widths=[8, 50, 12, 16],
        ),
        Sheet(
            _("Outcomes"),
            [
                country,
                field(_("Plan"), "plan.title"),
                field(_("Outcome"), "outcome.title"),
                Column(
                    _("Integrity factors"),
                    lambda row: ", ".join(str(factor.number) for factor in row["outcome"].factor_list),
                ),
            ],
            [
                {"partner": partner, "plan": partner.plan, "outcome": outcome}
                for partner in partners
                for outcome in partner.outcome_list
            ],
            widths=[22, 40, 60, 16],
        ),
        Sheet(
            _("Indicators"),
            [country, field(_("Outcome"), "indicator.outcome_title"), *indicator_columns],
            [row for partner in partners for row in _year_rows(partner.indicator_list, report.years, partner)],
            widths=[22, 40, 10, 50, 12, 10, 12, 8, 12, 12],
        ),
        Sheet(
            _("Programme indicators"),
            indicator_columns,
            list(_year_rows(report.programme_indicators, report.years)),
            widths=[10, 60, 12, 10, 12, 8, 12, 12],
        ),
        Sheet(
            _("Activities"),
            [
                field(_("Done on"), "done_on"),
                field(_("Country"), "partner.country_name"),
                field(_("Activity"), "title"),
                Column(_("Kind"), display("kind")),
                Column(_("Component"), display("component")),
                field(_("Women"), "participants_women"),
                field(_("Men"), "participants_men"),
            ],
            report.activities,
            widths=[12, 22, 60, 18, 14, 10, 10],
        ),
        Sheet(
            _("Meetings"),
            [
                field(_("Starts on"), "starts_on"),
                field(_("Ends on"), "ends_on"),
                field(_("Meeting"), "title"),
                Column(_("Kind"), display("kind")),
                field(_("Place"), "place"),
                Column(
                    _("Administrations covered that attended"),
                    lambda meeting: ", ".join(a.partner.country_name for a in meeting.covered_attendances),
                ),
                field(_("Side meetings"), "covered_side_meetings"),
            ],
            report.meetings,
            widths=[12, 12, 50, 18, 20, 60, 12],
        ),
    ]
