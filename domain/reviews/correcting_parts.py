"""Correcting one of a case's parts that come several to a case: a commissioning's agreed cost
(``commission.<number>.cost_pence``).

A part is named by its number in the order recorded (from 1); none is ever removed, so a
number names the same part for ever. The right value is held to the rule the command that
recorded the part held it to, and the whole case then to its date rules, as every correction
of a case is (``correcting``). The event keeps the value replaced and, for money, the day the
wrong figure took effect (``effective_on``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from domain import correcting as c
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.reviews.checks import check_pence
from domain.reviews.state import ReviewState

PATTERNS = {"commission.<number>.cost_pence": "a commissioning's agreed cost, in pence"}
KINDS = {"commission": ("cost_pence",)}

Corrected = tuple[str, Any, Any, str, date | None]
"""The ``Corrected`` event's field, value, previous value, reason and ``effective_on``."""


def names_a_part(field: object) -> bool:
    return isinstance(field, str) and field.partition(".")[0] in KINDS and "." in field


def correct(case: ReviewState, field: str, value: object, reason: str) -> Corrected:
    """Checks ``DomesticHomicideReview.correct`` of one part; the event's arguments."""
    number, name = _named(case, field)
    why = c.check_reason(reason)
    commission = case.commissions[number - 1]
    new = check_pence(value, "agreed cost")
    c.unchanged("agreed cost", commission.cost_pence, new)
    return field, new, commission.cost_pence, why, commission.commissioned_on


def apply(state: ReviewState, field: str, value: Any) -> None:
    """The corrected part in place: the body of the ``Corrected`` event."""
    number, _ = _named(state, field)
    fixed = replace(state.commissions[number - 1], cost_pence=int(value))
    state.commissions = tuple(
        fixed if i == number - 1 else done for i, done in enumerate(state.commissions)
    )


def _named(case: ReviewState, field: str) -> tuple[int, str]:
    """The part's number and the name of its corrected value; refused if it names none."""
    kind, _, rest = field.partition(".")
    number, _, name = rest.partition(".")
    if name not in KINDS[kind] or not number.isdigit():
        raise InvalidValueError(
            f"'{field}' names no part of a case; use one of: {', '.join(PATTERNS)}."
        )
    if not 1 <= int(number) <= len(case.commissions):
        raise InvalidTransitionError(
            f"Case {case.reference} has no commissioning numbered {number} to correct "
            f"({len(case.commissions)} recorded, numbered in the order recorded); record the "
            "commissioning instead."
        )
    return int(number), name
