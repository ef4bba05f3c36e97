"""Conducting the review: an independent chair and author, and panel meetings (IMRs: ``imrs``).

Agencies are organisations and may be named; chairs and authors are people and may not.
Each function checks one command of ``DomesticHomicideReview`` and returns its event's arguments.
"""

from __future__ import annotations

from datetime import date

from domain.errors import DuplicateError
from domain.reviews.checks import check_pence, check_text
from domain.reviews.state import WORKING, ReviewState, check_dated, check_milestone_dated, require
from domain.reviews.values import ReviewStatus

S = ReviewStatus


def commission(
    case: ReviewState,
    commissioned_on: date,
    chair_ref: str,
    author_ref: str,
    cost_pence: int,
    today: date | None,
) -> tuple[date, str, str, int]:
    require(case, "commission a chair and author for", *WORKING, S.PAUSED)
    started = ("decision to review", case.review_started_on)
    check_dated(case, commissioned_on, "commissioning", today, started)
    chair = check_text(chair_ref, "chair reference (a role label or reference, never a name)", 80)
    author = check_text(
        author_ref, "author reference (a role label or reference, never a name)", 80
    )
    return commissioned_on, chair, author, check_pence(cost_pence, "agreed cost")


def hold_panel_meeting(case: ReviewState, met_on: date, today: date | None) -> date:
    require(case, "hold a panel meeting for", *WORKING)
    check_milestone_dated(
        case, met_on, "panel meeting", today, ("decision to review", case.review_started_on)
    )
    if met_on in case.panel_meetings:
        raise DuplicateError(
            f"A panel meeting on {met_on} is already recorded for case {case.reference}."
        )
    return met_on
