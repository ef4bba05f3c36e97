"""How an action ends: completion, the HOCS's confirmation and the impact review after it,
or closure without completion (not achievable, superseded). A plain mixin of ``Action``.

Completion schedules an impact review after the tenant's interval (passed in by the use case,
never looked up here). A 'not embedded' review reopens the action; the earlier completion stays
in the history.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.actionplan.values import (
    DONE_STATUSES,
    LIVE_STATUSES,
    ActionStatus,
    ImpactOutcome,
    ImpactReview,
    Supersession,
    add_months,
)
from domain.actionplan.work import ActionState, check_not_before
from domain.errors import InvalidTransitionError, InvalidValueError

S = ActionStatus


class ClosingAction(ActionState):
    def complete(self, completed_on: date, impact_review_after_months: int) -> None:
        self._check_status(LIVE_STATUSES, "complete the action")
        check_not_before(completed_on, self.not_before, "be completed")
        if isinstance(impact_review_after_months, bool) or impact_review_after_months < 1:
            raise InvalidValueError("The impact review interval must be a whole number of months.")
        self._complete(completed_on, add_months(completed_on, impact_review_after_months))

    def _complete(self, completed_on: date, impact_review_due_on: date) -> None:
        self.status = S.COMPLETED
        self.completed_on, self.impact_review_due_on = completed_on, impact_review_due_on
        self.confirmed_on = self.confirmed_by = None
        self._dated(completed_on)

    def confirm_completion(self, confirmed_on: date, confirmed_by: str) -> None:
        if self.status == S.COMPLETION_CONFIRMED:
            raise InvalidTransitionError(
                f"Completion was already confirmed on {self.confirmed_on} by {self.confirmed_by}; "
                "there is nothing more to confirm."
            )
        self._check_status(frozenset({S.COMPLETED}), "confirm completion")
        if self.completed_on is not None and confirmed_on < self.completed_on:
            raise InvalidValueError(
                f"Completion cannot be confirmed on {confirmed_on.isoformat()}, before the action "
                f"was completed ({self.completed_on})."
            )
        self._confirm(confirmed_on, confirmed_by)

    def _confirm(self, confirmed_on: date, confirmed_by: str) -> None:
        self.status = S.COMPLETION_CONFIRMED
        self.confirmed_on, self.confirmed_by = confirmed_on, confirmed_by
        self._dated(confirmed_on)

    def review_impact(
        self, reviewed_on: date, outcome: ImpactOutcome, notes: str, next_review_months: int = 6
    ) -> None:
        """'Partly embedded' schedules the next review after the interval; 'not embedded' reopens."""
        outcome = ImpactOutcome(outcome)
        self._check_status(DONE_STATUSES, "review the impact")
        if self.impact_review_due_on is None:
            raise InvalidTransitionError(
                "The impact of this completion has already been reviewed; a new review is due "
                "only after the action is completed again."
            )
        if self.completed_on is not None and reviewed_on < self.completed_on:
            raise InvalidValueError(
                f"An impact review on {reviewed_on.isoformat()} would precede the completion "
                f"({self.completed_on}); use the date the review took place."
            )
        self._review(reviewed_on, outcome, notes.strip())
        if outcome == ImpactOutcome.PARTLY_EMBEDDED:
            self._schedule_next_review(add_months(reviewed_on, next_review_months))

    def _schedule_next_review(self, next_review_due_on: date) -> None:
        self.impact_review_due_on = next_review_due_on
        self._dated(self.impact_reviews[-1].reviewed_on)

    def _review(self, reviewed_on: date, outcome: ImpactOutcome, notes: str) -> None:
        review = ImpactReview(reviewed_on, ImpactOutcome(outcome), notes)
        self.impact_reviews += (review,)
        self.impact_review_due_on = None
        if review.outcome == ImpactOutcome.NOT_EMBEDDED:
            self.status = S.OPEN  # reopened: the work is not done until it is embedded
            self.completed_on = self.confirmed_on = self.confirmed_by = None
        self._dated(reviewed_on)

    def mark_not_achievable(self, on: date, reason: str) -> None:
        self._check_status(LIVE_STATUSES, "mark the action not achievable")
        if not reason.strip():
            raise InvalidValueError("Say why the action is not achievable.")
        self._not_achievable(on, reason.strip())

    def _not_achievable(self, on: date, reason: str) -> None:
        self.status, self.closure_reason = S.NOT_ACHIEVABLE, reason
        self._dated(on)

    def supersede(self, on: date, reason: str, by_action_id: UUID | None = None) -> None:
        self._check_status(frozenset(S) - {S.SUPERSEDED}, "supersede the action")
        if by_action_id == self.id:
            raise InvalidValueError("An action cannot supersede itself; name the new action.")
        if not reason.strip():
            raise InvalidValueError("Say why the action is superseded.")
        self._supersede(on, reason.strip(), by_action_id)

    def _supersede(self, on: date, reason: str, by_action_id: UUID | None) -> None:
        self.status, self.closure_reason = S.SUPERSEDED, reason
        self.supersession = Supersession(on, reason, by_action_id)
        self.impact_review_due_on = None
        self._dated(on)
