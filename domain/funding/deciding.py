"""Decisions on a budget line: numbered, dated, conditional, and never beyond the ceiling.

Commands check, then call an event body; ``BudgetLine`` declares each body as an event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from domain.errors import DuplicateError, InvalidTransitionError
from domain.funding.checks import check_date, check_not_before, check_text
from domain.funding.grant_state import BudgetLineState
from domain.funding.grant_values import GrantDecision
from domain.funding.money import check_pence


class Deciding(BudgetLineState):
    def decide(
        self,
        number: str,
        decided_on: date,
        decision_maker: str,
        approved: int,
        case_reference: str | None = None,
        conditions: Iterable[str] = (),
    ) -> None:
        """A numbered decision (e.g. 036/2013); without a business case it is a direct award."""
        if check_text(number, "The decision number") in self.decisions:
            raise DuplicateError(
                f"Decision {number} is already recorded on this budget line; "
                "check the number, or vary that decision."
            )
        check_pence(approved, "The amount approved", allow_zero=True)
        check_not_before(
            check_date(decided_on, "The decision date"),
            self.opened_on,
            "The decision date",
            "the budget line's opening",
        )
        if case_reference is not None:
            case = self.case(case_reference)
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
            self._check_within_sought(approved, case.sought)
        self._check_ceiling(approved)
        self._decided(
            number,
            case_reference,
            decided_on,
            check_text(decision_maker, "The decision maker"),
            approved,
            tuple(check_text(c, "A condition") for c in conditions),
        )

    def _decided(
        self,
        number: str,
        case_reference: str | None,
        decided_on: date,
        decision_maker: str,
        approved: int,
        conditions: tuple[str, ...],
    ) -> None:
        self.decisions[number] = GrantDecision(
            number,
            case_reference,
            decided_on,
            decision_maker,
            approved,
            approved,
            tuple(conditions),
        )
        if case_reference is not None:
            self.cases[case_reference] = replace(self.cases[case_reference], decision_number=number)

    def vary_decision(self, number: str, approved: int, varied_on: date, reason: str) -> None:
        """Change what a decision commits, e.g. when it is reconsidered after tendering."""
        decision = self.decision(number)
        check_pence(approved, "The amount now approved", allow_zero=True)
        check_not_before(
            check_date(varied_on, "The variation date"),
            decision.decided_on,
            "The variation date",
            "the decision",
        )
        if decision.case_reference is not None:
            self._check_within_sought(approved, self.cases[decision.case_reference].sought)
        if approved < self.allocated_under(number):
            raise InvalidTransitionError(
                f"More than that is already allocated under {number}; "
                "claw back or reallocate first, then vary the decision."
            )
        self._check_ceiling(approved - decision.approved)
        self._varied(number, approved, varied_on, check_text(reason, "The reason"))

    def _varied(self, number: str, approved: int, varied_on: date, reason: str) -> None:
        self.decisions[number] = replace(self.decisions[number], approved=approved)
