"""The family's involvement, milestone by milestone: guidance expects it, and inspectors ask."""

from __future__ import annotations

from datetime import date

from domain.errors import DuplicateError, InvalidTransitionError
from domain.reviews.records import FamilyInvolvement
from domain.reviews.state import IN_REVIEW, ReviewState
from domain.reviews.values import FamilyMilestone, ReviewStatus, coerce

S = ReviewStatus


class InvolvingFamily(ReviewState):
    def record_family_involvement(
        self, milestone: str, occurred_on: date, *, today: date | None = None
    ) -> None:
        """Each milestone once, dated; the family can only receive a draft that exists."""
        self._require("record family involvement for", *IN_REVIEW, S.APPROVED)
        step = coerce(FamilyMilestone, milestone, "family involvement milestone")
        if earlier := next((f for f in self.family_involvement if f.milestone is step), None):
            raise DuplicateError(
                f"Family milestone '{step.value}' is already recorded for case {self.reference} "
                f"on {earlier.occurred_on}."
            )
        draft = self.overview_report_drafted_on if step is FamilyMilestone.RECEIVED_DRAFT else None
        if step is FamilyMilestone.RECEIVED_DRAFT and draft is None:
            raise InvalidTransitionError(
                f"Case {self.reference} has no overview report draft yet; "
                "record the draft before the family receives it."
            )
        self._check_dated(
            occurred_on,
            "family involvement",
            today,
            ("decision to review", self.review_started_on),
            ("overview report draft", draft),
        )
        self._family_involved(step, occurred_on)

    def _family_involved(self, milestone: str, occurred_on: date) -> None:
        entry = FamilyInvolvement(FamilyMilestone(milestone), occurred_on)
        self.family_involvement = (*self.family_involvement, entry)
