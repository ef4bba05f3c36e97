"""Whether a death is reviewed: the CSP's decision, the Home Office's check, early closure.

Commands check, then call an event body; ``DomesticHomicideReview`` declares each body as an event.
"""

from __future__ import annotations

from datetime import date

from domain.errors import InvalidTransitionError
from domain.reviews.checks import check_text
from domain.reviews.records import Closure, Decision, DecisionCheck
from domain.reviews.state import COMPLETE, ReviewState
from domain.reviews.values import DecisionCheckOutcome, DecisionOutcome, ReviewStatus, coerce

S = ReviewStatus


class Deciding(ReviewState):
    def decide(
        self, decided_on: date, outcome: str, reason: str = "", *, today: date | None = None
    ) -> None:
        """Guidance expects it within a month of the incident; a refusal to review says why."""
        self._require("decide on", S.NOTIFIED, advice="A case is decided once.")
        choice = coerce(DecisionOutcome, outcome, "decision")
        self._check_dated(decided_on, "decision", today, ("notification", self.notified_on))
        if not choice.holds_review or reason:
            reason = check_text(reason, "reason for the decision")
        self._decided(decided_on, choice, reason)

    def _decided(self, decided_on: date, outcome: str, reason: str) -> None:
        self.decision = Decision(decided_on, DecisionOutcome(outcome), reason)
        self.stage = (
            S.UNDER_REVIEW if self.decision.outcome.holds_review else S.DECIDED_NOT_TO_REVIEW
        )

    def notify_home_office(self, notified_on: date, *, today: date | None = None) -> None:
        """The Home Office is told of every decision, review or not."""
        if self.decision is None or self.status is S.DECOMMISSIONED:
            raise InvalidTransitionError(
                f"Case {self.reference} has no decision to notify; record the decision first."
            )
        if self.home_office_notified_on is not None:
            raise InvalidTransitionError(
                f"The Home Office was already notified of case {self.reference}'s decision "
                f"on {self.home_office_notified_on}."
            )
        self._check_dated(
            notified_on, "Home Office notification", today, ("decision", self.decision.decided_on)
        )
        self._home_office_notified(notified_on)

    def _home_office_notified(self, notified_on: date) -> None:
        self.home_office_notified_on = notified_on

    def record_decision_check(
        self, checked_on: date, outcome: str, *, today: date | None = None
    ) -> None:
        """The QA panel checks refusals and may advise the Secretary of State to direct a review."""
        self._require("record the QA panel's check of the decision on", S.DECIDED_NOT_TO_REVIEW)
        if self.decision_check is not None:
            raise InvalidTransitionError(
                f"The QA panel's check of case {self.reference}'s decision is already recorded "
                f"({self.decision_check.outcome.value} on {self.decision_check.checked_on})."
            )
        choice = coerce(DecisionCheckOutcome, outcome, "QA check outcome")
        assert self.decision is not None
        self._check_dated(
            checked_on, "QA panel check", today, ("decision", self.decision.decided_on)
        )
        self._decision_checked(checked_on, choice)

    def _decision_checked(self, checked_on: date, outcome: str) -> None:
        self.decision_check = DecisionCheck(checked_on, DecisionCheckOutcome(outcome))

    def direct_review(self, directed_on: date, *, today: date | None = None) -> None:
        """A Secretary of State direction overturns a refusal: the case proceeds as a review."""
        self._require("record a direction to review", S.DECIDED_NOT_TO_REVIEW)
        assert self.decision is not None
        check = self.decision_check.checked_on if self.decision_check else None
        self._check_dated(
            directed_on,
            "direction to review",
            today,
            ("decision", self.decision.decided_on),
            ("QA panel check", check),
        )
        self._review_directed(directed_on)

    def _review_directed(self, directed_on: date) -> None:
        self.directed_on = directed_on
        self.stage = S.UNDER_REVIEW

    def decommission(
        self, home_office_agreed_on: date, reason: str, *, today: date | None = None
    ) -> None:
        """Only with the Home Office's agreement, dated the day it agreed; never after approval."""
        if self.status in (*COMPLETE, S.DECOMMISSIONED):
            raise InvalidTransitionError(
                f"Case {self.reference} is {self.status.value}; "
                "only a case not yet approved can be decommissioned."
            )
        decided = self.decision.decided_on if self.decision else None
        self._check_dated(
            home_office_agreed_on,
            "decommissioning",
            today,
            ("notification", self.notified_on),
            ("decision", decided),
        )
        self._decommissioned(
            home_office_agreed_on, check_text(reason, "reason for decommissioning")
        )

    def _decommissioned(self, home_office_agreed_on: date, reason: str) -> None:
        self.decommissioned = Closure(home_office_agreed_on, reason)
        self.stage = S.DECOMMISSIONED
