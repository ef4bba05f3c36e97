"""The family's involvement, milestone by milestone: guidance expects it, and inspectors ask.

The function checks ``DomesticHomicideReview.record_family_involvement`` and returns its
event's arguments.
"""

from __future__ import annotations

from datetime import date

from domain.choices import coerce
from domain.errors import DuplicateError, InvalidTransitionError
from domain.reviews.state import IN_REVIEW, ReviewState, check_dated, require
from domain.reviews.values import FamilyMilestone, ReviewStatus

S = ReviewStatus


MILESTONE_WORDS = {  # as a sentence says it: "... records that the family {}"
    FamilyMilestone.CONTRIBUTED: "contributed",
    FamilyMilestone.CONSULTED_ON_TERMS_OF_REFERENCE: "was consulted on the terms of reference",
    FamilyMilestone.HAD_EXPERT_ADVOCATE: "had an expert advocate",
    FamilyMilestone.RECEIVED_DRAFT: "received the draft",
    FamilyMilestone.ATTENDED_PANEL: "attended the panel",
}


def record_family_involvement(
    case: ReviewState, milestone: str, occurred_on: date, today: date | None
) -> tuple[FamilyMilestone, date]:
    require(case, "record family involvement for", *IN_REVIEW, S.APPROVED)
    step = coerce(FamilyMilestone, milestone, "family involvement milestone")
    if earlier := next((f for f in case.family_involvement if f.milestone is step), None):
        raise DuplicateError(
            f"Case {case.reference} already records that the family {MILESTONE_WORDS[step]} "
            f"(on {earlier.occurred_on})."
        )
    draft = case.overview_report_drafted_on if step is FamilyMilestone.RECEIVED_DRAFT else None
    if step is FamilyMilestone.RECEIVED_DRAFT and draft is None:
        raise InvalidTransitionError(
            f"Case {case.reference} has no overview report draft yet; "
            "record the draft before the family receives it."
        )
    check_dated(
        case,
        occurred_on,
        "family involvement",
        today,
        ("decision to review", case.review_started_on),
        ("overview report draft", draft),
    )
    return step, occurred_on
