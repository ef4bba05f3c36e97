"""Pooled DHR budgets (``ledger.pooled``): partners, contributions, spend, year closes, what
each year is planned for, and its statements and forecasts.

A pooled budget is saved with its index entry and its allocation plan in one call. The plan
is found from the budget (its id derives from the budget's reference), so callers only ever
hold the budget's id. Years may be given as "2016/17". Queries return frozen results.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from domain.errors import InvalidValueError
from domain.funding import (
    AccrualsStatement,
    AllocationPlan,
    BothBases,
    BudgetKind,
    FinancialYear,
    Forecast,
    PooledBudget,
    Statement,
    accruals,
    forecast_for,
    statement,
)
from domain.reviews import DomesticHomicideReview
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.funding_support import FundingService
from tenants.ledger.service import command, opening

Year = FinancialYear | str
parse = FinancialYear.parse


class Pooled(FundingService):
    @retried_on_index_conflict
    @opening(PooledBudget.open)
    def open(self, budget: PooledBudget) -> UUID:
        index = self.index()
        index.list_budget(BudgetKind.POOLED_BUDGET, budget.reference, budget.id, budget.name)
        self.save(index, budget, AllocationPlan(budget_reference=budget.reference))
        return budget.id

    def get(self, budget_id: UUID, at: datetime | None = None) -> PooledBudget:
        """The pot, or (``at``) the pot as recorded by then."""
        return self.pot(budget_id, at)

    add_partner = command(FundingService.pot, PooledBudget.add_partner)

    def agree_contribution(
        self,
        budget_id: UUID,
        partner: str,
        year: Year,
        amount: int,
        agreed_on: date,
        reason: str = "",
    ) -> None:
        self.perform(
            self.pot(budget_id).agree_contribution, partner, parse(year), amount, agreed_on, reason
        )

    def bring_forward(self, budget_id: UUID, year: Year, amount: int, reason: str) -> None:
        self.perform(self.pot(budget_id).bring_forward, parse(year), amount, reason)

    def receive_contribution(
        self, budget_id: UUID, partner: str, for_year: Year, amount: int, received_on: date
    ) -> None:
        self.perform(
            self.pot(budget_id).receive_contribution, partner, parse(for_year), amount, received_on
        )

    def not_draw_down(
        self,
        budget_id: UUID,
        partner: str,
        year: Year,
        decided_on: date,
        reason: str,
        *,
        amount: int | None = None,
        deferred_to: Year | None = None,
    ) -> None:
        later = None if deferred_to is None else parse(deferred_to)
        pot = self.pot(budget_id)
        self.perform(
            pot.not_draw_down,
            partner,
            parse(year),
            decided_on,
            reason,
            amount=amount,
            deferred_to=later,
        )

    def spend(
        self,
        budget_id: UUID,
        allocation: str,
        amount: int,
        spent_on: date,
        reason: str,
        review_id: UUID | None = None,
    ) -> None:
        """Spend on a review of this partnership's (a pot the OPCC hosts checks its
        partners' reviews instead: ``RegionPooled``)."""
        if review_id is not None and self.find(review_id, DomesticHomicideReview) is None:
            raise InvalidValueError(
                f"This partnership has no review {review_id}; check the review's id (its "
                "case page shows it), or leave the review out."
            )
        self.record_spend(budget_id, allocation, amount, spent_on, reason, review_id)

    def record_spend(
        self,
        budget_id: UUID,
        allocation: str,
        amount: int,
        spent_on: date,
        reason: str,
        review_id: UUID | None,
    ) -> None:
        """Spend against an allocation planned for the year of ``spent_on``, its review (if
        any) checked by the caller."""
        self.plan_of(budget_id).allocation(FinancialYear.of(spent_on), allocation)
        self.perform(self.pot(budget_id).spend, allocation, amount, spent_on, reason, review_id)

    def close_year(
        self, budget_id: UUID, year: Year, closed_on: date, reason: str = "Year end"
    ) -> None:
        self.perform(self.pot(budget_id).close_year, parse(year), closed_on, reason)

    def reopen_year(self, budget_id: UUID, year: Year, reopened_on: date, reason: str) -> None:
        self.perform(self.pot(budget_id).reopen_year, parse(year), reopened_on, reason)

    correct = command(FundingService.pot, PooledBudget.correct)

    # What each year is planned for
    def plan_allocation(
        self,
        budget_id: UUID,
        year: Year,
        key: str,
        purpose: str,
        planned_on: date,
        *,
        amount: int | None = None,
        per_dhr: int | None = None,
        expected_dhrs: object = None,
    ) -> None:
        """An amount outright, or a per-DHR estimate × expected DHRs (3, or '2.5')."""
        self.perform(
            self.plan_of(budget_id).plan_allocation,
            parse(year),
            key,
            purpose,
            planned_on,
            amount=amount,
            per_dhr=per_dhr,
            expected_dhrs=expected_dhrs,
        )

    def request_variation(
        self,
        budget_id: UUID,
        year: Year,
        key: str,
        amount: int,
        requested_on: date,
        requested_by: str,
        reason: str,
    ) -> None:
        self.perform(
            self.plan_of(budget_id).request_variation,
            parse(year),
            key,
            amount,
            requested_on,
            requested_by,
            reason,
        )

    def decide_variation(
        self, budget_id: UUID, year: Year, key: str, approved: bool, decided_on: date, reason: str
    ) -> None:
        self.perform(
            self.plan_of(budget_id).decide_variation, parse(year), key, approved, decided_on, reason
        )

    def allocation_plan(self, budget_id: UUID) -> AllocationPlan:
        """Planned allocations by (year, key) and variation requests awaiting a decision."""
        return self.plan_of(budget_id)

    def statement(self, budget_id: UUID, year: Year, at: datetime | None = None) -> Statement:
        """Opening reserve + contributions − spend = closing reserve, from the events (``at``:
        those recorded by then)."""
        plan = self.plan_of(budget_id, at)
        return statement(self.pot(budget_id, at), parse(year), plan)

    def accruals(self, budget_id: UUID, year: Year) -> AccrualsStatement:
        """The year on the accruals basis: contributions as due from each partner, not as paid."""
        return accruals(self.pot(budget_id), parse(year))

    def statement_both_bases(self, budget_id: UUID, year: Year) -> BothBases:
        """The cash statement with the accruals basis (amounts due from each partner) beside it."""
        return BothBases(self.statement(budget_id, year), self.accruals(budget_id, year))

    def forecast(
        self,
        budget_id: UUID,
        year: Year,
        expected_dhrs: object,
        *,
        cost_per_dhr: int | None = None,
        at: datetime | None = None,
    ) -> Forecast:
        """What a year costs at ``expected_dhrs`` and what each partner must pay for it (the
        cost per DHR, in pence, named: beside a count of DHRs it must not be taken for one);
        ``at``: from the pot and plan as recorded by then."""
        plan = self.plan_of(budget_id, at)
        budget = self.pot(budget_id, at)
        return forecast_for(budget, plan, parse(year), expected_dhrs, cost_per_dhr=cost_per_dhr)
