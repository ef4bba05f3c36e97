"""Correcting a mis-keyed fact of an action or a recommendation, with the reason.

Not the same as moving a due date (``change_due_date``): a move says the plan changed, a
correction says the record was wrong. Both keep the earlier value in the history. The
corrected record is held to the rules its commands enforce: nothing due or done before the
recommendation was made, no completion before the action was last started or reopened nor
after its confirmation or impact review; no recommendation made before the case's incident,
nor after any of its actions is due, started work, had progress or was completed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from domain import correcting as c
from domain.actionplan.closing import check_completed_on
from domain.actionplan.values import add_months
from domain.actionplan.work import ActionState, check_not_before, held_to_recommendation
from domain.dating import check_happened, check_since_incident
from domain.errors import InvalidTransitionError, InvalidValueError

ACTION_FIELDS: dict[str, c.Parser] = {
    "owner": c.a_text(200),
    "description": c.a_text(2000),
    "due_on": c.a_date,
    "completed_on": c.a_date,
}
RECOMMENDATION_FIELDS: dict[str, c.Parser] = {
    "text": c.a_text(4000),
    "made_on": c.a_date,
    "target_organisation": c.optional_text,
    "target_sector": c.optional_text,
}


def correct_action(
    action: ActionState, field: str, value: object, reason: str
) -> tuple[str, Any, Any, str]:
    """Checks ``Action.correct``; returns the ``Corrected`` event's arguments."""
    field, new, previous, why = c.proposed(action, field, value, reason, ACTION_FIELDS, "an action")
    if field == "completed_on" and previous is None:
        raise InvalidTransitionError(
            "The action has no completion to correct; record its completion instead."
        )
    c.unchanged(field, previous, new)
    if field == "due_on":
        check_not_before(new, action.not_before, "be due")
    if field == "completed_on":
        check_completed_on(action, new)
        later = [
            d for d in (action.confirmed_on, *(r.reviewed_on for r in action.impact_reviews)) if d
        ]
        if later and new > min(later):
            raise InvalidValueError(
                f"The completion cannot be {new}: it was confirmed or impact-reviewed on "
                f"{min(later)}. Correct those first, or check the date."
            )
    return field, new, previous, why


def apply_action_correction(action: ActionState, field: str, value: Any, previous: Any) -> None:
    """The body of ``Action.Corrected``: a new completion date moves the impact review with it."""
    if field == "completed_on" and action.impact_review_due_on is not None and previous:
        months = (action.impact_review_due_on.year - previous.year) * 12 + (
            action.impact_review_due_on.month - previous.month
        )
        action.impact_review_due_on = add_months(value, months)
    if field == "completed_on":
        action.timeline = tuple(
            (value, status, action.impact_review_due_on)
            if on == previous and status == "completed"
            else (on, status, due)
            for on, status, due in action.timeline
        )
    setattr(action, field, value)


class RecommendationState(Protocol):
    made_on: date
    routed_on: date | None
    target_organisation: str | None
    target_sector: str | None


def correct_recommendation(
    recommendation: RecommendationState,
    field: str,
    value: object,
    reason: str,
    incident_on: date,
    actions: Sequence[ActionState],
) -> tuple[str, Any, Any, str]:
    """Checks ``Recommendation.correct`` (``incident_on``: the case's; ``actions``: the
    recommendation's own); returns the ``Corrected`` event's arguments."""
    field, new, previous, why = c.proposed(
        recommendation, field, value, reason, RECOMMENDATION_FIELDS, "a recommendation"
    )
    c.unchanged(field, previous, new)
    if field == "made_on":
        check_happened(new, "The recommendation")
        check_since_incident(new, incident_on, "The recommendation")
        check_made_before_actions(new, actions)
    routed_on = recommendation.routed_on
    if field == "made_on" and routed_on is not None and new > routed_on:
        raise InvalidValueError(
            f"It cannot have been made on {new}, after it was routed nationally "
            f"({routed_on}); check the date."
        )
    organisation = new if field == "target_organisation" else recommendation.target_organisation
    sector = new if field == "target_sector" else recommendation.target_sector
    if organisation is None and not sector:
        raise InvalidValueError(
            "Say who the recommendation targets: a named organisation, a service sector, or both."
        )
    return field, new, previous, why


def check_made_before_actions(made_on: date, actions: Sequence[ActionState]) -> None:
    """Refuse a recommendation's date after a day its actions were held to (``work``'s rule:
    nothing due or done before the recommendation was made)."""
    held = [dated for action in actions for dated in held_to_recommendation(action)]
    if not held:
        return
    day, what = min(held)
    if made_on > day:
        raise InvalidValueError(
            f"The recommendation cannot have been made on {made_on.isoformat()}: one of its "
            f"actions {what} on {day.isoformat()}. Use a date on or before {day.isoformat()}, "
            "or correct that action first."
        )
