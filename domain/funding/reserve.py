"""The reserve: brought in when a pot is onboarded, spent, carried forward at year end.

Once a year is closed its carried-forward figure is the next year's opening reserve, so
money may only move in it again after an explicit, reasoned reopening; otherwise last
year's statement would silently stop reconciling. Closes go in order, reopenings in reverse.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.funding.checks import check_date, check_text
from domain.funding.money import check_pence
from domain.funding.pooled_state import PooledState
from domain.funding.pooled_values import Movement, MovementKind
from domain.funding.statements import reserve_at_end
from domain.funding.years import FinancialYear


class ManagingReserve(PooledState):
    def bring_forward(self, year: FinancialYear, amount: int, reason: str) -> None:
        """Onboard a pot that already held a reserve at the start of ``year``."""
        check_pence(amount, "The reserve brought forward")
        if self.movements:
            raise InvalidTransitionError(
                "A reserve can only be brought forward before any money "
                "is recorded; record later money as contributions."
            )
        self._brought_forward(year, amount, check_text(reason, "Where the reserve came from"))

    def _brought_forward(self, year: FinancialYear, amount: int, reason: str) -> None:
        self.movements.append(Movement(MovementKind.BROUGHT_FORWARD, year.start, year, amount))

    def spend(
        self,
        allocation: str,
        amount: int,
        spent_on: date,
        reason: str,
        review_id: UUID | None = None,
    ) -> None:
        """Money out against an allocation key, optionally for one DHR (its review id).

        That the key is planned for the year is checked by the use case against the budget's
        ``AllocationPlan``; the pot itself guards the money.
        """
        self._check_year_open(spent_on)
        check_pence(amount, "The amount spent")
        if review_id is not None and not isinstance(review_id, UUID):
            raise InvalidValueError("Give the review by its id (a UUID), or leave it out.")
        self._spent(
            FinancialYear.of(spent_on),
            check_text(allocation, "The allocation"),
            amount,
            spent_on,
            check_text(reason, "What it paid for"),
            review_id,
        )

    def _spent(
        self,
        year: FinancialYear,
        allocation: str,
        amount: int,
        spent_on: date,
        reason: str,
        review_id: UUID | None,
    ) -> None:
        self.movements.append(
            Movement(
                MovementKind.SPEND,
                spent_on,
                year,
                amount,
                allocation=allocation,
                review_id=review_id,
            )
        )

    def close_year(self, year: FinancialYear, closed_on: date, reason: str = "Year end") -> None:
        """Close the year; its closing reserve is carried forward as next year's opening."""
        if year in self.closed:
            raise InvalidTransitionError(f"{year} is already closed.")
        if check_date(closed_on, "The closing date") <= year.end:
            raise InvalidValueError(f"{year} ends on {year.end.isoformat()}; close it after that.")
        if any(m.year < year for m in self.movements) and year.previous not in self.closed:
            raise InvalidTransitionError(
                f"Close {year.previous} first: its closing reserve is {year}'s opening reserve."
            )
        self._closed(year, closed_on, reserve_at_end(self.movements, year), reason)

    def _closed(
        self, year: FinancialYear, closed_on: date, carried_forward: int, reason: str
    ) -> None:
        self.closed[year] = carried_forward

    def reopen_year(self, year: FinancialYear, reopened_on: date, reason: str) -> None:
        """Reopen a closed year, saying why, so money can be recorded in it again."""
        if year not in self.closed:
            raise InvalidTransitionError(f"{year} is not closed; record the money directly.")
        if year.next in self.closed:
            raise InvalidTransitionError(
                f"Reopen {year.next} first: it opened with {year}'s carried-forward reserve."
            )
        check_date(reopened_on, "The reopening date")
        self._reopened(year, reopened_on, check_text(reason, "The reason for reopening"))

    def _reopened(self, year: FinancialYear, reopened_on: date, reason: str) -> None:
        del self.closed[year]
