"""The action plan's vocabulary: statuses, scales and the small facts actions accumulate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.calendar import add_months
from domain.choices import EnumFields


class Judgement(StrEnum):
    """Whether a review judged the death predictable (or preventable)."""

    YES = "yes"
    NO = "no"
    NOT_DETERMINED = "not_determined"


class Scope(StrEnum):
    SINGLE_AGENCY = "single_agency"
    MULTI_AGENCY = "multi_agency"
    REGIONAL = "regional"
    NATIONAL = "national"


class ImplementationStatus(StrEnum):
    """The Domestic Abuse Commissioner's scale for national recommendations."""

    FULLY_IMPLEMENTED = "fully_implemented"
    ALREADY_HAPPENING = "already_happening"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NO_RESPONSE = "no_response"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    COMPLETION_CONFIRMED = "completion_confirmed"
    NOT_ACHIEVABLE = "not_achievable"
    SUPERSEDED = "superseded"


LIVE_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
DONE_STATUSES = frozenset({ActionStatus.COMPLETED, ActionStatus.COMPLETION_CONFIRMED})


class ImpactOutcome(StrEnum):
    EMBEDDED = "embedded"  # embedded in practice
    PARTLY_EMBEDDED = "partly_embedded"
    NOT_EMBEDDED = "not_embedded"  # reopens the action


@dataclass(frozen=True)
class Finding:
    number: int
    text: str
    theme_codes: tuple[str, ...]
    recorded_on: date


@dataclass(frozen=True)
class NationalResponse(EnumFields):
    status: ImplementationStatus
    received_on: date
    note: str


@dataclass(frozen=True)
class ProgressUpdate:
    on: date
    text: str


@dataclass(frozen=True)
class Evidence:
    reference: str
    added_on: date


@dataclass(frozen=True)
class DueDateChange:
    previous: date
    new: date
    changed_on: date
    reason: str


@dataclass(frozen=True)
class ImpactReview(EnumFields):
    reviewed_on: date
    outcome: ImpactOutcome
    notes: str


@dataclass(frozen=True)
class Supersession:
    on: date
    reason: str
    by_action_id: UUID | None


def review_moved(due: date, completed_on: date, corrected: date) -> date:
    """An impact review the same number of months after a corrected completion as it was
    after the one recorded."""
    months = (due.year - completed_on.year) * 12 + due.month - completed_on.month
    return add_months(corrected, months)
