"""The reserve: brought in when a pot is onboarded, spent, carried forward at year end.

Once a year is closed its carried-forward figure is the next year's opening reserve, so
money may only move in it again after an explicit, reasoned reopening; otherwise last
year's statement would silently stop reconciling. Closes go in order, reopenings in reverse.
Each function checks one command of ``PooledBudget`` and returns its event's arguments.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.funding.checks import check_date, check_text
from domain.funding.money import check_pence
from domain.funding.pooled_state import PooledState, check_year_open
from domain.funding.statements import reserve_at_end
from domain.funding.years import FinancialYear


def bring_forward(
    pot: PooledState, year: FinancialYear, amount: int, reason: str
) -> tuple[FinancialYear, int, str]:
    check_pence(amount, "The reserve brought forward")
    if pot.movements:
        raise InvalidTransitionError(
            "A reserve can only be brought forward before any money "
            "is recorded; record later money as contributions."
        )
    return year, amount, check_text(reason, "Where the reserve came from")


def spend(
    pot: PooledState,
    allocation: str,
    amount: int,
    spent_on: date,
    reason: str,
    review_id: UUID | None,
) -> tuple[FinancialYear, str, int, date, str, UUID | None]:
    check_year_open(pot, spent_on)
    check_pence(amount, "The amount spent")
    if review_id is not None and not isinstance(review_id, UUID):
        raise InvalidValueError("Give the review by its id (a UUID), or leave it out.")
    return (
        FinancialYear.of(spent_on),
        check_text(allocation, "The allocation"),
        amount,
        spent_on,
        check_text(reason, "What it paid for"),
        review_id,
    )


def close_year(
    pot: PooledState, year: FinancialYear, closed_on: date, reason: str
) -> tuple[FinancialYear, date, int, str]:
    if year in pot.closed:
        raise InvalidTransitionError(f"{year} is already closed.")
    if check_date(closed_on, "The closing date") <= year.end:
        raise InvalidValueError(f"{year} ends on {year.end.isoformat()}; close it after that.")
    if any(m.year < year for m in pot.movements) and year.previous not in pot.closed:
        raise InvalidTransitionError(
            f"Close {year.previous} first: its closing reserve is {year}'s opening reserve."
        )
    return year, closed_on, reserve_at_end(pot.movements, year), reason


def reopen_year(
    pot: PooledState, year: FinancialYear, reopened_on: date, reason: str
) -> tuple[FinancialYear, date, str]:
    if year not in pot.closed:
        raise InvalidTransitionError(f"{year} is not closed; record the money directly.")
    if year.next in pot.closed:
        raise InvalidTransitionError(
            f"Reopen {year.next} first: it opened with {year}'s carried-forward reserve."
        )
    check_date(reopened_on, "The reopening date")
    return year, reopened_on, check_text(reason, "The reason for reopening")
