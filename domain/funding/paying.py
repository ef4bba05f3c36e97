"""Allocations passported to tenants, payments and clawbacks: where committed money goes.

A clawback returns paid money and reduces the award by as much, so it is not paid again by
accident. Each function checks one command of ``BudgetLine`` and returns its event's arguments.
"""

from __future__ import annotations

from datetime import date

from domain.errors import InvalidTransitionError
from domain.funding.checks import check_date, check_not_before, check_text
from domain.funding.grant_state import BudgetLineState
from domain.funding.money import check_pence, pounds


def allocate(
    line: BudgetLineState, number: str, tenant: str, amount: int, allocated_on: date
) -> tuple[str, str, int, date]:
    decision = line.decision(number)
    check_text(tenant, "The tenant receiving the allocation")
    check_pence(amount, "The amount allocated")
    check_not_before(
        check_date(allocated_on, "The allocation date"),
        decision.decided_on,
        "The allocation date",
        "the decision",
    )
    room = decision.approved - line.allocated_under(number)
    if amount > room:
        raise InvalidTransitionError(
            f"Only {pounds(room)} of decision {number} is left to "
            "allocate; vary the decision first if more was agreed."
        )
    return number, tenant, amount, allocated_on


def pay(
    line: BudgetLineState, number: str, tenant: str, amount: int, paid_on: date
) -> tuple[str, str, int, date]:
    allocation = line.allocation(number, tenant)
    _check_movement(
        (amount, "The amount paid"),
        (paid_on, "The payment date"),
        allocation.unpaid,
        f"Only {{left}} allocated to {tenant} under {number} is unpaid; allocate more first.",
    )
    return number, tenant, amount, paid_on


def claw_back(
    line: BudgetLineState, number: str, tenant: str, amount: int, clawed_back_on: date, reason: str
) -> tuple[str, str, int, date, str]:
    allocation = line.allocation(number, tenant)
    _check_movement(
        (amount, "The amount clawed back"),
        (clawed_back_on, "The clawback date"),
        allocation.net_paid,
        f"Only {{left}} has been paid to {tenant} under {number}; claw back at most that.",
    )
    return number, tenant, amount, clawed_back_on, check_text(reason, "The reason")


def _check_movement(amount: tuple[int, str], on: tuple[date, str], left: int, refusal: str) -> None:
    """Paying out and clawing back are the same rule on different sides of an allocation:
    whole pence, dated, and never more than is ``left`` to move that way."""
    check_pence(*amount)
    check_date(*on)
    if amount[0] > left:
        raise InvalidTransitionError(refusal.format(left=pounds(left)))
