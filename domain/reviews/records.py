"""What a case remembers about each step: immutable records, so replays and snapshots compare equal.

Enum fields are coerced back after a snapshot returns them as plain strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.reviews.values import (
    DecisionCheckOutcome,
    DecisionOutcome,
    FamilyMilestone,
    PauseReason,
)


@dataclass(frozen=True)
class Decision:
    decided_on: date
    outcome: DecisionOutcome
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcome", DecisionOutcome(self.outcome))


@dataclass(frozen=True)
class DecisionCheck:
    """The Home Office QA panel's view of a decision not to review."""

    checked_on: date
    outcome: DecisionCheckOutcome

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcome", DecisionCheckOutcome(self.outcome))


@dataclass(frozen=True)
class Commission:
    """Chair and author by reference or role label only, never by name; they may be one person."""

    commissioned_on: date
    chair_ref: str
    author_ref: str
    cost_pence: int


@dataclass(frozen=True)
class Imr:
    """An Individual Management Review asked of one agency; did it come with a chronology?"""

    agency: str
    requested_on: date
    received_on: date | None = None
    with_chronology: bool = False

    def is_for(self, agency: str) -> bool:
        return self.agency.casefold() == agency.strip().casefold()


@dataclass(frozen=True)
class Pause:
    """A pause for parallel proceedings; recorded, never hidden, and excluded from timeliness."""

    paused_on: date
    reason: PauseReason
    note: str = ""
    resumed_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", PauseReason(self.reason))

    def days_within(self, start: date, end: date) -> int:
        """Paused days falling between ``start`` and ``end``; an open pause runs to ``end``."""
        stop = min(self.resumed_on or end, end)
        return max(0, (stop - max(self.paused_on, start)).days)


@dataclass(frozen=True)
class Closure:
    """How and when a case stopped short of publication: decommissioned, or publication withheld."""

    closed_on: date
    reason: str


@dataclass(frozen=True)
class FamilyInvolvement:
    milestone: FamilyMilestone
    occurred_on: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "milestone", FamilyMilestone(self.milestone))
