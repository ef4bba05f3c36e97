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
    FinancialYear,
)
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.funding_support import FundingService

Line = AmountLine | tuple[str, int]


class Funding(FundingService):
    def budgets(self) -> tuple[BudgetListing, ...]:
        return tuple(self.index().budgets.values())

    @retried_on_index_conflict
    def open_line(
        self,
        reference: str,
        name: str,
        owner: str,
        financial_year: FinancialYear | str,
        ceiling: int,
        opened_on: date,
    ) -> UUID:
        line = BudgetLine.open(reference, name, owner, financial_year, ceiling, opened_on)
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

    def withdraw_business_case(
        self, budget_line_id: UUID, reference: str, withdrawn_on: date, reason: str
    ) -> None:
        self.perform(
            self.budget_line(budget_line_id).withdraw_business_case, reference, withdrawn_on, reason
        )

    def decide(
        self,
        budget_line_id: UUID,
        number: str,
        decided_on: date,
        decision_maker: str,
        approved: int,
        case_reference: str | None = None,
        conditions: Iterable[str] = (),
    ) -> None:
        self.perform(
            self.budget_line(budget_line_id).decide,
            number,
            decided_on,
            decision_maker,
            approved,
            case_reference,
            conditions,
        )

    def vary_decision(
        self, budget_line_id: UUID, number: str, approved: int, varied_on: date, reason: str
    ) -> None:
        self.perform(
            self.budget_line(budget_line_id).vary_decision, number, approved, varied_on, reason
        )

    def allocate(
        self, budget_line_id: UUID, number: str, tenant: str, amount: int, allocated_on: date
    ) -> None:
        self.perform(
            self.budget_line(budget_line_id).allocate, number, tenant, amount, allocated_on
        )

    def pay(
        self, budget_line_id: UUID, number: str, tenant: str, amount: int, paid_on: date
    ) -> None:
        self.perform(self.budget_line(budget_line_id).pay, number, tenant, amount, paid_on)

    def claw_back(
        self,
        budget_line_id: UUID,
        number: str,
        tenant: str,
        amount: int,
        clawed_back_on: date,
        reason: str,
    ) -> None:
        self.perform(
            self.budget_line(budget_line_id).claw_back,
            number,
            tenant,
            amount,
            clawed_back_on,
            reason,
        )
