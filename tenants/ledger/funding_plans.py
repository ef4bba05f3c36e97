"""Use cases on what a pooled budget is planned for, and its statements and forecasts.

The plan is found from the budget (its id derives from the budget's reference), so callers
only ever hold the budget's id. Queries return frozen results.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.funding import (
    AllocationPlan,
    BothBases,
    FinancialYear,
    Forecast,
    Statement,
    accruals,
    forecast_for,
    statement,
)
from tenants.ledger.funding_support import FundingSupport

Year = FinancialYear | str
parse = FinancialYear.parse


class PooledPlanUseCases(FundingSupport):
    def plan_allocation(
        self,
        budget_id: UUID,
        year: Year,
        key: str,
        purpose: str,
        planned_on: date,
        amount: int | None = None,
        per_dhr: int | None = None,
        expected_dhrs: object = None,
    ) -> None:
        """An amount outright, or a per-DHR estimate × expected DHRs (3, or '2.5')."""
        plan = self._funding_plan(budget_id)
        plan.plan_allocation(parse(year), key, purpose, planned_on, amount, per_dhr, expected_dhrs)
        self.save(plan)

    def request_allocation_variation(
        self,
        budget_id: UUID,
        year: Year,
        key: str,
        amount: int,
        requested_on: date,
        requested_by: str,
        reason: str,
    ) -> None:
        plan = self._funding_plan(budget_id)
        plan.request_variation(parse(year), key, amount, requested_on, requested_by, reason)
        self.save(plan)

    def decide_allocation_variation(
        self, budget_id: UUID, year: Year, key: str, approved: bool, decided_on: date, reason: str
    ) -> None:
        plan = self._funding_plan(budget_id)
        plan.decide_variation(parse(year), key, approved, decided_on, reason)
        self.save(plan)

    def get_allocation_plan(self, budget_id: UUID) -> AllocationPlan:
        """Planned allocations by (year, key) and variation requests awaiting a decision."""
        return self._funding_plan(budget_id)

    def pooled_statement(self, budget_id: UUID, year: Year) -> Statement:
        """Opening reserve + contributions − spend = closing reserve, from the events."""
        plan = self._funding_plan(budget_id)
        return statement(self._funding_pot(budget_id), parse(year), plan)

    def pooled_statement_both_bases(self, budget_id: UUID, year: Year) -> BothBases:
        """The cash statement with the accruals basis (amounts due from each partner) beside it."""
        budget = self._funding_pot(budget_id)
        return BothBases(self.pooled_statement(budget_id, year), accruals(budget, parse(year)))

    def pooled_forecast(
        self, budget_id: UUID, year: Year, expected_dhrs: object, cost_per_dhr: int | None = None
    ) -> Forecast:
        """What a year costs at ``expected_dhrs`` and what each partner must pay for it."""
        plan = self._funding_plan(budget_id)
        budget = self._funding_pot(budget_id)
        return forecast_for(budget, plan, parse(year), expected_dhrs, cost_per_dhr)
