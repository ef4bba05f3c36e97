"""Agencies' Individual Management Reviews and their clock: asked by a date, extended with a
reason, chased, received, and accepted or returned for more work by the panel.

Agencies are organisations and may be named; the points the panel raises are about the IMR's
quality, not about people. Each function checks one command of ``DomesticHomicideReview`` and
returns its event's arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from domain.choices import coerce
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.reviews.checks import check_text
from domain.reviews.records import Imr
from domain.reviews.state import WORKING, ReviewState, check_dated, require
from domain.reviews.values import ImrOutcome, ReviewStatus

S = ReviewStatus


def request_imr(
    case: ReviewState, agency: str, requested_on: date, due_on: date | None, today: date | None
) -> tuple[str, date, date | None]:
    require(case, "request an IMR for", *WORKING, S.PAUSED)
    name = check_text(agency, "agency", 120)
    if case._imr(name) is not None:
        raise DuplicateError(f"An IMR from {name} is already requested for case {case.reference}.")
    started = ("decision to review", case.review_started_on)
    check_dated(case, requested_on, "IMR request", today, started)
    if due_on is not None:
        check_due(due_on, "IMR due date", requested_on, "request")
    return name, requested_on, due_on


def extend_imr(
    case: ReviewState,
    agency: str,
    extended_on: date,
    due_on: date,
    reason: str,
    today: date | None,
) -> tuple[str, date, date, str]:
    require(case, "extend an IMR for", *WORKING, S.PAUSED)
    imr = outstanding_imr(case, agency, "extend")
    check_dated(case, extended_on, "IMR extension", today, ("IMR request", imr.requested_on))
    check_due(due_on, "new IMR due date", extended_on, "extension")
    current = imr.current_due_on
    if current is not None and due_on <= current:
        raise InvalidValueError(
            f"The IMR from {imr.agency} is already due on {current}; "
            "an extension needs a later date."
        )
    return imr.agency, extended_on, due_on, check_text(reason, "reason for the extension", 500)


def chase_imr(
    case: ReviewState, agency: str, chased_on: date, today: date | None
) -> tuple[str, date]:
    require(case, "chase an IMR for", *WORKING, S.PAUSED)
    imr = outstanding_imr(case, agency, "chase")
    check_dated(case, chased_on, "IMR chase", today, ("IMR request", imr.requested_on))
    if chased_on in imr.chased_on:
        raise DuplicateError(f"The IMR from {imr.agency} was already chased on {chased_on}.")
    return imr.agency, chased_on


def receive_imr(
    case: ReviewState, agency: str, received_on: date, with_chronology: bool, today: date | None
) -> tuple[str, date, bool]:
    require(case, "receive an IMR for", *WORKING, S.PAUSED)
    imr = case._requested_imr(agency)
    if not imr.outstanding:
        raise DuplicateError(
            f"The IMR from {imr.agency} was already received on {imr.received_on}."
        )
    if not isinstance(with_chronology, bool):
        raise InvalidValueError("Say whether the IMR came with a chronology: true or false.")
    earliest = imr.assessments[-1].assessed_on if imr.returned else imr.requested_on
    what = "return of the IMR for more work" if imr.returned else "IMR request"
    check_dated(case, received_on, "IMR receipt", today, (what, earliest))
    return imr.agency, received_on, with_chronology


def attached(with_report: object) -> bool:
    """Whether an IMR's receipt says its report is attached: yes or no, never a guess."""
    if not isinstance(with_report, bool):
        raise InvalidValueError("Say whether the IMR's report is attached: true or false.")
    return with_report


def assess_imr(
    case: ReviewState,
    agency: str,
    assessed_on: date,
    outcome: str,
    points: Sequence[str],
    today: date | None,
) -> tuple[str, date, ImrOutcome, tuple[str, ...]]:
    require(case, "assess an IMR for", *WORKING, S.PAUSED)
    imr = case._requested_imr(agency)
    if not imr.awaiting_assessment:
        state = "has not arrived" if imr.outstanding else "is already assessed"
        raise InvalidTransitionError(
            f"The IMR from {imr.agency} {state}; the panel assesses each IMR once it arrives."
        )
    verdict = coerce(ImrOutcome, outcome, "IMR assessment outcome")
    if isinstance(points, str) or not isinstance(points, Sequence):
        raise InvalidValueError("Send the assessment points as a list of short texts.")
    checked = tuple(check_text(p, "assessment point", 500) for p in points)
    if len(checked) > 50:
        raise InvalidValueError("An assessment has at most 50 points; combine some.")
    if verdict == ImrOutcome.RETURNED and not checked:
        raise InvalidValueError(
            "Say what the agency must do: an IMR returned for more work needs at least one point."
        )
    assert imr.received_on is not None
    check_dated(case, assessed_on, "IMR assessment", today, ("IMR receipt", imr.received_on))
    return imr.agency, assessed_on, verdict, checked


def changed(imrs: tuple[Imr, ...], agency: str, change: Callable[[Imr], Imr]) -> tuple[Imr, ...]:
    """The case's IMRs with the one from ``agency`` changed: the body of every IMR event."""
    return tuple(change(i) if i.agency == agency else i for i in imrs)


def outstanding_imr(case: ReviewState, agency: str, verb: str) -> Imr:
    """The agency's IMR, refused once it arrived (until the panel returns it for more work)."""
    imr = case._requested_imr(agency)
    if not imr.outstanding:
        raise InvalidTransitionError(
            f"Cannot {verb} the IMR from {imr.agency}: it was received on {imr.received_on}."
        )
    return imr


def check_due(due_on: object, what: str, after: date, after_what: str) -> None:
    """Due dates lie ahead of the request, so they are checked apart from the no-future rule."""
    if not isinstance(due_on, date):
        raise InvalidValueError(f"Give the {what} as a date (YYYY-MM-DD).")
    if due_on <= after:
        raise InvalidValueError(f"The {what} must be after the {after_what} ({after}).")
