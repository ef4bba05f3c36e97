"""Statements of a pooled budget for a financial year, computed from its movements alone.

A pure function over what the events recorded: opening reserve + contributions − spend =
closing reserve, to the penny, with nothing typed in twice that could disagree. The
closing reserve of a closed year is also what its ``YearClosed`` event carried forward.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.funding.pooled_values import Movement, MovementKind
from domain.funding.years import FinancialYear

if TYPE_CHECKING:
    from domain.funding.plans import AllocationPlan
    from domain.funding.pooled import PooledBudget


@dataclass(frozen=True)
class PartnerLine:
    """One partner's year: agreed, not drawn down, received for the year (even if paid early)."""

    partner: str
    agreed: int
    not_drawn_down: int
    received_for_year: int
    outstanding: int


@dataclass(frozen=True)
class AllocationLine:
    key: str
    purpose: str
    planned: int
    spent: int


@dataclass(frozen=True)
class Payment:
    """A partner's payment for a year other than the one whose cash it is in: paid early, or
    paid late. Named on the statement, because otherwise the year's cash received and the
    partners' payments for the year differ by amounts nobody can trace."""

    partner: str
    for_year: FinancialYear
    paid_in: FinancialYear
    amount: int


@dataclass(frozen=True)
class Statement:
    """The year's cash statement; ``received_in_advance`` is cash this year for a later year,
    ``for_other_years`` every payment in the year's cash that was for another year, and
    ``paid_in_other_years`` what partners paid for this year in the cash of other years.
    ``reserve_origin`` says where a reserve brought in this year came from."""

    budget_reference: str
    year: FinancialYear
    opening_reserve: int
    contributions: int
    spend: int
    closing_reserve: int
    carried_forward: int | None
    received_in_advance: int
    partners: tuple[PartnerLine, ...]
    allocations: tuple[AllocationLine, ...]
    for_other_years: tuple[Payment, ...] = ()
    paid_in_other_years: tuple[Payment, ...] = ()
    reserve_origin: str | None = None

    @property
    def received_late(self) -> int:
        """Cash in the year for earlier years (arrears)."""
        return sum(p.amount for p in self.for_other_years if p.for_year < self.year)

    @property
    def received_in_year_for_year(self) -> int:
        """The year's cash that was for the year itself: what the partners' lines received
        for the year hold, less what was paid for it in other years' cash."""
        return self.contributions - sum(p.amount for p in self.for_other_years)

    @property
    def agreed(self) -> int:
        return sum(p.agreed for p in self.partners)

    @property
    def received_for_year(self) -> int:
        return sum(p.received_for_year for p in self.partners)

    @property
    def reconciles(self) -> bool:
        """True when the closing reserve follows from the lines and matches any close."""
        flows = self.opening_reserve + self.contributions - self.spend
        return flows == self.closing_reserve and self.carried_forward in (
            None,
            self.closing_reserve,
        )


def reserve_at_end(movements: Iterable[Movement], year: FinancialYear) -> int:
    """What is in the pot at the end of ``year``: every movement dated up to then."""
    return sum(m.signed for m in movements if m.year <= year)


def statement(
    budget: PooledBudget, year: FinancialYear, plan: AllocationPlan | None = None
) -> Statement:
    in_year = [m for m in budget.movements if m.year == year]
    opening = reserve_at_end(budget.movements, year.previous) + sum(
        m.amount for m in in_year if m.kind is MovementKind.BROUGHT_FORWARD
    )
    received = [m for m in in_year if m.kind is MovementKind.CONTRIBUTION]
    spent = [m for m in budget.movements if m.kind is MovementKind.SPEND and m.year == year]
    contributions = sum(m.amount for m in received)
    other_years = tuple(
        Payment(m.partner or "", m.for_year, m.year, m.amount)
        for m in received
        if m.for_year is not None and m.for_year != year
    )
    paid_elsewhere = tuple(
        Payment(m.partner or "", year, m.year, m.amount)
        for m in budget.movements
        if m.kind is MovementKind.CONTRIBUTION and m.for_year == year and m.year != year
    )
    spend = sum(m.amount for m in spent)
    partners = tuple(
        PartnerLine(
            partner,
            budget.agreed.get((year, partner), 0),
            budget.not_drawn.get((year, partner), 0),
            budget.received_for(partner, year),
            budget.outstanding(partner, year),
        )
        for partner in budget.partners
        if (year, partner) in budget.agreed or budget.received_for(partner, year)
    )
    allocations = tuple(
        AllocationLine(
            a.key, a.purpose, a.amount, sum(m.amount for m in spent if m.allocation == a.key)
        )
        for a in (plan.for_year(year) if plan else ())
    )
    return Statement(
        budget_reference=budget.reference,
        year=year,
        opening_reserve=opening,
        contributions=contributions,
        spend=spend,
        closing_reserve=opening + contributions - spend,
        carried_forward=budget.closed.get(year),
        received_in_advance=sum(m.amount for m in received if m.for_year and m.for_year > year),
        partners=partners,
        allocations=allocations,
        for_other_years=other_years,
        paid_in_other_years=paid_elsewhere,
        reserve_origin=budget.reserve_origin
        if any(m.kind is MovementKind.BROUGHT_FORWARD for m in in_year)
        else None,
    )
