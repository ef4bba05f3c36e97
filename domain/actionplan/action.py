"""``Action``: the work that implements a recommendation, from planned to impact-reviewed.

The commands live in mixins beside their rules (work.py, closing.py); this class names every
event once, so all stored event types of an action are ``Action.<Name>``. Every refusal says
what forbids the command and what to do instead, and records nothing.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.actionplan.closing import ClosingAction
from domain.actionplan.correcting import CorrectingAction
from domain.actionplan.values import DONE_STATUSES, LIVE_STATUSES, ActionStatus
from domain.actionplan.work import ActionWork, check_not_before
from domain.errors import InvalidValueError
from domain.recording import LedgerAggregate

S = ActionStatus


class Action(ActionWork, ClosingAction, CorrectingAction, LedgerAggregate):
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
        if not owner.strip() or not description.strip():
            raise InvalidValueError("An action needs an owner agency and a description.")
        check_not_before(due_on, recommendation_made_on, "be due")
        values: dict[str, Any] = {
            "recommendation_id": recommendation_id,
            "review_id": review_id,
            "owner": owner.strip(),
            "description": description.strip(),
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

    # Each line turns a mixin's state change into a stored event of that name.
    _start = event("Started")(ActionWork._start)
    _progress = event("ProgressRecorded")(ActionWork._progress)
    _evidence = event("EvidenceAdded")(ActionWork._evidence)
    _move_due = event("DueDateChanged")(ActionWork._move_due)
    _complete = event("Completed")(ClosingAction._complete)
    _confirm = event("CompletionConfirmed")(ClosingAction._confirm)
    _review = event("ImpactReviewed")(ClosingAction._review)
    _not_achievable = event("MarkedNotAchievable")(ClosingAction._not_achievable)
    _supersede = event("Superseded")(ClosingAction._supersede)
    _corrected = event("Corrected")(CorrectingAction._corrected)
    _schedule_next_review = event("NextImpactReviewScheduled")(ClosingAction._schedule_next_review)

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
            if status is S.COMPLETED:
                then.completed_on = on
            elif status in LIVE_STATUSES:
                then.completed_on = None
        then.confirmed_on = self.confirmed_on if then.status is S.COMPLETION_CONFIRMED else None
        then.progress = tuple(p for p in self.progress if p.on <= day)
        return then
