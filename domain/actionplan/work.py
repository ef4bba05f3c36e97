"""Doing the work of an action: starting it, dated progress, evidence, and due-date changes.

``ActionState`` is the base of ``Action`` (the state every rule reads). Each function below
checks one command of ``Action`` and returns its event's arguments; a refusal raises and
records nothing. Due dates only move with a recorded reason.
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
from domain.dating import check_happened
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.texts import required_text

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


def check_status(action: ActionState, allowed: frozenset[ActionStatus], doing: str) -> None:
    if action.status == S.SUPERSEDED and action.supersession is not None:
        by = action.supersession.by_action_id
        instead = f"record it on action {by} instead" if by else "record it on a live action"
        raise InvalidTransitionError(
            f"Cannot {doing}: this action was superseded on "
            f"{action.supersession.on.isoformat()}; {instead}."
        )
    if action.status not in allowed:
        raise InvalidTransitionError(
            f"Cannot {doing}: the action is {_words(action.status)}; that needs an action that "
            f"is {' or '.join(sorted(_words(s) for s in allowed))}."
        )


def _words(status: ActionStatus) -> str:
    """A status as a sentence says it ('in progress'), not its stored value ('in_progress')."""
    return str(status).replace("_", " ")


def start(action: ActionState, started_on: date) -> date:
    check_status(action, frozenset({S.OPEN}), "start the action")
    check_not_before(started_on, action.not_before, "start")
    check_in_order(action, started_on, "The start")
    return check_happened(started_on, "The start of the action")


def record_progress(action: ActionState, on: date, text: str) -> tuple[date, str]:
    check_status(action, LIVE_STATUSES | DONE_STATUSES, "record progress")
    check_not_before(on, action.not_before, "have progress")
    return check_happened(on, "The progress update"), required_text(
        text, "A progress update needs text saying what was done."
    )


def add_evidence(action: ActionState, reference: str, added_on: date) -> tuple[str, date]:
    check_status(action, LIVE_STATUSES | DONE_STATUSES, "add evidence")
    reference = required_text(
        reference, "Give the evidence reference (document id, link or file name)."
    )
    return reference, check_happened(added_on, "The evidence")


def change_due_date(
    action: ActionState, new_due_on: date, reason: str, changed_on: date
) -> tuple[date, date, date, str]:
    check_status(action, LIVE_STATUSES, "change the due date")
    check_not_before(new_due_on, action.not_before, "be due")
    if new_due_on == action.due_on:
        raise InvalidValueError(f"The action is already due on {new_due_on.isoformat()}.")
    reason = required_text(reason, "Say why the due date moves; it is never moved silently.")
    return action.due_on, new_due_on, check_happened(changed_on, "The change of due date"), reason


def last_started(action: ActionState) -> date | None:
    """The day the action was last started or reopened (its latest step into a live status):
    what its completion, recorded or corrected, cannot precede."""
    timeline = getattr(action, "timeline", ())
    return max((day for day, status, _ in timeline if status in LIVE_STATUSES), default=None)


def held_to_recommendation(action: ActionState) -> list[tuple[date, str]]:
    """The action's dates its commands refuse before its recommendation was made (due,
    started, progress, completed, closed as not achievable or superseded), each with what
    happened on it ("started work")."""
    timeline = getattr(action, "timeline", ())
    steps = {
        S.IN_PROGRESS: "started work",
        S.COMPLETED: "was completed",
        S.NOT_ACHIEVABLE: "was closed as not achievable",
        S.SUPERSEDED: "was superseded",
    }
    return [
        (action.due_on, "is due"),
        *((p.on, "had progress recorded") for p in action.progress),
        *((day, steps[status]) for day, status, _ in timeline if status in steps),
    ]


def check_in_order(action: ActionState, day: date, what: str) -> None:
    """A step that changes the action's status is dated on or after its last such step: the
    action as it stood on any day (``Action.as_on``) is read from these dates in order, so one
    dated earlier would rewrite what it was then and leave it, read on a later day, not what
    it is now."""
    timeline = getattr(action, "timeline", ())
    latest = max((entry[0] for entry in timeline), default=None)
    if latest is not None and day < latest:
        raise InvalidValueError(
            f"{what} is dated {day.isoformat()}, before the action's last step "
            f"({latest.isoformat()}); steps are recorded in the order they happened, so use a "
            "date on or after that, or correct the earlier step's date first."
        )


def check_not_before(day: date, earliest: date, doing: str) -> None:
    if day < earliest:
        raise InvalidValueError(
            f"An action cannot {doing} on {day.isoformat()}: its recommendation was only made on "
            f"{earliest.isoformat()}. Use a date on or after that."
        )
