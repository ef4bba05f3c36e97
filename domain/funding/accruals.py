"""A pooled budget's year on the accruals basis, beside the cash statement.

Local authority accounts show both: cash received, and what was agreed (contributions due
are income of the year they are due for; what a partner has not yet paid is a debtor,
cash received for a later year is a creditor). So

    accruals closing reserve = cash closing reserve + debtors − received in advance,

and, year on year, accruals closing = accruals opening + contributions due − spend.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.funding.pooled_values import MovementKind
from domain.funding.statements import Statement, reserve_at_end
from domain.funding.years import FinancialYear

if TYPE_CHECKING:
    from domain.funding.pooled import PooledBudget


@dataclass(frozen=True)
class Debtor:
    """What one partner owes at the year's end: due for this year and earlier, not yet paid."""

    partner: str
    due_for_year: int
    received_for_year: int
    owed_at_year_end: int
    # of ``owed_at_year_end``, what is still owed for earlier years, by year, oldest first
    earlier: tuple[tuple[FinancialYear, int], ...] = ()


@dataclass(frozen=True)
class AccrualsStatement:
    """``reconciles`` when opening + contributions due − spend = closing (always, unless an
    earlier year's agreement was changed after it closed)."""

    year: FinancialYear
    opening_reserve: int
    contributions_due: int
    spend: int
    closing_reserve: int
    debtors: int
    received_in_advance: int
    partners: tuple[Debtor, ...]

    @property
    def reconciles(self) -> bool:
        return self.opening_reserve + self.contributions_due - self.spend == self.closing_reserve


def _received_by(
    budget: PooledBudget, partner: str, for_year: FinancialYear, end: FinancialYear
) -> int:
    return sum(
        m.amount
        for m in budget.movements
        if m.kind is MovementKind.CONTRIBUTION
        and m.partner == partner
        and m.for_year is not None
        and m.for_year == for_year
        and m.year <= end
    )


def owed_by_year(
    budget: PooledBudget, partner: str, end: FinancialYear
) -> tuple[tuple[FinancialYear, int], ...]:
    """What the partner still owes at the end of ``end`` for it and each earlier year, by year,
    oldest first: due for the year less what was received for it by then. A closed year's
    debt stays owed: closing a year carries its reserve forward, it does not forgive a debtor."""
    years = {y for (y, p) in budget.agreed if p == partner and y <= end}
    years |= {y for (y, p) in budget.deferred_in if p == partner and y <= end}
    owed = ((y, budget.due(partner, y) - _received_by(budget, partner, y, end)) for y in years)
    return tuple(sorted((y, amount) for y, amount in owed if amount > 0))


def _owed(budget: PooledBudget, partner: str, end: FinancialYear) -> int:
    return sum(amount for _, amount in owed_by_year(budget, partner, end))


def _position(budget: PooledBudget, end: FinancialYear) -> tuple[int, int, int]:
    """(accruals reserve, debtors, received in advance) at the end of ``end``."""
    cash = reserve_at_end(budget.movements, end)
    debtors = sum(_owed(budget, p, end) for p in budget.partners)
    advance = sum(
        m.amount
        for m in budget.movements
        if m.kind is MovementKind.CONTRIBUTION and m.year <= end and m.for_year and m.for_year > end
    )
    return cash + debtors - advance, debtors, advance


def accruals(budget: PooledBudget, year: FinancialYear) -> AccrualsStatement:
    opening, _, _ = _position(budget, year.previous)
    opening += sum(
        m.amount
        for m in budget.movements
        if m.kind is MovementKind.BROUGHT_FORWARD and m.year == year
    )
    closing, debtors, advance = _position(budget, year)
    spend = sum(
        m.amount for m in budget.movements if m.kind is MovementKind.SPEND and m.year == year
    )
    lines = tuple(_debtor(budget, p, year) for p in budget.partners)
    lines = tuple(
        line
        for line in lines
        if (year, line.partner) in budget.agreed
        or (year, line.partner) in budget.deferred_in
        or line.earlier  # still owes for an earlier year: a debtor of this one's end too
    )
    due = sum(budget.due(p, year) for p in budget.partners)
    return AccrualsStatement(year, opening, due, spend, closing, debtors, advance, lines)


def _debtor(budget: PooledBudget, partner: str, year: FinancialYear) -> Debtor:
    owed = owed_by_year(budget, partner, year)
    return Debtor(
        partner,
        budget.due(partner, year),
        _received_by(budget, partner, year, year),
        sum(amount for _, amount in owed),
        tuple((y, amount) for y, amount in owed if y < year),
    )


@dataclass(frozen=True)
class BothBases:
    """A year on both bases; reads like the cash ``Statement`` with ``accruals`` beside it."""

    cash: Statement
    accruals: AccrualsStatement

    def __getattr__(self, name: str) -> object:
        return getattr(self.cash, name)
