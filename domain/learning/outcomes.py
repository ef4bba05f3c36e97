"""What became of a recommendation's actions, in the words a panel asks about: were they
completed, was the impact reviewed, was the change shown to be embedded in practice?
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.actionplan import Action, ActionStatus, ImpactOutcome
from domain.actionplan.values import DONE_STATUSES


class Outcome(StrEnum):
    """One word for the whole recommendation, worst news first when actions disagree."""

    NO_ACTIONS = "no_actions"
    OPEN = "open"  # some action still to be done
    NOT_EMBEDDED = "not_embedded"  # an impact review found the change did not stick
    COMPLETED_NOT_REVIEWED = "completed_impact_not_reviewed"
    PARTLY_EMBEDDED = "partly_embedded"
    EMBEDDED = "embedded"
    CLOSED_WITHOUT_COMPLETION = "closed_without_completion"  # not achievable or superseded


@dataclass(frozen=True)
class ActionOutcomes:
    actions: int
    completed: int
    impact_reviewed: int
    embedded: int
    first_completed_on: date | None  # when an action was first marked completed

    @classmethod
    def of(cls, actions: Iterable[Action]) -> ActionOutcomes:
        listed = list(actions)
        done = [a for a in listed if a.status in DONE_STATUSES or a.completed_on is not None]
        reviewed = [a for a in listed if a.impact_reviews]
        embedded = [a for a in reviewed if a.impact_reviews[-1].outcome == ImpactOutcome.EMBEDDED]
        completions = [a.completed_on for a in done if a.completed_on is not None]
        return cls(
            actions=len(listed),
            completed=len(done),
            impact_reviewed=len(reviewed),
            embedded=len(embedded),
            first_completed_on=min(completions) if completions else None,
        )

    def outcome(self, statuses: Iterable[ActionStatus] = ()) -> Outcome:
        """Summarise; ``statuses`` are the actions' current statuses (open ones decide first)."""
        current = set(statuses)
        if not self.actions:
            return Outcome.NO_ACTIONS
        if current & {ActionStatus.OPEN, ActionStatus.IN_PROGRESS}:
            return Outcome.OPEN
        if not self.completed:
            return Outcome.CLOSED_WITHOUT_COMPLETION
        if self.impact_reviewed < self.completed:
            return Outcome.COMPLETED_NOT_REVIEWED
        if self.embedded == self.impact_reviewed:
            return Outcome.EMBEDDED
        return Outcome.PARTLY_EMBEDDED if self.embedded else Outcome.NOT_EMBEDDED
