"""The Home Office QA panel's verdict, and what happens to the report after it.

Feedback arrives as numbered points; only an approved report is published or withheld.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.reviews.checks import check_text
from domain.reviews.qa import FeedbackPoint, FeedbackRound, PointAnswer, check_answers, check_points
from domain.reviews.records import Closure
from domain.reviews.state import ReviewState
from domain.reviews.values import ReviewStatus

S = ReviewStatus


class Assurance(ReviewState):
    def receive_feedback(
        self, received_on: date, points: Iterable[FeedbackPoint], *, today: date | None = None
    ) -> None:
        self._require("record QA panel feedback for", S.SUBMITTED)
        checked = check_points(points)
        self._check_dated(
            received_on, "QA feedback letter", today, ("submission", self.last_submitted_on)
        )
        self._feedback_received(received_on, checked)

    def _feedback_received(self, received_on: date, points: tuple[FeedbackPoint, ...]) -> None:
        self.feedback_rounds = (*self.feedback_rounds, FeedbackRound(received_on, tuple(points)))
        self.stage = S.FEEDBACK_RECEIVED

    def resubmit(
        self, resubmitted_on: date, answers: Iterable[PointAnswer], *, today: date | None = None
    ) -> None:
        """A resubmission answers every point of the latest letter, and no other."""
        self._require("resubmit", S.FEEDBACK_RECEIVED)
        letter = self.feedback_rounds[-1]
        checked = check_answers(letter, answers)
        self._check_dated(
            resubmitted_on, "resubmission", today, ("QA feedback letter", letter.received_on)
        )
        self._resubmitted(resubmitted_on, checked)

    def _resubmitted(self, resubmitted_on: date, answers: tuple[PointAnswer, ...]) -> None:
        answered = self.feedback_rounds[-1].answered(resubmitted_on, tuple(answers))
        self.feedback_rounds = (*self.feedback_rounds[:-1], answered)
        self.stage = S.SUBMITTED

    def approve(self, approved_on: date, *, today: date | None = None) -> None:
        """Approval completes the review: timeliness stops counting here."""
        self._require("approve", S.SUBMITTED, advice="Only a submitted report can be approved.")
        self._check_dated(approved_on, "approval", today, ("submission", self.last_submitted_on))
        self._approved(approved_on)

    def _approved(self, approved_on: date) -> None:
        self.approved_on = approved_on
        self.stage = S.APPROVED

    def publish(self, published_on: date, *, today: date | None = None) -> None:
        """A withheld report can still be published later, e.g. once proceedings end."""
        self._require("publish", S.APPROVED, S.PUBLICATION_WITHHELD, advice="Approval comes first.")
        withheld = self.publication_withheld.closed_on if self.publication_withheld else None
        self._check_dated(
            published_on,
            "publication",
            today,
            ("approval", self.approved_on),
            ("decision to withhold", withheld),
        )
        self._published(published_on)

    def _published(self, published_on: date) -> None:
        self.published_on = published_on
        self.stage = S.PUBLISHED

    def withhold_publication(
        self, withheld_on: date, reason: str, *, today: date | None = None
    ) -> None:
        self._require("withhold publication of", S.APPROVED, advice="Approval comes first.")
        self._check_dated(
            withheld_on, "decision to withhold", today, ("approval", self.approved_on)
        )
        self._publication_withheld(
            withheld_on, check_text(reason, "reason for withholding publication")
        )

    def _publication_withheld(self, withheld_on: date, reason: str) -> None:
        self.publication_withheld = Closure(withheld_on, reason)
        self.stage = S.PUBLICATION_WITHHELD
