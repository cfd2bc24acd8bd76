"""The imports: for each, its columns, an example row, the records it reads back (the round trip), and `plan()`,
which checks every cell of a table against the current database and says, row by row, what would be created,
updated or left alone, without writing. services.py writes a plan that has no errors.

Each plan reads what it needs in a fixed number of queries (the administrations, factors, indicators and existing
rows at once), so a preview of 5,000 rows costs what a preview of 5 does.
"""

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from acip.imports.cells import CellError, Row, normalise
from acip.models import IntegrityFactor, Programme, Region
from partners.models import (
    SCORE_MAX,
    SCORE_MIN,
    Assessment,
    AssessmentKind,
    AssessmentScore,
    Cohort,
    Contact,
    ExitReason,
    Indicator,
    IndicatorValue,
    Language,
    PartnerAdministration,
    Position,
    RespondentGroup,
)

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass(frozen=True)
class Col:
    key: str  # the header the templates write, in any language
    label: str  # what it holds, for the page
    required: bool = False


@dataclass
class RowPlan:
    row: int
    action: str
    summary: str


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    #: The model instances to save, in order (a survey round before its scores), each new or changed.
    writes: list = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def digest(self) -> str:
        """What the plan would do, as a hash: the confirm refuses when the records changed since the preview."""
        described = [(row.row, row.action, row.summary) for row in self.rows]
        return hashlib.sha256(json.dumps(described).encode()).hexdigest()

    def add(self, number: int, before: dict | None, after: dict, obj, summary: str) -> None:
        """Plan one record: new when `before` is None, changed when its values differ, else left alone."""
        if before is None:
            action = CREATE
        elif before != after:
            action = UPDATE
        else:
            action = UNCHANGED
        if action != UNCHANGED:
            for name, value in after.items():
                setattr(obj, name, value)
            self.writes.append(obj)
        self.rows.append(RowPlan(number, action, summary))


class Spec:
    kind = ""
    title = ""
    description = ""
    columns: list[Col] = []
    example: list = []

    def header_positions(self, header: list[str], errors: list[CellError]):
        """Column key -> index and key -> header as written, from the header row; a missing required column is an
        error of row 1."""
        positions, headers = {}, {}
        for index, cell in enumerate(header):
            key = self.key_of(cell)
            if key and key not in positions:
                positions[key] = index
                headers[key] = cell
        for column in self.required_columns(header):
            if column.required and column.key not in positions:
                errors.append(CellError(1, "", "", _("the column “%(name)s” is missing.") % {"name": column.key}))
        return positions, headers

    def required_columns(self, header: list[str]) -> list[Col]:
        return self.columns

    def key_of(self, cell: str) -> str | None:
        wanted = normalise(cell)
        for column in self.columns:
            if wanted in (normalise(column.key), normalise(column.label)):
                return column.key
        return None

    def rows(self, table, positions, headers, errors) -> Iterable[Row]:
        for number, cells in enumerate(table[1:], start=2):
            if any(cell.strip() for cell in cells):
                yield Row(number, cells, positions, headers, errors)

    def plan(self, table: list[list[str]], user) -> Plan:
        plan = Plan()
        positions, headers = self.header_positions(table[0], plan.errors)
        if plan.errors:
            return plan
        rows = list(self.rows(table, positions, headers, plan.errors))
        if not rows:
            plan.errors.append(CellError(2, "", "", _("the file has a header row but no data.")))
            return plan
        self.plan_rows(rows, user, plan)
        planned = {row.row for row in plan.rows}
        for row in rows:
            # Never drop a row silently: one that is neither planned nor wrong is reported.
            if row.number not in planned and not row.has_errors:
                plan.errors.append(CellError(row.number, "", "", _("the row could not be read.")))
        if plan.errors:
            plan.writes = []
        return plan

    def plan_rows(self, rows: list[Row], user, plan: Plan) -> None:
        raise NotImplementedError

    def template_columns(self, layout: str = "") -> list[str]:
        return [column.key for column in self.columns]

    def template_example(self, layout: str = "") -> list:
        return self.example


def _countries(user) -> dict[str, PartnerAdministration]:
    """The administrations the user may see, by code and by name (one query)."""
    found = {}
    for partner in PartnerAdministration.objects.visible_to(user):
        found[normalise(partner.country_code)] = partner
        found[normalise(partner.country_name)] = partner
    return found


def _country(row: Row, key: str, countries: dict, *, required: bool = True):
    value = row.text(key, required=required)
    if not value:
        return None
    partner = countries.get(normalise(value))
    if partner is None:
        row.error(key, _("unknown country “%(value)s”.") % {"value": value})
    return partner


def _duplicate(row: Row, key: str, seen: dict, identity) -> bool:
    if identity in seen:
        row.error(key, _("duplicate of row %(row)d.") % {"row": seen[identity]})
        return True
    seen[identity] = row.number
    return False


FACTOR_HEADER = re.compile(r"^(?:factor|facteur|factor n)?\s*(\d{1,2})$")


class SurveySpec(Spec):
    """Survey results: one row per administration, round, respondent group and factor (the long layout), or one row
    per administration, round and group with a column per factor 1 to 10 (a survey firm's wide layout). A round is a
    Customs Integrity Perception Survey round of the administration, created on first import."""

    kind = "survey"
    title = gettext_lazy("Survey results")
    description = gettext_lazy(
        "Scores of a Customs Integrity Perception Survey round, from 0 to 100, per administration, round, respondent "
        "group and factor: one row per score, or one row per group with a column per factor (1 to 10)."
    )
    columns = [
        Col("country", gettext_lazy("Country code or name"), True),
        Col("round", gettext_lazy("Survey round number"), True),
        Col("started_on", gettext_lazy("Date the round started"), True),
        Col("group", gettext_lazy("Respondent group: officials or private"), True),
        Col("factor", gettext_lazy("Integrity factor number, 1 to 10"), True),
        Col("score", gettext_lazy("Score, 0 to 100"), True),
    ]
    example = ["GH", 2, "2023-03-01", "officials", 1, 62.5]

    def wide(self, header: list[str]) -> bool:
        return not any(self.key_of(cell) == "score" for cell in header) and any(
            FACTOR_HEADER.match(normalise(cell)) for cell in header
        )

    def key_of(self, cell: str) -> str | None:
        match = FACTOR_HEADER.match(normalise(cell))
        if match and 1 <= int(match.group(1)) <= 10:
            return f"factor_{int(match.group(1))}"
        return super().key_of(cell)

    def required_columns(self, header):
        if self.wide(header):
            return [column for column in self.columns if column.key not in ("factor", "score")]
        return self.columns

    def template_columns(self, layout=""):
        if layout == "wide":
            return ["country", "round", "started_on", "group"] + [f"factor {number}" for number in range(1, 11)]
        return super().template_columns()

    def template_example(self, layout=""):
        if layout == "wide":
            return ["GH", 2, "2023-03-01", "officials", 62.5, 58, 71, 64.5, 55, 60, 49.5, 66, 70, 52]
        return self.example

    def plan_rows(self, rows, user, plan):
        countries = _countries(user)
        factors = {factor.number: factor for factor in IntegrityFactor.objects.all()}
        factor_names = {normalise(factor.name): factor.number for factor in factors.values()}
        rounds = {
            (assessment.partner_id, assessment.round_number): assessment
            for assessment in Assessment.objects.visible_to(user)
            .filter(kind=AssessmentKind.CIPS, round_number__isnull=False)
            .order_by("started_on", "pk")
        }
        scores = {
            (score.assessment_id, score.factor_id, score.group): score
            for score in AssessmentScore.objects.visible_to(user).filter(
                assessment__in=[assessment.pk for assessment in rounds.values()]
            )
        }
        seen, starts, new_rounds = {}, {}, {}
        for row in rows:
            partner = _country(row, "country", countries)
            number = row.integer("round", required=True, minimum=1, maximum=99)
            started_on = row.date("started_on", required=True)
            group = row.choice("group", RespondentGroup, required=True)
            if "factor" in row.positions:
                cells = [(self._factor(row, factors, factor_names), "score")]
            else:
                cells = [(n, f"factor_{n}") for n in range(1, 11) if row.raw(f"factor_{n}")]
                if not cells:
                    row.error("country", _("the row has no score."))
            values = [
                (n, key, row.decimal(key, required=True, places=1, minimum=SCORE_MIN, maximum=SCORE_MAX))
                for n, key in cells
            ]
            if None in (partner, number, started_on, group):
                continue
            identity = (partner.pk, number)
            first = starts.setdefault(identity, (row.number, started_on))
            assessment = rounds.get(identity)
            known_start = assessment.started_on if assessment else first[1]
            if started_on != known_start:
                row.error(
                    "started_on",
                    _("round %(round)d of %(country)s starts on %(date)s (row %(row)d or the records).")
                    % {"round": number, "country": partner, "date": known_start.isoformat(), "row": first[0]},
                )
                continue
            if assessment is None:
                assessment = new_rounds.get(identity)
            if assessment is None:
                assessment = Assessment(
                    partner=partner,
                    kind=AssessmentKind.CIPS,
                    round_number=number,
                    title=_("Customs Integrity Perception Survey, round %(round)d") % {"round": number},
                    started_on=started_on,
                )
                new_rounds[identity] = assessment
                plan.writes.append(assessment)
            changes = []
            for factor_number, key, score in values:
                if factor_number is None or score is None:
                    continue
                if _duplicate(
                    row, "factor" if key == "score" else key, seen, (partner.pk, number, group, factor_number)
                ):
                    continue
                factor = factors[factor_number]
                existing = scores.get((assessment.pk, factor.pk, group)) if assessment.pk else None
                before = {"score": existing.score} if existing else None
                obj = existing or AssessmentScore(assessment=assessment, factor=factor, group=group)
                sub = Plan()
                sub.add(row.number, before, {"score": score}, obj, "")
                plan.writes.extend(sub.writes)
                changes.append(sub.rows[0].action)
            if changes:
                action = CREATE if CREATE in changes else UPDATE if UPDATE in changes else UNCHANGED
                summary = _("%(country)s, round %(round)d, %(group)s: %(count)d scores") % {
                    "country": partner,
                    "round": number,
                    "group": RespondentGroup(group).label,
                    "count": len(changes),
                }
                if len(changes) == 1:
                    summary = _("%(country)s, round %(round)d, %(group)s, factor %(factor)d: %(score)s") % {
                        "country": partner,
                        "round": number,
                        "group": RespondentGroup(group).label,
                        "factor": values[0][0],
                        "score": values[0][2],
                    }
                plan.rows.append(RowPlan(row.number, action, summary))

    def _factor(self, row: Row, factors: dict, names: dict) -> int | None:
        value = row.raw("factor")
        if not value:
            row.error("factor", _("a value is required."))
            return None
        if normalise(value) in names:
            return names[normalise(value)]
        return row.integer("factor", required=True, minimum=1, maximum=len(factors) or 10)

    def records(self, user) -> list[list]:
        scores = (
            AssessmentScore.objects.visible_to(user)
            .filter(assessment__kind=AssessmentKind.CIPS, assessment__round_number__isnull=False)
            .select_related("assessment__partner", "factor")
            .order_by("assessment__partner__country_name", "assessment__round_number", "group", "factor__number")
        )
        return [
            [
                score.assessment.partner.country_code,
                score.assessment.round_number,
                score.assessment.started_on,
                score.group,
                score.factor.number,
                score.score,
            ]
            for score in scores
        ]


class PartnerSpec(Spec):
    """Partner administrations, one row each, identified by their country code."""

    kind = "partners"
    title = gettext_lazy("Partner administrations")
    description = gettext_lazy(
        "One row per administration, identified by its ISO country code: its name, region, cohort, programme and "
        "membership dates."
    )
    columns = [
        Col("country_code", gettext_lazy("ISO 3166-1 alpha-2 code"), True),
        Col("country", gettext_lazy("Country name"), True),
        Col("administration", gettext_lazy("The administration's official name"), True),
        Col("acronym", gettext_lazy("Acronym")),
        Col("region", gettext_lazy("WCO region code or name"), True),
        Col("cohort", gettext_lazy("Cohort: 2019, 2020, 2021 or later"), True),
        Col("programme", gettext_lazy("Programme short name"), True),
        Col("joined_on", gettext_lazy("Date joined"), True),
        Col("exited_on", gettext_lazy("Date exited, if it has")),
        Col("exit_reason", gettext_lazy("Why it exited: funding_ended, plan_completed, withdrew or other")),
    ]
    example = [
        "GH",
        "Ghana",
        "Ghana Revenue Authority, Customs Division",
        "GRA",
        "ESA",
        "2019",
        "A-CIP",
        "2019-01-15",
        "",
        "",
    ]

    def plan_rows(self, rows, user, plan):
        partners = {p.country_code: p for p in PartnerAdministration.objects.visible_to(user)}
        names = {normalise(p.country_name): p.country_code for p in partners.values()}
        regions = {}
        for region in Region.objects.all():
            regions[normalise(region.code)] = regions[normalise(region.name)] = region
        programmes = {normalise(p.short_name): p for p in Programme.objects.all()}
        slugs = {p.slug for p in partners.values()}
        seen, seen_names = {}, {}
        for row in rows:
            code = row.text("country_code", required=True)
            if code and not re.fullmatch(r"[A-Za-z]{2}", code):
                row.error("country_code", _("“%(value)s” is not a two-letter ISO code.") % {"value": code})
                code = None
            code = code.upper() if code else None
            name = row.text("country", required=True, max_length=100)
            values = {
                "name": row.text("administration", required=True, max_length=200),
                "acronym": row.text("acronym", max_length=20),
                "region": self._lookup(row, "region", regions, _("unknown region “%(value)s”.")),
                "cohort": row.choice("cohort", Cohort, required=True),
                "programme": self._lookup(row, "programme", programmes, _("unknown programme “%(value)s”.")),
                "joined_on": row.date("joined_on", required=True),
                "exited_on": row.date("exited_on"),
                "exit_reason": row.choice("exit_reason", ExitReason) or "",
            }
            if values["joined_on"] and values["exited_on"] and values["exited_on"] < values["joined_on"]:
                row.error("exited_on", _("the exit is before the joining date."))
                continue
            if values["exited_on"] and not values["exit_reason"] and not row.has_errors:
                row.error("exit_reason", _("give the reason of the exit."))
                continue
            if values["exit_reason"] and not values["exited_on"] and not row.has_errors:
                row.error("exit_reason", _("a reason goes with an exit date only."))
                continue
            if row.has_errors:
                continue
            if _duplicate(row, "country_code", seen, code) or _duplicate(row, "country", seen_names, normalise(name)):
                continue
            if names.get(normalise(name), code) != code:
                row.error("country", _("“%(value)s” is already the country of another code.") % {"value": name})
                continue
            existing = partners.get(code)
            after = {"country_name": name, **values}
            if existing is None:
                slug = base = slugify(name)[:55] or code.lower()
                counter = 2
                while slug in slugs:
                    slug, counter = f"{base}-{counter}", counter + 1
                slugs.add(slug)
                obj = PartnerAdministration(country_code=code, slug=slug)
                before = None
            else:
                obj = existing
                before = {key: getattr(existing, key) for key in after}
            plan.add(row.number, before, after, obj, f"{code} {name}")

    def _lookup(self, row, key, known, message):
        value = row.text(key, required=True)
        if not value:
            return None
        found = known.get(normalise(value))
        if found is None:
            row.error(key, message % {"value": value})
        return found

    def records(self, user):
        partners = PartnerAdministration.objects.visible_to(user).select_related("region", "programme")
        return [
            [
                p.country_code,
                p.country_name,
                p.name,
                p.acronym,
                p.region.code,
                p.cohort,
                p.programme.short_name,
                p.joined_on,
                p.exited_on,
                p.exit_reason,
            ]
            for p in partners
        ]


class ContactSpec(Spec):
    """Contacts of the administrations, identified by their administration and name."""

    kind = "contacts"
    title = gettext_lazy("Contacts")
    description = gettext_lazy(
        "One row per person, identified by the administration and the name: position, job title, e-mail, phone, "
        "working language, and whether still active."
    )
    columns = [
        Col("country", gettext_lazy("Country code or name"), True),
        Col("name", gettext_lazy("Full name"), True),
        Col("position", gettext_lazy("coordinator, head, delegate, focal_point or other"), True),
        Col("job_title", gettext_lazy("Job title")),
        Col("email", gettext_lazy("E-mail")),
        Col("phone", gettext_lazy("Phone")),
        Col("language", gettext_lazy("Language: en, fr or es")),
        Col("active", gettext_lazy("Active: yes or no")),
    ]
    example = ["GH", "Ama Mensah", "coordinator", "Deputy Commissioner", "ama.mensah@example.org", "", "en", "yes"]

    def plan_rows(self, rows, user, plan):
        countries = _countries(user)
        contacts = {}
        for contact in Contact.objects.visible_to(user).order_by("pk"):
            contacts.setdefault((contact.partner_id, normalise(contact.name)), contact)
        seen = {}
        for row in rows:
            partner = _country(row, "country", countries)
            name = row.text("name", required=True, max_length=200)
            values = {
                "position": row.choice("position", Position, required=True),
                "job_title": row.text("job_title", max_length=200),
                "email": row.email("email"),
                "phone": row.text("phone", max_length=50),
                "language": row.choice("language", Language) if row.raw("language") else Language.ENGLISH,
                "is_active": row.boolean("active", default=True),
            }
            if row.has_errors:
                continue
            if _duplicate(row, "name", seen, (partner.pk, normalise(name))):
                continue
            existing = contacts.get((partner.pk, normalise(name)))
            after = {"name": name, **values}
            before = {key: getattr(existing, key) for key in after} if existing else None
            plan.add(row.number, before, after, existing or Contact(partner=partner), f"{partner}: {name}")

    def records(self, user):
        contacts = Contact.objects.visible_to(user).select_related("partner").order_by("partner__country_name", "name")
        return [
            [
                c.partner.country_code,
                c.name,
                c.position,
                c.job_title,
                c.email,
                c.phone,
                c.language,
                "yes" if c.is_active else "no",
            ]
            for c in contacts
        ]


class IndicatorValueSpec(Spec):
    """Indicator values per year, the indicator named by its administration and its code (or its name)."""

    kind = "indicator_values"
    title = gettext_lazy("Indicator values")
    description = gettext_lazy(
        "One row per indicator and year: the administration (empty for a programme indicator), the indicator's code "
        "or name, the target, the actual value, the source and a comment."
    )
    columns = [
        Col("country", gettext_lazy("Country code or name; empty for a programme indicator")),
        Col("indicator", gettext_lazy("Indicator code, or its name"), True),
        Col("year", gettext_lazy("Reporting year"), True),
        Col("target", gettext_lazy("Target")),
        Col("actual", gettext_lazy("Actual")),
        Col("source", gettext_lazy("Source")),
        Col("comment", gettext_lazy("Comment")),
    ]
    example = ["GH", "1.1", 2023, 40, 35.5, "Annual report 2023", ""]

    def plan_rows(self, rows, user, plan):
        countries = _countries(user)
        indicators, ambiguous = {}, set()
        for indicator in Indicator.objects.visible_to(user).select_related("outcome__plan"):
            partner_id = indicator.outcome.plan.partner_id if indicator.outcome_id else None
            for handle in {normalise(indicator.code), normalise(indicator.name)} - {""}:
                key = (partner_id, handle)
                if key in indicators and indicators[key].pk != indicator.pk:
                    ambiguous.add(key)
                indicators[key] = indicator
        values = {(v.indicator_id, v.period): v for v in IndicatorValue.objects.visible_to(user)}
        seen = {}
        for row in rows:
            partner = _country(row, "country", countries, required=False)
            handle = row.text("indicator", required=True)
            period = row.integer("year", required=True, minimum=2000, maximum=2100)
            after = {
                "target": row.decimal("target", places=2, minimum=-(10**10), maximum=10**10),
                "actual": row.decimal("actual", places=2, minimum=-(10**10), maximum=10**10),
                "source": row.text("source", max_length=200),
                "comment": row.text("comment", max_length=2000),
            }
            if row.has_errors:
                continue
            key = (partner.pk if partner else None, normalise(handle))
            indicator = indicators.get(key)
            if indicator is None or key in ambiguous:
                message = (
                    _("no indicator “%(value)s” for %(country)s.")
                    if indicator is None
                    else _("more than one indicator is called “%(value)s” for %(country)s; use its code.")
                )
                row.error("indicator", message % {"value": handle, "country": partner or _("the programme")})
                continue
            if _duplicate(row, "year", seen, (indicator.pk, period)):
                continue
            existing = values.get((indicator.pk, period))
            before = {name: getattr(existing, name) for name in after} if existing else None
            obj = existing or IndicatorValue(indicator=indicator, period=period)
            plan.add(
                row.number,
                before,
                after,
                obj,
                f"{partner or _('Programme')}: {indicator.code or indicator.name}, {period}",
            )

    def records(self, user):
        values = IndicatorValue.objects.visible_to(user).select_related("indicator__outcome__plan__partner")
        return [
            [
                v.indicator.outcome.plan.partner.country_code if v.indicator.outcome_id else "",
                v.indicator.code or v.indicator.name,
                v.period,
                v.target,
                v.actual,
                v.source,
                v.comment,
            ]
            for v in values.order_by("pk")
        ]


SPECS = {spec.kind: spec for spec in (SurveySpec(), PartnerSpec(), ContactSpec(), IndicatorValueSpec())}
