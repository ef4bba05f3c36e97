"""``Action``: the work that implements a recommendation, from planned to impact-reviewed.

Each command checks through a plain function of ``work``, ``closing`` or ``correcting`` (which
returns the event's arguments), then calls its private ``@event`` method here, so every stored
event type of an action is ``Action.<Name>``. Every refusal says what forbids the command and
what to do instead, and records nothing.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.actionplan import closing, correcting, work
from domain.actionplan.values import (
    DONE_STATUSES,
    LIVE_STATUSES,
    ActionStatus,
    DueDateChange,
    Evidence,
    ImpactOutcome,
    ImpactReview,
    ProgressUpdate,
    Supersession,
)
from domain.actionplan.work import ActionState, check_not_before
from domain.calendar import add_months
from domain.recording import LedgerAggregate
from domain.texts import required_text

S = ActionStatus


class Action(ActionState, LedgerAggregate):
    @classmethod
    def plan(
        cls,
        recommendation_id: UUID,
        review_id: UUID,
        owner: str,
        description: str,
        due_on: date,
        recommendation_made_on: date,
        *,
        action_id: UUID | None = None,
    ) -> Action:
        """``action_id``: only for imports, which derive it from the sheet's references so a
        second import of the same sheet finds the action instead of planning it twice."""
        needs = "An action needs an owner agency and a description."
        owner, description = required_text(owner, needs), required_text(description, needs)
        check_not_before(due_on, recommendation_made_on, "be due")
        values: dict[str, Any] = {
            "recommendation_id": recommendation_id,
            "review_id": review_id,
            "owner": owner,
            "description": description,
            "due_on": due_on,
            "not_before": recommendation_made_on,
        }
        if action_id is None:
            return cls(**values)
        return cls._create(cls.Planned, id=action_id, **values)  # type: ignore[attr-defined]

    @event("Planned")
    def __init__(
        self,
        recommendation_id: UUID,
        review_id: UUID,
        owner: str,
        description: str,
        due_on: date,
        not_before: date,
    ) -> None:
        self.recommendation_id, self.review_id = recommendation_id, review_id
        self.owner, self.description = owner, description
        self.due_on, self.not_before = due_on, not_before
        self.status = ActionStatus.OPEN
        self.progress, self.evidence, self.due_date_changes, self.impact_reviews = (), (), (), ()
        self.completed_on = self.confirmed_on = self.impact_review_due_on = None
        self.confirmed_by = self.closure_reason = self.supersession = None
        self.timeline = ()

    # Doing the work (rules: ``work``).

    def start(self, started_on: date) -> None:
        self._start(work.start(self, started_on))

    @event("Started")
    def _start(self, started_on: date) -> None:
        self.status = S.IN_PROGRESS
        self._dated(started_on)

    def record_progress(self, on: date, text: str) -> None:
        self._progress(*work.record_progress(self, on, text))

    @event("ProgressRecorded")
    def _progress(self, on: date, text: str) -> None:
        self.progress += (ProgressUpdate(on, text),)

    def add_evidence(self, reference: str, added_on: date) -> None:
        self._evidence(*work.add_evidence(self, reference, added_on))

    @event("EvidenceAdded")
    def _evidence(self, reference: str, added_on: date) -> None:
        self.evidence += (Evidence(reference, added_on),)

    def change_due_date(self, new_due_on: date, reason: str, changed_on: date) -> None:
        self._move_due(*work.change_due_date(self, new_due_on, reason, changed_on))

    @event("DueDateChanged")
    def _move_due(self, previous: date, new: date, changed_on: date, reason: str) -> None:
        self.due_date_changes += (DueDateChange(previous, new, changed_on, reason),)
        self.due_on = new

    # How it ends (rules: ``closing``).

    def complete(self, completed_on: date, impact_review_after_months: int) -> None:
        self._complete(*closing.complete(self, completed_on, impact_review_after_months))

    @event("Completed")
    def _complete(self, completed_on: date, impact_review_due_on: date) -> None:
        self.status = S.COMPLETED
        self.completed_on, self.impact_review_due_on = completed_on, impact_review_due_on
        self.confirmed_on = self.confirmed_by = None
        self._dated(completed_on)

    def confirm_completion(self, confirmed_on: date, confirmed_by: str) -> None:
        self._confirm(*closing.confirm_completion(self, confirmed_on, confirmed_by))

    @event("CompletionConfirmed")
    def _confirm(self, confirmed_on: date, confirmed_by: str) -> None:
        self.status = S.COMPLETION_CONFIRMED
        self.confirmed_on, self.confirmed_by = confirmed_on, confirmed_by
        self._dated(confirmed_on)

    def review_impact(
        self, reviewed_on: date, outcome: ImpactOutcome, notes: str, next_review_months: int = 6
    ) -> None:
        """'Partly embedded' schedules the next review after the interval; 'not embedded' reopens."""
        reviewed_on, outcome, notes = closing.review_impact(self, reviewed_on, outcome, notes)
        self._review(reviewed_on, outcome, notes)
        if outcome == ImpactOutcome.PARTLY_EMBEDDED:
            self._schedule_next_review(add_months(reviewed_on, next_review_months))

    @event("ImpactReviewed")
    def _review(self, reviewed_on: date, outcome: ImpactOutcome, notes: str) -> None:
        review = ImpactReview(reviewed_on, ImpactOutcome(outcome), notes)
        self.impact_reviews += (review,)
        self.impact_review_due_on = None
        if review.outcome == ImpactOutcome.NOT_EMBEDDED:
            self.status = S.OPEN  # reopened: the work is not done until it is embedded
            self.completed_on = self.confirmed_on = self.confirmed_by = None
        self._dated(reviewed_on)

    @event("NextImpactReviewScheduled")
    def _schedule_next_review(self, next_review_due_on: date) -> None:
        self.impact_review_due_on = next_review_due_on
        self._dated(self.impact_reviews[-1].reviewed_on)

    def mark_not_achievable(self, on: date, reason: str) -> None:
        self._not_achievable(*closing.mark_not_achievable(self, on, reason))

    @event("MarkedNotAchievable")
    def _not_achievable(self, on: date, reason: str) -> None:
        self.status, self.closure_reason = S.NOT_ACHIEVABLE, reason
        self._dated(on)

    def supersede(self, on: date, reason: str, by_action_id: UUID | None = None) -> None:
        self._supersede(*closing.supersede(self, on, reason, by_action_id))

    @event("Superseded")
    def _supersede(self, on: date, reason: str, by_action_id: UUID | None) -> None:
        self.status, self.closure_reason = S.SUPERSEDED, reason
        self.supersession = Supersession(on, reason, by_action_id)
        self.impact_review_due_on = None
        self._dated(on)

    # Putting right a mis-keyed fact (rules: ``correcting``).

    def correct(self, field: str, value: object, reason: str) -> None:
        self._corrected(*correcting.correct_action(self, field, value, reason))

    @event("Corrected")
    def _corrected(self, field: str, value: Any, previous: Any, reason: str) -> None:
        correcting.apply_action_correction(self, field, value, previous)

    def follow_recommendation(self, made_on: date) -> bool:
        """Hold the action to its recommendation's corrected date made (the copy ``Planned``
        recorded as ``not_before``); False, recording nothing, if it already is. The
        recommendation's correction checked the date against this action's own."""
        if made_on == self.not_before:
            return False
        self._recommendation_date_corrected(made_on, self.not_before)
        return True

    @event("RecommendationDateCorrected")
    def _recommendation_date_corrected(self, made_on: date, previous: date) -> None:
        self.not_before = made_on

    def is_overdue(self, as_of: date) -> bool:
        """Still to be done and due before ``as_of``."""
        return self.status in LIVE_STATUSES and self.due_on < as_of

    @property
    def awaiting_impact_review(self) -> bool:
        """Completed (or confirmed) and the impact of that completion not yet reviewed."""
        return self.status in DONE_STATUSES and self.impact_review_due_on is not None

    def impact_review_overdue(self, as_of: date) -> bool:
        due = self.impact_review_due_on
        return self.awaiting_impact_review and due is not None and due < as_of

    @property
    def reopened(self) -> bool:
        return bool(self.impact_reviews) and self.status in LIVE_STATUSES

    def as_on(self, day: date) -> Action | None:
        """The action as it stood on a business day, from the facts as known now.

        None if its recommendation was only made later. Status, completion and the impact
        review due are those of the last dated step on or before ``day``.
        """
        if self.not_before > day:
            return None
        then = copy.deepcopy(self)
        then.status, then.completed_on, then.impact_review_due_on = S.OPEN, None, None
        for on, status, review_due in sorted(self.timeline, key=lambda entry: entry[0]):
            if on > day:
                break
            then.status, then.impact_review_due_on = status, review_due
            if status is S.COMPLETED and then.completed_on is None:  # not a review after it
                then.completed_on = on
            elif status in LIVE_STATUSES:
                then.completed_on = None
        then.confirmed_on = self.confirmed_on if then.status is S.COMPLETION_CONFIRMED else None
        then.progress = tuple(p for p in self.progress if p.on <= day)
        return then
