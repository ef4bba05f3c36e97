"""What a pooled budget has committed and not yet paid: each approved variation of an allocation
(the business office's £40,500 varied to £42,089, seed 001) until it is spent.

A planned allocation is an earmark, and money left in it at the year's end stays in the reserve.
An approved variation is a decision on a payee's request, so what it approved and the pot has not
yet paid out against it is owed. A forecast names each such commitment of a year still open, up to
the year it forecasts: the forecast year's own is already in that year's cost (an amount is
planned at the varied amount; a per-DHR allocation is costed at the forecast's cost per DHR, as
all its reviews are); an earlier year's is still to come out of the reserve the year
opens with, so the forecast counts the reserve without it. Once a year is closed its books are
final and what it did not pay is no longer counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from domain.funding.pooled_values import MovementKind
from domain.funding.years import FinancialYear

if TYPE_CHECKING:
    from domain.funding.plans import AllocationPlan
    from domain.funding.pooled import PooledBudget


@dataclass(frozen=True)
class Commitment:
    """An approved variation not yet paid in full: ``approved`` of ``key`` for ``year`` (decided
    on ``decided_on``), ``spent`` against it so far; ``in_cost``: the forecast year's own, so in
    its cost, else an earlier year's, to be paid from the reserve."""

    year: FinancialYear
    key: str
    purpose: str
    approved: int
    planned_before: int
    decided_on: date
    spent: int
    in_cost: bool

    @property
    def unpaid(self) -> int:
        return self.approved - self.spent


def commitments(
    budget: PooledBudget, plan: AllocationPlan, year: FinancialYear
) -> tuple[Commitment, ...]:
    """The approved variations of open years up to ``year`` not yet spent in full, oldest first."""
    found = []
    for (varied_year, key), varied in sorted(plan.varied.items(), key=lambda item: item[0]):
        if varied_year > year or varied_year in budget.closed:
            continue
        spent = sum(
            m.amount
            for m in budget.movements
            if m.kind is MovementKind.SPEND and m.allocation == key and m.year == varied_year
        )
        if spent < varied.amount:
            purpose = plan.allocations[(varied_year, key)].purpose
            found.append(
                Commitment(
                    varied_year,
                    key,
                    purpose,
                    varied.amount,
                    varied.planned_before,
                    varied.decided_on,
                    spent,
                    in_cost=varied_year == year,
                )
            )
    return tuple(found)
