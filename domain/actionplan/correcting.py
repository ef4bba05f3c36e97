"""Correcting a mis-keyed fact of an action or a recommendation, with the reason.

Not the same as moving a due date (``change_due_date``): a move says the plan changed, a
correction says the record was wrong. Both keep the earlier value in the history. The
corrected record is held to the rules its commands enforce (nothing due or done before the
recommendation was made, no completion after its confirmation or impact review).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain import correcting as c
from domain.actionplan.values import add_months
from domain.actionplan.work import ActionState, check_not_before
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


class CorrectingAction(ActionState):
    def correct(self, field: str, value: object, reason: str) -> None:
        field = c.check_field(field, ACTION_FIELDS, "an action")
        why = c.check_reason(reason)
        new = ACTION_FIELDS[field](value, field.replace("_", " "))
        previous = getattr(self, field)
        if field == "completed_on" and previous is None:
            raise InvalidTransitionError(
                "The action has no completion to correct; record its completion instead."
            )
        c.unchanged(field, previous, new)
        if isinstance(new, date):
            check_not_before(
                new, self.not_before, "be due" if field == "due_on" else "be completed"
            )
        if field == "completed_on":
            later = [
                d for d in (self.confirmed_on, *(r.reviewed_on for r in self.impact_reviews)) if d
            ]
            if later and new > min(later):
                raise InvalidValueError(
                    f"The completion cannot be {new}: it was confirmed or impact-reviewed on "
                    f"{min(later)}. Correct those first, or check the date."
                )
        self._corrected(field, new, previous, why)

    def _corrected(self, field: str, value: Any, previous: Any, reason: str) -> None:
        if field == "completed_on" and self.impact_review_due_on is not None and previous:
            months = (self.impact_review_due_on.year - previous.year) * 12 + (
                self.impact_review_due_on.month - previous.month
            )
            self.impact_review_due_on = add_months(value, months)
        if field == "completed_on":
            self.timeline = tuple(
                (value, status, self.impact_review_due_on)
                if on == previous and status == "completed"
                else (on, status, due)
                for on, status, due in self.timeline
            )
        setattr(self, field, value)


class CorrectingRecommendation:
    made_on: date
    routed_on: date | None
    target_organisation: str | None
    target_sector: str | None

    def correct(self, field: str, value: object, reason: str) -> None:
        field = c.check_field(field, RECOMMENDATION_FIELDS, "a recommendation")
        why = c.check_reason(reason)
        new = RECOMMENDATION_FIELDS[field](value, field.replace("_", " "))
        previous = getattr(self, field)
        c.unchanged(field, previous, new)
        if field == "made_on" and self.routed_on is not None and new > self.routed_on:
            raise InvalidValueError(
                f"It cannot have been made on {new}, after it was routed nationally "
                f"({self.routed_on}); check the date."
            )
        organisation = new if field == "target_organisation" else self.target_organisation
        sector = new if field == "target_sector" else self.target_sector
        if organisation is None and not sector:
            raise InvalidValueError(
                "Say who the recommendation targets: a named organisation, a service sector, or both."
            )
        self._corrected(field, new, previous, why)

    def _corrected(self, field: str, value: Any, previous: Any, reason: str) -> None:
        setattr(self, field, value)
