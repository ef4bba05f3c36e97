"""How an action ends: completion, the HOCS's confirmation and the impact review after it,
or closure without completion (not achievable, superseded). Each function checks one command
of ``Action`` and returns its event's arguments.

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
)
from domain.actionplan.work import (
    ActionState,
    check_in_order,
    check_not_before,
    check_status,
    last_started,
)
from domain.calendar import add_months
from domain.dating import check_happened
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.texts import required_text

S = ActionStatus


def complete(
    action: ActionState, completed_on: date, impact_review_after_months: int
) -> tuple[date, date]:
    check_status(action, LIVE_STATUSES, "complete the action")
    check_completed_on(action, completed_on)
    if isinstance(impact_review_after_months, bool) or impact_review_after_months < 1:
        raise InvalidValueError("The impact review interval must be a whole number of months.")
    return completed_on, add_months(completed_on, impact_review_after_months)


def check_completed_on(action: ActionState, completed_on: date) -> date:
    """A completion's date, recorded (``complete``) or corrected: not before the
    recommendation was made, not after today, not before the action was last started or
    reopened."""
    check_not_before(completed_on, action.not_before, "be completed")
    check_happened(completed_on, "The completion")
    latest = last_started(action)
    if latest is not None and completed_on < latest:
        raise InvalidValueError(
            f"The completion is dated {completed_on.isoformat()}, before the action was last "
            f"started or reopened ({latest.isoformat()}); use a date on or after that."
        )
    return completed_on


def confirm_completion(
    action: ActionState, confirmed_on: date, confirmed_by: str
) -> tuple[date, str]:
    if action.status == S.COMPLETION_CONFIRMED:
        raise InvalidTransitionError(
            f"Completion was already confirmed on {action.confirmed_on}; "
            "there is nothing more to confirm."
        )
    check_status(action, frozenset({S.COMPLETED}), "confirm completion")
    if action.completed_on is not None and confirmed_on < action.completed_on:
        raise InvalidValueError(
            f"Completion cannot be confirmed on {confirmed_on.isoformat()}, before the action "
            f"was completed ({action.completed_on})."
        )
    check_in_order(action, confirmed_on, "The sign-off")
    return check_happened(confirmed_on, "The sign-off"), confirmed_by


def review_impact(
    action: ActionState, reviewed_on: date, outcome: ImpactOutcome, notes: str
) -> tuple[date, ImpactOutcome, str]:
    outcome = ImpactOutcome(outcome)
    check_status(action, DONE_STATUSES, "review the impact")
    if action.impact_review_due_on is None:
        raise InvalidTransitionError(
            "The impact of this completion has already been reviewed; a new review is due "
            "only after the action is completed again."
        )
    if action.completed_on is not None and reviewed_on < action.completed_on:
        raise InvalidValueError(
            f"An impact review on {reviewed_on.isoformat()} would precede the completion "
            f"({action.completed_on}); use the date the review took place."
        )
    check_in_order(action, reviewed_on, "The impact review")
    return check_happened(reviewed_on, "The impact review"), outcome, notes.strip()


def mark_not_achievable(action: ActionState, on: date, reason: str) -> tuple[date, str]:
    check_status(action, LIVE_STATUSES, "mark the action not achievable")
    check_not_before(on, action.not_before, "be closed")
    check_in_order(action, on, "The closure")
    return check_happened(on, "The closure"), required_text(
        reason, "Say why the action is not achievable."
    )


def supersede(
    action: ActionState, on: date, reason: str, by_action_id: UUID | None
) -> tuple[date, str, UUID | None]:
    check_status(action, frozenset(S) - {S.SUPERSEDED}, "supersede the action")
    if by_action_id == action.id:
        raise InvalidValueError("An action cannot supersede itself; name the new action.")
    reason = required_text(reason, "Say why the action is superseded.")
    check_not_before(on, action.not_before, "be superseded")
    check_in_order(action, on, "The supersession")
    return check_happened(on, "The supersession"), reason, by_action_id
