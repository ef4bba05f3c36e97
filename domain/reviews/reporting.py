"""Writing up: overview report and executive summary drafted, action plan agreed, submitted.

A case goes to the Home Office QA panel only with all three in hand.
"""

from __future__ import annotations

from datetime import date

from domain.errors import InvalidTransitionError
from domain.reviews.state import WORKING, ReviewState
from domain.reviews.values import Document, ReviewStatus, coerce

S = ReviewStatus


class Reporting(ReviewState):
    def draft(self, document: str, drafted_on: date, *, today: date | None = None) -> None:
        """A revised draft (after QA feedback, say) replaces the date of the previous one."""
        self._require("record a draft for", *WORKING)
        kind = coerce(Document, document, "document")
        self._check_dated(
            drafted_on, "draft", today, ("decision to review", self.review_started_on)
        )
        self._drafted(kind, drafted_on)

    def _drafted(self, document: str, drafted_on: date) -> None:
        if Document(document) is Document.OVERVIEW_REPORT:
            self.overview_report_drafted_on = drafted_on
        else:
            self.executive_summary_drafted_on = drafted_on

    def agree_action_plan(self, agreed_on: date, *, today: date | None = None) -> None:
        self._require("agree the action plan for", *WORKING)
        self._check_dated(
            agreed_on,
            "action plan agreement",
            today,
            ("decision to review", self.review_started_on),
        )
        self._action_plan_agreed(agreed_on)

    def _action_plan_agreed(self, agreed_on: date) -> None:
        self.action_plan_agreed_on = agreed_on

    def submit(self, submitted_on: date, *, today: date | None = None) -> None:
        """The first submission; after QA feedback a case is resubmitted instead, point by point."""
        advice = "After QA feedback, resubmit with an answer to each point."
        self._require("submit", S.UNDER_REVIEW, advice=advice if self.feedback_rounds else "")
        missing = [
            label
            for label, done in (
                ("overview report", self.overview_report_drafted_on),
                ("executive summary", self.executive_summary_drafted_on),
                ("action plan", self.action_plan_agreed_on),
            )
            if done is None
        ]
        if missing:
            raise InvalidTransitionError(
                f"Case {self.reference} cannot be submitted without its {', '.join(missing)}; "
                "record them first."
            )
        self._check_dated(
            submitted_on,
            "submission",
            today,
            ("overview report draft", self.overview_report_drafted_on),
            ("executive summary draft", self.executive_summary_drafted_on),
            ("action plan agreement", self.action_plan_agreed_on),
        )
        self._submitted(submitted_on)

    def _submitted(self, submitted_on: date) -> None:
        self.submitted_on = submitted_on
        self.stage = S.SUBMITTED
