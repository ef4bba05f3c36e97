"""Correcting a mis-keyed fact of an action or a recommendation, with the reason.

Not the same as moving a due date (``change_due_date``): a move says the plan changed, a
correction says the record was wrong. Both keep the earlier value in the history. The
corrected record is held to the rules its commands enforce: nothing due or done before the
recommendation was made, no completion before the action was last started or reopened nor
after its confirmation or impact review; no recommendation made before the case's incident,
nor after any of its actions is due, started work, had progress or was completed; its number
as ``make`` writes it and never one another of the case has or had (``numbering``), its
themes at least one and any added known to the taxonomy, and no longer national once routed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from domain import correcting as c
from domain.actionplan.closing import check_completed_on
from domain.actionplan.numbering import Numbered, check_number, check_number_free
from domain.actionplan.values import DONE_STATUSES, ActionStatus, Scope, review_moved
from domain.actionplan.work import ActionState, check_not_before, held_to_recommendation
from domain.dating import check_happened, check_since_incident
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.texts import NAMED, WRITTEN
from domain.themes import ThemeKind

ACTION_FIELDS: dict[str, c.Parser] = {
    "owner": c.a_text(NAMED),
    "description": c.a_text(WRITTEN),
    "due_on": c.a_date,
    "completed_on": c.a_date,
}
RECOMMENDATION_FIELDS: dict[str, c.Parser] = {
    "text": c.a_text(WRITTEN),
    "made_on": c.a_date,
    "target_organisation": c.optional_text,
    "target_sector": c.optional_text,
    "reference": lambda value, _: check_number(value),
    "scope": c.one_of(Scope),
    "theme_codes": c.codes,
}


class Taggable(Protocol):
    """The tenant's taxonomy, as far as a correction of themes asks it."""

    def check_taggable(self, codes: Iterable[str], kind: ThemeKind) -> None: ...


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
        steps = action.timeline
        index = _completion_step(steps, previous)
        reviewed = [r.reviewed_on for r in action.impact_reviews if r.reviewed_on >= previous]
        if reviewed:
            raise InvalidTransitionError(
                f"The completion's impact was reviewed on {reviewed[0]}, and what that review "
                "decided stands; a completion is corrected before its impact is reviewed."
            )
        later = [on for on, _, _ in steps[index + 1 :]] if index is not None else []
        if action.confirmed_on:
            later.append(action.confirmed_on)
        if later and new > min(later):
            raise InvalidValueError(
                f"The completion cannot be {new}: the action was confirmed, impact-reviewed or "
                f"closed on {min(later)}. Correct those first, or check the date."
            )
    return field, new, previous, why


def apply_action_correction(action: ActionState, field: str, value: Any, previous: Any) -> None:
    """The body of ``Action.Corrected``: a new completion date moves the impact review with it,
    in the action's state and in every dated step from that completion on (its sign-off, a
    review that kept it complete), so the action read on any later day is the action now."""
    if field == "completed_on" and previous:
        _move_completion(action, previous, value)
    setattr(action, field, value)


def _move_completion(action: ActionState, previous: date, value: date) -> None:
    """The impact review the completion scheduled moves with it, the same number of months
    after; one a later review scheduled ("partly embedded") stays where that review put it."""
    steps = list(action.timeline)
    first = _completion_step(action.timeline, previous)
    own = steps[first][2] if first is not None else action.impact_review_due_on
    moved = None if own is None else review_moved(own, previous, value)
    if first is not None:
        steps[first] = (value, steps[first][1], moved)
        for i in range(first + 1, len(steps)):
            on, status, then_due = steps[i]
            if own is not None and then_due == own:
                steps[i] = (on, status, moved)
    action.timeline = tuple(steps)
    if action.impact_review_due_on == own:
        action.impact_review_due_on = moved


def _completion_step(steps: Sequence[tuple[date, Any, Any]], completed_on: date) -> int | None:
    """Which dated step recorded the completion dated ``completed_on``: the last step into
    "completed" from a live status on that day (a review that kept the action complete is
    not one)."""
    found = [
        i
        for i, (on, status, _) in enumerate(steps)
        if status == ActionStatus.COMPLETED
        and on == completed_on
        and (i == 0 or steps[i - 1][1] not in DONE_STATUSES)
    ]
    return found[-1] if found else None


class RecommendationState(Numbered, Protocol):
    made_on: date
    routed_on: date | None
    national_addressee: str | None
    target_organisation: str | None
    target_sector: str | None
    scope: Scope
    theme_codes: tuple[str, ...]


def correct_recommendation(
    recommendation: RecommendationState,
    field: str,
    value: object,
    reason: str,
    incident_on: date,
    actions: Sequence[ActionState],
    others: Iterable[Numbered] = (),
    themes: Taggable | None = None,
) -> tuple[str, Any, Any, str]:
    """Checks ``Recommendation.correct`` (``incident_on``: the case's; ``actions``: the
    recommendation's own; ``others``: the case's other recommendations; ``themes``: the
    tenant's taxonomy); returns the ``Corrected`` event's arguments."""
    field, new, previous, why = c.proposed(
        recommendation, field, value, reason, RECOMMENDATION_FIELDS, "a recommendation"
    )
    c.unchanged(field.replace("_", " "), previous, new)
    if field == "reference":
        check_number_free(new, others)
    if field == "theme_codes" and themes is not None:
        themes.check_taggable([t for t in new if t not in previous], ThemeKind.THEME)
    if field == "target_sector" and new and themes is not None:
        themes.check_taggable([new], ThemeKind.ADDRESSEE)
    if field == "scope":
        check_still_national(recommendation, new)
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


def check_still_national(recommendation: RecommendationState, scope: str) -> None:
    """A recommendation routed to a national body stays national: its routing and the
    answers on the Commissioner's scale would otherwise sit on a local one."""
    routed_on = recommendation.routed_on
    if routed_on is not None and scope != Scope.NATIONAL:
        raise InvalidTransitionError(
            f"Recommendation {recommendation.reference} was routed nationally to "
            f"{recommendation.national_addressee} on {routed_on.isoformat()}, so it stays "
            "national. If the report makes it a local recommendation, record that as a new "
            "recommendation and supersede this one's actions, saying why."
        )


def apply_recommendation_correction(recommendation: Any, field: str, value: Any) -> None:
    """The body of ``Recommendation.Corrected``: values as the recommendation holds them (a
    stored event gives back a scope as text and codes as a list); a number it leaves is
    kept among its former ones (``numbering``)."""
    if field == "reference":
        recommendation.former_references += (recommendation.reference,)
    if field == "scope":
        value = Scope(value)
    if field == "theme_codes":
        value = tuple(value)
    setattr(recommendation, field, value)


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
