"""``AllocationPlan``: what a pooled budget's money is planned for, year by year.

Planned allocations (the business office's £40,500; chairs and authors at £8,500 per DHR
× 3) and requests to vary them (£40,500 → £42,089) are decisions about intent, not money
moving, so they live beside the ``PooledBudget`` rather than in it: one plan per budget,
with the id derived from the budget's reference, created together with the budget.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding.checks import check_date, check_text, funding_id
from domain.funding.money import check_pence, pounds
from domain.funding.pooled_values import (
    ApprovedVariation,
    PlannedAllocation,
    VariationRequest,
    parse_dhrs,
    planned_amount,
)
from domain.funding.years import FinancialYear
from domain.recording import LedgerAggregate

Key = tuple[FinancialYear, str]


class AllocationPlan(LedgerAggregate):
    """Planned allocations per year and key, variation requests awaiting a decision, and the
    latest approved variation of each allocation (``varied``: what a forecast names as
    committed until it is paid)."""

    @staticmethod
    def create_id(budget_reference: str) -> UUID:
        return funding_id("allocation-plan", budget_reference)

    @event("Started")
    def __init__(self, budget_reference: str) -> None:
        self.budget_reference = budget_reference
        self.allocations: dict[Key, PlannedAllocation] = {}
        self.requests: dict[Key, VariationRequest] = {}
        self.varied: dict[Key, ApprovedVariation] = {}

    def plan_allocation(
        self,
        year: FinancialYear,
        key: str,
        purpose: str,
        planned_on: date,
        *,
        amount: int | None = None,
        per_dhr: int | None = None,
        expected_dhrs: object | None = None,
    ) -> None:
        """Earmark money: an amount outright, or a per-DHR estimate × expected DHRs.

        The three are keyword-only: two amounts in pence and a count side by side would
        otherwise take a misplaced argument as a different sum without complaint."""
        if (year, check_text(key, "The allocation key")) in self.allocations:
            raise DuplicateError(f"'{key}' is already planned for {year}; request a variation.")
        total = planned_amount(amount, per_dhr, expected_dhrs)
        dhrs = None if expected_dhrs is None else str(parse_dhrs(expected_dhrs))
        self._plan(
            year,
            key,
            check_text(purpose, "The purpose"),
            total,
            per_dhr,
            dhrs,
            check_date(planned_on, "The planning date"),
        )

    @event("AllocationPlanned")
    def _plan(
        self,
        year: FinancialYear,
        key: str,
        purpose: str,
        amount: int,
        per_dhr: int | None,
        expected_dhrs: str | None,
        planned_on: date,
    ) -> None:
        dhrs = None if expected_dhrs is None else Fraction(expected_dhrs)
        self.allocations[(year, key)] = PlannedAllocation(year, key, purpose, amount, per_dhr, dhrs)

    def request_variation(
        self,
        year: FinancialYear,
        key: str,
        amount: int,
        requested_on: date,
        requested_by: str,
        reason: str,
    ) -> None:
        """Ask to change an allocation; the shortfall against the plan is worked out here."""
        planned = self.allocation(year, key)
        check_pence(amount, "The amount requested")
        if (year, key) in self.requests:
            raise InvalidTransitionError(
                f"A variation of '{key}' for {year} is awaiting a decision; decide it first."
            )
        if amount == planned.amount:
            raise InvalidValueError(f"'{key}' is already {pounds(amount)} for {year}.")
        self._request(
            year,
            key,
            amount,
            amount - planned.amount,
            check_date(requested_on, "The request date"),
            check_text(requested_by, "Who asked"),
            check_text(reason, "The reason"),
        )

    @event("AllocationVariationRequested")
    def _request(
        self,
        year: FinancialYear,
        key: str,
        amount: int,
        shortfall: int,
        requested_on: date,
        requested_by: str,
        reason: str,
    ) -> None:
        self.requests[(year, key)] = VariationRequest(
            year, key, amount, shortfall, requested_on, requested_by, reason
        )

    def decide_variation(
        self, year: FinancialYear, key: str, approved: bool, decided_on: date, reason: str
    ) -> None:
        """Approve (the allocation becomes the amount asked for) or refuse a pending request."""
        if (year, key) not in self.requests:
            raise NotFoundError(f"No variation of '{key}' for {year} is awaiting a decision.")
        request = self.requests[(year, key)]
        amount = request.amount if approved else self.allocations[(year, key)].amount
        self._decide(
            year,
            key,
            bool(approved),
            amount,
            check_date(decided_on, "The decision date"),
            check_text(reason, "The reason"),
        )

    @event("AllocationVariationDecided")
    def _decide(
        self,
        year: FinancialYear,
        key: str,
        approved: bool,
        amount: int,
        decided_on: date,
        reason: str,
    ) -> None:
        del self.requests[(year, key)]
        before = self.allocations[(year, key)]
        self.allocations[(year, key)] = replace(before, amount=amount)
        if approved:
            self.varied[(year, key)] = ApprovedVariation(
                year, key, amount, before.amount, decided_on
            )

    def allocation(self, year: FinancialYear, key: str) -> PlannedAllocation:
        if (year, key) not in self.allocations:
            raise NotFoundError(f"No allocation '{key}' is planned for {year}; plan it first.")
        return self.allocations[(year, key)]

    def for_year(self, year: FinancialYear) -> tuple[PlannedAllocation, ...]:
        return tuple(a for (y, _), a in self.allocations.items() if y == year)
