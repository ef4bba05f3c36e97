"""Correcting one of a case's parts that come several to a case: a commissioning's agreed cost
(``commission.<number>.cost_pence``), a panel meeting's date (``panel_meeting.<number>.met_on``),
an IMR's request, due or receipt date (``imr.<number>.requested_on``, ``.due_on``,
``.received_on``; its first due date, an extension keeping its own).

A part is named by its number in the order recorded (from 1); none is ever removed, so a
number names the same part for ever. The right value is held to the rule the command that
recorded the part held it to, and the whole case then to its date rules, as every correction
of a case is (``correcting``, ``chronology``). Besides the value replaced, the event keeps what
a read model cannot work out alone: for money the day the wrong figure took effect
(``effective_on``), for a panel meeting the case's first meeting after it, for an IMR its agency.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from domain import correcting as c
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.funding.money import pounds
from domain.reviews.checks import check_pence
from domain.reviews.records import Imr
from domain.reviews.state import ReviewState

PATTERNS = {
    "commission.<number>.cost_pence": "a commissioning's agreed cost, in pence",
    "panel_meeting.<number>.met_on": "a panel meeting's date",
    "imr.<number>.requested_on": "an IMR's request date (also due_on, received_on)",
}
KINDS = {
    "commission": ("cost_pence",),
    "panel_meeting": ("met_on",),
    "imr": ("requested_on", "due_on", "received_on"),
}
WORDS = {"commission": "commissioning", "panel_meeting": "panel meeting", "imr": "IMR"}
RECORD = {  # what to record instead when a part (or its value) is not there to correct
    "commission": "record the commissioning",
    "panel_meeting": "record the panel meeting",
    "imr": "request the IMR",
}
VALUES = {  # a value not yet recorded: what to record instead
    "due_on": "it was requested without a due date; agree one with an extension instead",
    "received_on": "it has not been received; record its receipt instead",
}

Corrected = tuple[str, Any, Any, str, date | None, date | None, str | None]
"""The ``Corrected`` event's field, value, previous value, reason, ``effective_on``,
``first_panel_on`` and ``agency``."""


def names_a_part(field: object) -> bool:
    return isinstance(field, str) and field.partition(".")[0] in KINDS and "." in field


def correct(case: ReviewState, field: str, value: object, reason: str) -> Corrected:
    """Checks ``DomesticHomicideReview.correct`` of one part; the event's arguments."""
    kind, number, name = _named(case, field)
    why = c.check_reason(reason)
    if kind == "commission":
        commission = case.commissions[number - 1]
        new_cost = check_pence(value, "agreed cost")
        c.unchanged("agreed cost", pounds(commission.cost_pence), pounds(new_cost))
        return field, new_cost, commission.cost_pence, why, commission.commissioned_on, None, None
    new = c.a_date(value, f"{WORDS[kind]} date")
    if kind == "panel_meeting":
        previous = case.panel_meetings[number - 1]
        c.unchanged("panel meeting's date", previous, new)
        if new in case.panel_meetings:
            raise DuplicateError(
                f"A panel meeting on {new} is already recorded for case {case.reference}."
            )
        meetings = [new if i == number - 1 else d for i, d in enumerate(case.panel_meetings)]
        return field, new, previous, why, None, min(meetings), None
    imr = case.imrs[number - 1]
    recorded = getattr(imr, name)
    if recorded is None:
        raise InvalidTransitionError(
            f"The IMR from {imr.agency} has no date to correct: {VALUES[name]}."
        )
    c.unchanged(name.replace("_", " "), recorded, new)
    if name == "due_on":
        _check_request_still_asks(imr, new)
    return field, new, recorded, why, None, None, imr.agency


def _check_request_still_asks(imr: Imr, due_on: date) -> None:
    """A correction may not silently answer an agency's request for more time.

    Were its due date corrected to the day the agency asked for, or later, the open request
    would no longer ask for more time, yet the agency would never be told: it would still read
    "waiting for an answer" and the history would hold a question nobody answered. The officer
    answers it first, in words the agency reads (refuse it, saying the IMR was due later all
    along, or agree by extending), then corrects. Refusing keeps every stored event meaning
    what it meant; closing the request inside the correction would need a new kind of answer
    the agency's pages, the region's read model and the reminders all had to learn. Only the
    first due date is corrected here: after an extension, the extension's date stands.
    """
    waiting = imr.open_extension_request
    if waiting is None or imr.extensions or due_on < waiting.due_on:
        return
    raise InvalidTransitionError(
        f"The agency asked on {waiting.asked_on} for its IMR to be due on {waiting.due_on}, "
        f"and the panel has not answered. Corrected to {due_on}, the IMR would be due then "
        "anyway: answer the request for more time first (refuse it, saying why, or agree by "
        "extending), then correct the due date."
    )


def apply(state: ReviewState, field: str, value: Any) -> None:
    """The corrected part in place: the body of the ``Corrected`` event."""
    kind, number, name = _named(state, field)
    i = number - 1
    if kind == "commission":
        fixed = replace(state.commissions[i], cost_pence=int(value))
        state.commissions = (*state.commissions[:i], fixed, *state.commissions[i + 1 :])
    elif kind == "panel_meeting":
        state.panel_meetings = (*state.panel_meetings[:i], value, *state.panel_meetings[i + 1 :])
    else:
        imr = replace(state.imrs[i], **{name: value})
        state.imrs = (*state.imrs[:i], imr, *state.imrs[i + 1 :])


def _named(case: ReviewState, field: str) -> tuple[str, int, str]:
    """The part's kind, number and the name of its corrected value; refused if it names none."""
    kind, _, rest = field.partition(".")
    number, _, name = rest.partition(".")
    if name not in KINDS[kind] or not number.isdigit():
        raise InvalidValueError(
            f"'{field}' names no part of a case; use one of: {', '.join(PATTERNS)}."
        )
    listed = {"commission": case.commissions, "panel_meeting": case.panel_meetings}
    count = len(listed.get(kind, case.imrs))
    if not 1 <= int(number) <= count:
        raise InvalidTransitionError(
            f"Case {case.reference} has no {WORDS[kind]} numbered {number} to correct "
            f"({count} recorded, numbered in the order recorded); {RECORD[kind]} instead."
        )
    return kind, int(number), name
