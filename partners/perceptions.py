"""P-1, the programme's impact indicator: the share of the Revised Arusha Declaration's key factors whose perception
improved between an administration's two latest survey rounds (CIPS), per administration and over the programme.

Pure functions of scores (no database, no request), so that the rule is easy to read, to test and to explain; the
page shows DEFINITION next to the figures it produces.
"""

import datetime
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

DEFINITION = _(
    "How P-1 is worked out: for each administration we compare its latest survey round (Customs Integrity "
    "Perception Survey) with the round before it. A factor is compared when both rounds scored it for at least one "
    "respondent group in common; its perception is the mean of those groups' scores. A factor improved when that "
    "mean is higher in the later round (an unchanged or lower score did not improve). An administration's figure "
    "is its improved factors out of its compared factors; the overall figure counts every compared factor of every "
    "administration alike, so that an administration with more factors scored weighs more. An administration with "
    "fewer than two rounds is listed but not counted."
)


@dataclass(frozen=True)
class Round:
    """One survey round of one administration: when it started, and its scores by factor and respondent group."""

    started_on: datetime.date
    number: int | None
    #: factor key -> respondent group -> score (0 to 100)
    scores: Mapping[Hashable, Mapping[str, Decimal]]
    label: str = ""


@dataclass(frozen=True)
class FactorChange:
    factor: Hashable
    before: Decimal
    after: Decimal

    @property
    def improved(self) -> bool:
        return self.after > self.before

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


def share(improved: int, compared: int) -> Decimal | None:
    """Improved out of compared, as a percentage with one decimal; None when nothing was compared."""
    if not compared:
        return None
    return (Decimal(100) * improved / compared).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class PartnerChange:
    """One administration's change between its two latest rounds (`earlier` and `later` are None with fewer)."""

    partner: Hashable
    rounds: int
    earlier: Round | None = None
    later: Round | None = None
    factors: tuple[FactorChange, ...] = ()

    @property
    def compared(self) -> int:
        return len(self.factors)

    @property
    def improved(self) -> int:
        return sum(1 for change in self.factors if change.improved)

    @property
    def share(self) -> Decimal | None:
        return share(self.improved, self.compared)

    def change_for(self, factor: Hashable) -> FactorChange | None:
        return next((change for change in self.factors if change.factor == factor), None)


@dataclass(frozen=True)
class PerceptionResult:
    partners: tuple[PartnerChange, ...] = ()
    #: factor key -> (administrations where it improved, administrations where it was compared)
    by_factor: dict = field(default_factory=dict)

    @property
    def compared(self) -> int:
        return sum(partner.compared for partner in self.partners)

    @property
    def improved(self) -> int:
        return sum(partner.improved for partner in self.partners)

    @property
    def share(self) -> Decimal | None:
        return share(self.improved, self.compared)

    @property
    def counted_partners(self) -> int:
        return sum(1 for partner in self.partners if partner.compared)


def _mean(values: Iterable[Decimal]) -> Decimal:
    values = list(values)
    return sum(values, Decimal(0)) / len(values)


def factor_changes(earlier: Round, later: Round) -> tuple[FactorChange, ...]:
    """The factors both rounds scored for a group in common, each with the mean of those groups before and after."""
    changes = []
    for factor, after_groups in later.scores.items():
        before_groups = earlier.scores.get(factor, {})
        groups = sorted(set(before_groups) & set(after_groups))
        if not groups:
            continue
        changes.append(
            FactorChange(
                factor=factor,
                before=_mean(before_groups[group] for group in groups),
                after=_mean(after_groups[group] for group in groups),
            )
        )
    return tuple(changes)


def _order(round_: Round):
    return (round_.started_on, round_.number or 0)


def partner_change(partner: Hashable, rounds: Sequence[Round]) -> PartnerChange:
    """Compare the administration's latest round that has scores with the scored round before it."""
    scored = sorted((round_ for round_ in rounds if round_.scores), key=_order)
    if len(scored) < 2:
        return PartnerChange(partner=partner, rounds=len(scored), later=scored[-1] if scored else None)
    earlier, later = scored[-2], scored[-1]
    return PartnerChange(
        partner=partner, rounds=len(scored), earlier=earlier, later=later, factors=factor_changes(earlier, later)
    )


def perception_change(rounds_by_partner: Mapping[Hashable, Sequence[Round]]) -> PerceptionResult:
    """P-1 per administration and overall (see DEFINITION), in the order of `rounds_by_partner`."""
    partners = tuple(partner_change(partner, rounds) for partner, rounds in rounds_by_partner.items())
    by_factor: dict = {}
    for partner in partners:
        for change in partner.factors:
            improved, compared = by_factor.get(change.factor, (0, 0))
            by_factor[change.factor] = (improved + change.improved, compared + 1)
    return PerceptionResult(partners=partners, by_factor=by_factor)
