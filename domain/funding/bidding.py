"""Business cases: bids against a budget line, each sought as the sum of its costed lines.

Each function checks one command of ``BudgetLine`` and returns its event's arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.funding.checks import check_date, check_not_before, check_text
from domain.funding.grant_state import BudgetLineState
from domain.funding.grant_values import AmountLine


def submit_business_case(
    line: BudgetLineState,
    reference: str,
    title: str,
    submitted_by: str,
    lines: Iterable[AmountLine],
    submitted_on: date,
) -> tuple[str, str, str, tuple[AmountLine, ...], date]:
    costed = tuple(lines)
    if not costed or not all(isinstance(item, AmountLine) for item in costed):
        raise InvalidValueError("A business case needs at least one costed line.")
    for item in costed:
        check_text(item.purpose, "What the money is for")
    if check_text(reference, "The business case reference") in line.cases:
        raise DuplicateError(
            f"Business case '{reference}' is already recorded; use another reference."
        )
    check_not_before(
        check_date(submitted_on, "The submission date"),
        line.opened_on,
        "The submission date",
        "the budget line's opening",
    )
    return (
        reference,
        check_text(title, "The title"),
        check_text(submitted_by, "Who submitted it"),
        costed,
        submitted_on,
    )


def withdraw_business_case(
    line: BudgetLineState, reference: str, withdrawn_on: date, reason: str
) -> tuple[str, date, str]:
    case = line.case(reference)
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
    return reference, withdrawn_on, check_text(reason, "The reason")
