"""What the money services share (``Funding``, ``Costs``, ``Pooled``): loading with domain
errors, and the budget index."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar
from uuid import UUID

from domain.funding import AllocationPlan, BudgetLine, FundingIndex, PooledBudget
from tenants.ledger.service import Service

A = TypeVar("A")


class FundingService(Service):
    def stored(self, cls: type[A], aggregate_id: UUID, what: str, at: datetime | None = None) -> A:
        return self.load(
            aggregate_id,
            cls,
            f"No such {what} in this partnership; check the id "
            "(the partnership's list of budgets shows every budget's id).",
            at,
        )

    def budget_line(self, budget_line_id: UUID) -> BudgetLine:
        return self.stored(BudgetLine, budget_line_id, "budget line")

    def pot(self, budget_id: UUID, at: datetime | None = None) -> PooledBudget:
        return self.stored(PooledBudget, budget_id, "pooled budget", at)

    def plan_of(self, budget_id: UUID, at: datetime | None = None) -> AllocationPlan:
        plan_id = AllocationPlan.create_id(self.pot(budget_id, at).reference)
        return self.stored(AllocationPlan, plan_id, "allocation plan", at)

    def index(self) -> FundingIndex:
        return self.find_or(FundingIndex.create_id(), FundingIndex, FundingIndex)
