"""Decisions on a budget line: numbered, dated, conditional, and never beyond the ceiling.

Each function checks one command of ``BudgetLine`` and returns its event's arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.errors import DuplicateError, InvalidTransitionError
from domain.funding.checks import check_date, check_not_before, check_text
from domain.funding.grant_state import BudgetLineState, check_ceiling, check_within_sought
from domain.funding.money import check_pence


def decide(
    line: BudgetLineState,
    number: str,
    decided_on: date,
    decision_maker: str,
    approved: int,
    case_reference: str | None,
    conditions: Iterable[str],
) -> tuple[str, str | None, date, str, int, tuple[str, ...]]:
    if check_text(number, "The decision number") in line.decisions:
        raise DuplicateError(
            f"Decision {number} is already recorded on this budget line; "
            "check the number, or vary that decision."
        )
    check_pence(approved, "The amount approved", allow_zero=True)
    check_not_before(
        check_date(decided_on, "The decision date"),
        line.opened_on,
        "The decision date",
        "the budget line's opening",
    )
    if case_reference is not None:
        case = line.case(case_reference)
        if case.withdrawn_on:
            raise InvalidTransitionError(
                f"Business case '{case_reference}' was withdrawn; "
                "submit a new business case to decide on."
            )
        if case.decision_number:
            raise InvalidTransitionError(
                f"Business case '{case_reference}' was decided by "
                f"{case.decision_number}; vary that decision."
            )
        check_not_before(decided_on, case.submitted_on, "The decision date", "the submission")
        check_within_sought(approved, case.sought)
    check_ceiling(line, approved)
    return (
        number,
        case_reference,
        decided_on,
        check_text(decision_maker, "The decision maker"),
        approved,
        tuple(check_text(c, "A condition") for c in conditions),
    )


def vary_decision(
    line: BudgetLineState, number: str, approved: int, varied_on: date, reason: str
) -> tuple[str, int, date, str]:
    decision = line.decision(number)
    check_pence(approved, "The amount now approved", allow_zero=True)
    check_not_before(
        check_date(varied_on, "The variation date"),
        decision.decided_on,
        "The variation date",
        "the decision",
    )
    if decision.case_reference is not None:
        check_within_sought(approved, line.cases[decision.case_reference].sought)
    if approved < line.allocated_under(number):
        raise InvalidTransitionError(
            f"More than that is already allocated under {number}; "
            "claw back or reallocate first, then vary the decision."
        )
    check_ceiling(line, approved - decision.approved)
    return number, approved, varied_on, check_text(reason, "The reason")
