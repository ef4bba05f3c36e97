"""Allocations passported to tenants, payments and clawbacks: where committed money goes.

A clawback returns paid money and reduces the award by as much, so it is not paid again by
accident. Commands check, then call an event body; ``BudgetLine`` declares each as an event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.errors import InvalidTransitionError
from domain.funding.checks import check_date, check_not_before, check_text
from domain.funding.grant_state import BudgetLineState
from domain.funding.grant_values import GrantAllocation
from domain.funding.money import check_pence, pounds


class Paying(BudgetLineState):
    def allocate(self, number: str, tenant: str, amount: int, allocated_on: date) -> None:
        """Passport part of a decision's money to a tenant (a CSP), named by its slug."""
        decision = self.decision(number)
        check_text(tenant, "The tenant receiving the allocation")
        check_pence(amount, "The amount allocated")
        check_not_before(
            check_date(allocated_on, "The allocation date"),
            decision.decided_on,
            "The allocation date",
            "the decision",
        )
        room = decision.approved - self.allocated_under(number)
        if amount > room:
            raise InvalidTransitionError(
                f"Only {pounds(room)} of decision {number} is left to "
                "allocate; vary the decision first if more was agreed."
            )
        self._allocated(number, tenant, amount, allocated_on)

    def _allocated(self, number: str, tenant: str, amount: int, allocated_on: date) -> None:
        current = self.allocations.get((number, tenant), GrantAllocation(number, tenant, 0))
        self.allocations[(number, tenant)] = replace(current, allocated=current.allocated + amount)

    def pay(self, number: str, tenant: str, amount: int, paid_on: date) -> None:
        allocation = self.allocation(number, tenant)
        check_pence(amount, "The amount paid")
        check_date(paid_on, "The payment date")
        if amount > allocation.unpaid:
            raise InvalidTransitionError(
                f"Only {pounds(allocation.unpaid)} allocated to {tenant} "
                f"under {number} is unpaid; allocate more first."
            )
        self._paid(number, tenant, amount, paid_on)

    def _paid(self, number: str, tenant: str, amount: int, paid_on: date) -> None:
        current = self.allocations[(number, tenant)]
        self.allocations[(number, tenant)] = replace(current, paid=current.paid + amount)

    def claw_back(
        self, number: str, tenant: str, amount: int, clawed_back_on: date, reason: str
    ) -> None:
        allocation = self.allocation(number, tenant)
        check_pence(amount, "The amount clawed back")
        check_date(clawed_back_on, "The clawback date")
        if amount > allocation.net_paid:
            raise InvalidTransitionError(
                f"Only {pounds(allocation.net_paid)} has been paid to "
                f"{tenant} under {number}; claw back at most that."
            )
        self._clawed_back(number, tenant, amount, clawed_back_on, check_text(reason, "The reason"))

    def _clawed_back(
        self, number: str, tenant: str, amount: int, clawed_back_on: date, reason: str
    ) -> None:
        current = self.allocations[(number, tenant)]
        self.allocations[(number, tenant)] = replace(
            current, clawed_back=current.clawed_back + amount
        )
