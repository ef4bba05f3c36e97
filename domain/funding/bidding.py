"""Business cases: bids against a budget line, each sought as the sum of its costed lines.

Commands check, then call an event body; ``BudgetLine`` declares each body as an event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.funding.checks import check_date, check_not_before, check_text
from domain.funding.grant_state import BudgetLineState
from domain.funding.grant_values import AmountLine, BusinessCase


class Bidding(BudgetLineState):
    def submit_business_case(
        self,
        reference: str,
        title: str,
        submitted_by: str,
        lines: Iterable[AmountLine],
        submitted_on: date,
    ) -> None:
        """The amount sought is the sum of the costed lines, e.g. £20k research + £30k learning."""
        costed = tuple(lines)
        if not costed or not all(isinstance(item, AmountLine) for item in costed):
            raise InvalidValueError("A business case needs at least one costed line.")
        if check_text(reference, "The business case reference") in self.cases:
            raise DuplicateError(
                f"Business case '{reference}' is already recorded; use another reference."
            )
        check_not_before(
            check_date(submitted_on, "The submission date"),
            self.opened_on,
            "The submission date",
            "the budget line's opening",
        )
        self._submitted(
            reference,
            check_text(title, "The title"),
            check_text(submitted_by, "Who submitted it"),
            costed,
            submitted_on,
        )

    def _submitted(
        self,
        reference: str,
        title: str,
        submitted_by: str,
        lines: tuple[AmountLine, ...],
        submitted_on: date,
    ) -> None:
        self.cases[reference] = BusinessCase(
            reference, title, submitted_by, tuple(lines), submitted_on
        )

    def withdraw_business_case(self, reference: str, withdrawn_on: date, reason: str) -> None:
        case = self.case(reference)
        if case.withdrawn_on or case.decision_number:
            raise InvalidTransitionError(
                f"Business case '{reference}' is already withdrawn or "
                "decided; vary the decision instead."
            )
        check_not_before(
            check_date(withdrawn_on, "The withdrawal date"),
            case.submitted_on,
            "The withdrawal date",
            "the submission",
        )
        self._withdrawn(reference, withdrawn_on, check_text(reason, "The reason"))

    def _withdrawn(self, reference: str, withdrawn_on: date, reason: str) -> None:
        self.cases[reference] = replace(
            self.cases[reference], withdrawn_on=withdrawn_on, withdrawal_reason=reason
        )
