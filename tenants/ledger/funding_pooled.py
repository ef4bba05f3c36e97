"""Use cases on pooled budgets: partners, contributions, spend, year closes.

A pooled budget is saved with its index entry and its allocation plan in one call.
Years may be given as "2016/17". Plans, statements and forecasts: ``funding_plans``.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.funding import AllocationPlan, BudgetKind, FinancialYear, PooledBudget
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.funding_support import FundingSupport

Year = FinancialYear | str
parse = FinancialYear.parse


class PooledBudgetUseCases(FundingSupport):
    @retried_on_index_conflict
    def open_pooled_budget(self, reference: str, name: str, manager: str, opened_on: date) -> UUID:
        budget = PooledBudget.open(reference, name, manager, opened_on)
        index = self._funding_index()
        index.list_budget(BudgetKind.POOLED_BUDGET, budget.reference, budget.id, budget.name)
        self.save(index, budget, AllocationPlan(budget_reference=budget.reference))
        return budget.id

    def get_pooled_budget(self, budget_id: UUID) -> PooledBudget:
        return self._funding_pot(budget_id)

    def add_pool_partner(self, budget_id: UUID, partner: str, name: str, joined_on: date) -> None:
        budget = self._funding_pot(budget_id)
        budget.add_partner(partner, name, joined_on)
        self.save(budget)

    def agree_contribution(
        self,
        budget_id: UUID,
        partner: str,
        year: Year,
        amount: int,
        agreed_on: date,
        reason: str = "",
    ) -> None:
        budget = self._funding_pot(budget_id)
        budget.agree_contribution(partner, parse(year), amount, agreed_on, reason)
        self.save(budget)

    def bring_forward_reserve(self, budget_id: UUID, year: Year, amount: int, reason: str) -> None:
        budget = self._funding_pot(budget_id)
        budget.bring_forward(parse(year), amount, reason)
        self.save(budget)

    def receive_contribution(
        self, budget_id: UUID, partner: str, for_year: Year, amount: int, received_on: date
    ) -> None:
        budget = self._funding_pot(budget_id)
        budget.receive_contribution(partner, parse(for_year), amount, received_on)
        self.save(budget)

    def not_draw_down(
        self,
        budget_id: UUID,
        partner: str,
        year: Year,
        decided_on: date,
        reason: str,
        amount: int | None = None,
        deferred_to: Year | None = None,
    ) -> None:
        later = None if deferred_to is None else parse(deferred_to)
        budget = self._funding_pot(budget_id)
        budget.not_draw_down(partner, parse(year), decided_on, reason, amount, later)
        self.save(budget)

    def record_pooled_spend(
        self,
        budget_id: UUID,
        allocation: str,
        amount: int,
        spent_on: date,
        reason: str,
        review_id: UUID | None = None,
    ) -> None:
        """Spend against an allocation planned for the year of ``spent_on``."""
        self._funding_plan(budget_id).allocation(FinancialYear.of(spent_on), allocation)
        budget = self._funding_pot(budget_id)
        budget.spend(allocation, amount, spent_on, reason, review_id)
        self.save(budget)

    def close_financial_year(
        self, budget_id: UUID, year: Year, closed_on: date, reason: str = "Year end"
    ) -> None:
        budget = self._funding_pot(budget_id)
        budget.close_year(parse(year), closed_on, reason)
        self.save(budget)

    def reopen_financial_year(
        self, budget_id: UUID, year: Year, reopened_on: date, reason: str
    ) -> None:
        budget = self._funding_pot(budget_id)
        budget.reopen_year(parse(year), reopened_on, reason)
        self.save(budget)
