"""Reads behind the programme results page: the programme-level indicators with their values per year, and P-1
worked out from the survey rounds (`partners/perceptions.py`).

The survey rounds and their scores are read through the access layer for the user who asks: staff get every round of
every administration; a donor viewer only the administrations their funding covers, and only the rounds shared with
donors (most survey results stay confidential to the administration). The programme-level indicators belong to no
administration and carry no tier: they are the programme's own figures, which it reports to its donors.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from acip.dashboards.selectors import Bar, chart_data, one_decimal
from acip.models import IntegrityFactor
from acip.roles import membership_of
from partners.indicators import latest_reading
from partners.models import Assessment, AssessmentKind, AssessmentScore, Indicator, IndicatorValue
from partners.perceptions import FactorChange, PerceptionResult, Round, perception_change

#: The code of the programme-level indicator that the survey rounds measure.
P1_CODE = "P-1"
#: Administrations per page of the P-1 table.
PARTNERS_PER_PAGE = 50


@dataclass
class ProgrammeResults:
    #: programme-level indicators, each with `value_list`, `periods` and `reading`
    indicators: list[Indicator]
    factors: list[IntegrityFactor]
    perceptions: PerceptionResult
    #: the administrations of `perceptions.partners`, by id
    partners: dict
    #: whether the figures are the staff's (every round) or a donor viewer's (rounds shared with donors)
    complete: bool

    @property
    def p1(self) -> Indicator | None:
        return next((indicator for indicator in self.indicators if indicator.code == P1_CODE), None)

    @property
    def factor_rows(self) -> list[dict]:
        """Per factor: how many administrations improved on it, out of how many compared it."""
        rows = []
        for factor in self.factors:
            improved, compared = self.perceptions.by_factor.get(factor.pk, (0, 0))
            rows.append({"factor": factor, "improved": improved, "compared": compared})
        return rows

    @property
    def factor_bars(self) -> list[Bar]:
        return [
            Bar(key=row["factor"].slug, label=str(row["factor"]), count=row["improved"]) for row in self.factor_rows
        ]

    @property
    def factor_chart(self) -> dict:
        return chart_data(
            self.factor_bars,
            title=_("Administrations where the factor's perception improved"),
            axis=_("Integrity factor"),
        )

    def partner_page(self, number) -> Page:
        """A page of the per-administration table (PARTNERS_PER_PAGE rows), each row with its cells: at the size of
        the whole WCO the table of every administration was over 400 KB of HTML. The figures above it count them
        all."""
        page = Paginator(self.perceptions.partners, PARTNERS_PER_PAGE).get_page(number)
        cell = _ChangeCellMaker()
        page.rows = [
            {
                "partner": self.partners[change.partner],
                "change": change,
                "cells": [cell(change.change_for(factor.pk)) for factor in self.factors],
            }
            for change in page.object_list
        ]
        return page


@dataclass(frozen=True)
class ChangeCell:
    """One factor's change in a row of the P-1 table, as `{% change_cells %}` writes it (acip/templatetags/grids.py):
    a symbol, its colour and its words."""

    symbol: str
    css: str
    text: str


class _ChangeCellMaker:
    """Makes the cells of the P-1 table, the translations and the decimal separator looked up once per page."""

    def __init__(self):
        self.not_compared = ChangeCell("–", "", gettext("not compared"))
        self.unchanged = ChangeCell("=", "", gettext("unchanged"))
        self.improved = gettext("improved, from %(before)s to %(after)s")
        self.worse = gettext("worse, from %(before)s to %(after)s")
        self.separator = get_format("DECIMAL_SEPARATOR")

    def __call__(self, change: FactorChange | None) -> ChangeCell:
        if change is None:
            return self.not_compared
        if not change.difference:
            return self.unchanged
        scores = {
            "before": one_decimal(change.before, self.separator),
            "after": one_decimal(change.after, self.separator),
        }
        if change.improved:
            return ChangeCell("▲", "text-success", self.improved % scores)
        return ChangeCell("▼", "text-danger", self.worse % scores)


def programme_indicators():
    """The programme-level indicators with their values, in order (two queries)."""
    return (
        Indicator.objects.filter(programme__isnull=False, outcome__isnull=True)
        .select_related("programme")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("period")))
        .order_by("programme__starts_on", "position", "code", "pk")
    )


def programme_results(*, user) -> ProgrammeResults:
    """The results page for `user` (staff or a donor viewer), in five queries whatever the data."""
    indicators = list(programme_indicators())
    for indicator in indicators:
        indicator.value_list = list(indicator.values.all())
        indicator.reading = latest_reading(
            direction=indicator.direction, baseline=indicator.baseline, values=indicator.value_list
        )
    factors = list(IntegrityFactor.objects.order_by("number"))
    scores = AssessmentScore.objects.visible_to(user)
    # P-1 compares each administration's two latest rounds with scores (partner_change()): only those are read, and
    # up to two without (an administration whose rounds have no scores yet is still listed), not every round of
    # every year. Latest by the order partner_change() sorts them in: start date, round number, then id.
    latest_first = [F("started_on").desc(), Coalesce("round_number", 0).desc(), F("pk").desc()]
    assessments = list(
        Assessment.objects.visible_to(user)
        .filter(kind=AssessmentKind.CIPS)
        .annotate(scored=Exists(scores.filter(assessment=OuterRef("pk"))))
        .annotate(recency=Window(RowNumber(), partition_by=[F("partner_id"), F("scored")], order_by=latest_first))
        .filter(recency__lte=2)
        .select_related("partner")
        .only("pk", "title", "started_on", "round_number", "partner")
        .order_by("partner__country_name", "partner__pk", "started_on", "round_number", "pk")
    )
    # The scores as plain tuples, not model instances: at WCO scale they are thousands. In no order: they go into
    # dicts, and the model's ordering (by country name, a collated sort) was most of the query's time.
    scores_by_assessment: dict = {}
    for assessment_id, factor_id, group, score in (
        scores.filter(assessment__in=[assessment.pk for assessment in assessments if assessment.scored])
        .order_by()
        .values_list("assessment_id", "factor_id", "group", "score")
    ):
        scores_by_assessment.setdefault(assessment_id, {}).setdefault(factor_id, {})[group] = score
    rounds: dict = {}
    partners: dict = {}
    for assessment in assessments:
        partners[assessment.partner_id] = assessment.partner
        rounds.setdefault(assessment.partner_id, []).append(
            Round(
                started_on=assessment.started_on,
                number=assessment.round_number,
                scores=scores_by_assessment.get(assessment.pk, {}),
                label=assessment.title,
            )
        )
    return ProgrammeResults(
        indicators=indicators,
        factors=factors,
        perceptions=perception_change(rounds),
        partners=partners,
        complete=membership_of(user).sees_everything,
    )
