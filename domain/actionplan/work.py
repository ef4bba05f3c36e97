"""Doing the work of an action: starting it, dated progress, evidence, and due-date changes.

A plain mixin of ``Action``: public methods check, then call a private state change that
``Action`` turns into a stored event. Due dates only move with a recorded reason.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.actionplan.values import (
    DONE_STATUSES,
    LIVE_STATUSES,
    ActionStatus,
    DueDateChange,
    Evidence,
    ImpactReview,
    ProgressUpdate,
    Supersession,
)
from domain.errors import InvalidTransitionError, InvalidValueError

S = ActionStatus


class ActionState:
    """The state every part of ``Action`` reads, and the status check they share."""

    id: UUID
    recommendation_id: UUID
    review_id: UUID
    owner: str
    description: str
    due_on: date
    not_before: date  # the day the recommendation was made
    status: ActionStatus
    progress: tuple[ProgressUpdate, ...]
    evidence: tuple[Evidence, ...]
    due_date_changes: tuple[DueDateChange, ...]
    completed_on: date | None
    confirmed_on: date | None
    confirmed_by: str | None
    impact_review_due_on: date | None
    impact_reviews: tuple[ImpactReview, ...]
    closure_reason: str | None
    supersession: Supersession | None
    # (day, status from that day, impact review due from that day), as recorded: 'on a day'
    timeline: tuple[tuple[date, ActionStatus, date | None], ...]

    def _dated(self, day: date) -> None:
        """Note the status (and impact review due) the action has from ``day``: state only."""
        entry = (day, self.status, self.impact_review_due_on)
        self.timeline = (*getattr(self, "timeline", ()), entry)

    def _check_status(self, allowed: frozenset[ActionStatus], doing: str) -> None:
        if self.status == S.SUPERSEDED and self.supersession is not None:
            by = self.supersession.by_action_id
            instead = f"record it on action {by} instead" if by else "record it on a live action"
            raise InvalidTransitionError(
                f"Cannot {doing}: this action was superseded on "
                f"{self.supersession.on.isoformat()}; {instead}."
            )
        if self.status not in allowed:
            raise InvalidTransitionError(
                f"Cannot {doing}: the action is {self.status}. It must be one of: "
                f"{', '.join(sorted(allowed))}."
            )


class ActionWork(ActionState):
    def start(self, started_on: date) -> None:
        self._check_status(frozenset({S.OPEN}), "start the action")
        check_not_before(started_on, self.not_before, "start")
        self._start(started_on)

    def _start(self, started_on: date) -> None:
        self.status = S.IN_PROGRESS
        self._dated(started_on)

    def record_progress(self, on: date, text: str) -> None:
        self._check_status(LIVE_STATUSES | DONE_STATUSES, "record progress")
        check_not_before(on, self.not_before, "have progress")
        if not text.strip():
            raise InvalidValueError("A progress update needs text saying what was done.")
        self._progress(on, text.strip())

    def _progress(self, on: date, text: str) -> None:
        self.progress += (ProgressUpdate(on, text),)

    def add_evidence(self, reference: str, added_on: date) -> None:
        self._check_status(LIVE_STATUSES | DONE_STATUSES, "add evidence")
        if not reference.strip():
            raise InvalidValueError("Give the evidence reference (document id, link or file name).")
        self._evidence(reference.strip(), added_on)

    def _evidence(self, reference: str, added_on: date) -> None:
        self.evidence += (Evidence(reference, added_on),)

    def change_due_date(self, new_due_on: date, reason: str, changed_on: date) -> None:
        self._check_status(LIVE_STATUSES, "change the due date")
        check_not_before(new_due_on, self.not_before, "be due")
        if new_due_on == self.due_on:
            raise InvalidValueError(f"The action is already due on {new_due_on.isoformat()}.")
        if not reason.strip():
            raise InvalidValueError("Say why the due date moves; it is never moved silently.")
        self._move_due(self.due_on, new_due_on, changed_on, reason.strip())

    def _move_due(self, previous: date, new: date, changed_on: date, reason: str) -> None:
        self.due_date_changes += (DueDateChange(previous, new, changed_on, reason),)
        self.due_on = new


def check_not_before(day: date, earliest: date, doing: str) -> None:
    if day < earliest:
        raise InvalidValueError(
            f"An action cannot {doing} on {day.isoformat()}: its recommendation was only made on "
            f"{earliest.isoformat()}. Use a date on or after that."
        )
