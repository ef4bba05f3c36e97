"""Parallel proceedings (a criminal trial, an inquest) can pause a review: recorded, not hidden.

Each function checks one command of ``DomesticHomicideReview`` and returns its event's arguments.
"""

from __future__ import annotations

from datetime import date

from domain.choices import coerce
from domain.errors import InvalidTransitionError
from domain.reviews.checks import check_text
from domain.reviews.chronology import milestones
from domain.reviews.state import WORKING, ReviewState, check_dated, require
from domain.reviews.values import PauseReason, ReviewStatus

S = ReviewStatus


def pause(
    case: ReviewState, paused_on: date, reason: str, note: str, today: date | None
) -> tuple[date, PauseReason, str]:
    require(case, "pause", *WORKING)
    why = coerce(PauseReason, reason, "pause reason")
    if why is PauseReason.OTHER or note:
        note = check_text(note, "description of the parallel proceedings")
    last = case.pauses[-1].resumed_on if case.pauses else None
    check_dated(
        case,
        paused_on,
        "pause",
        today,
        ("decision to review", case.review_started_on),
        ("last resumption", last),
    )
    _check_not_behind_milestones(case, paused_on)
    return paused_on, why, note


def resume(case: ReviewState, resumed_on: date, today: date | None) -> date:
    require(case, "resume", S.PAUSED)
    return check_dated(case, resumed_on, "resumption", today, ("pause", case.pauses[-1].paused_on))


def _check_not_behind_milestones(case: ReviewState, paused_on: date) -> None:
    """A pause runs until resumed, so one dated before a later step would contradict it."""
    later = [(label, on) for label, on in milestones(case) if on > paused_on]
    if later:
        label, on = later[-1]
        raise InvalidTransitionError(
            f"Case {case.reference} cannot be paused from {paused_on}: its {label} is "
            f"recorded on {on}, after that, and a paused review takes no such steps. Pause "
            f"from {on} or later; if the review really was paused earlier and resumed before "
            "its later steps, a lead records that past pause as a correction (field 'pause', "
            'value {"paused_on", "resumed_on", "reason"}).'
        )
