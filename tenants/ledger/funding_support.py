"""What the funding use cases share: loading with domain errors, and the budget index.

Helper names carry a ``_funding_`` prefix because every area's mixin ends up in one class
(``PartnershipLedger``), where a plain ``_index`` would shadow another area's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.errors import NotFoundError
from domain.funding import AllocationPlan, BudgetLine, FundingIndex, PooledBudget, ReviewCost

if TYPE_CHECKING:
    from eventsourcing.application import Application

    _Base = Application[Any]
else:
    _Base = object

A = TypeVar("A")


class FundingSupport(_Base):
    """Mixed into ``PartnershipLedger``, which provides ``repository`` and ``save``."""

    def _funding_get(self, cls: type[A], aggregate_id: UUID, what: str) -> A:
        aggregate: object
        try:
            aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            aggregate = None
        if not isinstance(aggregate, cls):
            raise NotFoundError(
                f"No such {what} in this partnership; check the id "
                "(the partnership's list of budgets shows every budget's id)."
            )
        return aggregate

    def _funding_line(self, budget_line_id: UUID) -> BudgetLine:
        return self._funding_get(BudgetLine, budget_line_id, "budget line")

    def _funding_pot(self, budget_id: UUID) -> PooledBudget:
        return self._funding_get(PooledBudget, budget_id, "pooled budget")

    def _funding_plan(self, budget_id: UUID) -> AllocationPlan:
        plan_id = AllocationPlan.create_id(self._funding_pot(budget_id).reference)
        return self._funding_get(AllocationPlan, plan_id, "allocation plan")

    def _funding_index(self) -> FundingIndex:
        try:
            index: FundingIndex = self.repository.get(FundingIndex.create_id())
        except AggregateNotFoundError:
            index = FundingIndex()
        return index

    def _funding_review_cost(self, review_id: UUID) -> ReviewCost:
        try:
            cost: ReviewCost = self.repository.get(ReviewCost.create_id(review_id))
        except AggregateNotFoundError:
            cost = ReviewCost.start(review_id)
        return cost
