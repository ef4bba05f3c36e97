"""An agency's request for more time for its IMR, and the panel's refusal of it.

Only the panel extends an IMR (``imrs.extend_imr``, which also answers an open request as
agreed); the agency asks, so the request is on the record: the officer sees it waiting and an
auditor sees that the agency asked before its IMR was due. Each function checks one command of
``DomesticHomicideReview`` and returns its event's arguments.
"""

from __future__ import annotations

from datetime import date

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.reviews.checks import NOTE, check_text
from domain.reviews.imrs import check_due, outstanding_imr
from domain.reviews.state import WORKING, ReviewState, check_dated, require
from domain.reviews.values import ReviewStatus

S = ReviewStatus


def ask_imr_extension(
    case: ReviewState, agency: str, asked_on: date, due_on: date, reason: str, today: date | None
) -> tuple[str, date, date, str]:
    """One open request per IMR: the panel answers it before the agency asks again."""
    require(case, "ask for more time for an IMR on", *WORKING, S.PAUSED)
    imr = outstanding_imr(case, agency, "ask for more time for")
    waiting = imr.open_extension_request
    if waiting is not None:
        raise DuplicateError(
            f"{imr.agency} already asked on {waiting.asked_on} for more time, to "
            f"{waiting.due_on}; the panel has not answered yet. Wait for its answer."
        )
    check_dated(case, asked_on, "request for more time", today, ("IMR request", imr.requested_on))
    current = imr.current_due_on  # said first: the date the agency has in mind
    if isinstance(due_on, date) and current is not None and due_on <= current:
        raise InvalidValueError(
            f"The IMR from {imr.agency} is already due on {current}; propose a later date."
        )
    check_due(due_on, "proposed due date", asked_on, "request for more time")
    return imr.agency, asked_on, due_on, check_text(reason, "reason for more time", NOTE)


def refuse_imr_extension(
    case: ReviewState, agency: str, refused_on: date, reason: str, today: date | None
) -> tuple[str, date, str]:
    """The panel says no, with a reason the agency reads; the IMR stays due when it was."""
    require(case, "refuse more time for an IMR on", *WORKING, S.PAUSED)
    imr = case._requested_imr(agency)
    waiting = imr.open_extension_request
    if waiting is None:
        raise InvalidTransitionError(
            f"{imr.agency} has no request for more time waiting for an answer."
        )
    asked = ("request for more time", waiting.asked_on)
    check_dated(case, refused_on, "refusal of more time", today, asked)
    return imr.agency, refused_on, check_text(reason, "reason for refusing more time", NOTE)
