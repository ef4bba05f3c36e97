"""Use cases on money: PCC budget lines and their grants (``ledger.funding``) and the cost of
each DHR (``ledger.costs``).

One method per command (get → command → save) or query (returning frozen results). A new
budget line is saved in one call with its index entry, so nothing is half recorded.
Pooled budgets are ``funding_pooled``'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from domain.funding import (
    AmountLine,
    BudgetKind,
    BudgetLine,
    BudgetListing,
)
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.funding_support import FundingService
from tenants.ledger.service import command, opening

Line = AmountLine | tuple[str, int]


class Funding(FundingService):
    def budgets(self) -> tuple[BudgetListing, ...]:
        return tuple(self.index().budgets.values())

    @retried_on_index_conflict
    @opening(BudgetLine.open)
    def open_line(self, line: BudgetLine) -> UUID:
        index = self.index()
        index.list_budget(BudgetKind.BUDGET_LINE, line.reference, line.id, line.name)
        self.save(index, line)
        return line.id

    def line(self, budget_line_id: UUID) -> BudgetLine:
        return self.budget_line(budget_line_id)

    def submit_business_case(
        self,
        budget_line_id: UUID,
        reference: str,
        title: str,
        submitted_by: str,
        lines: Iterable[Line],
        submitted_on: date,
    ) -> None:
        """``lines`` are AmountLines or (purpose, pence) pairs; their sum is the amount sought."""
        costed = [ln if isinstance(ln, AmountLine) else AmountLine(*ln) for ln in lines]
        self.perform(
            self.budget_line(budget_line_id).submit_business_case,
            reference,
            title,
            submitted_by,
            costed,
            submitted_on,
        )

    withdraw_business_case = command(FundingService.budget_line, BudgetLine.withdraw_business_case)
    decide = command(FundingService.budget_line, BudgetLine.decide)
    vary_decision = command(FundingService.budget_line, BudgetLine.vary_decision)
    allocate = command(FundingService.budget_line, BudgetLine.allocate)
    pay = command(FundingService.budget_line, BudgetLine.pay)
    claw_back = command(FundingService.budget_line, BudgetLine.claw_back)
    correct = command(FundingService.budget_line, BudgetLine.correct)
