"""What a case remembers about each step: immutable records, so replays and snapshots compare equal.

Records with enum fields take ``EnumFields``, so a snapshot's plain strings come back as members.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from domain.choices import EnumFields
from domain.reviews.values import (
    DecisionCheckOutcome,
    DecisionOutcome,
    FamilyMilestone,
    ImrOutcome,
    PauseReason,
)


@dataclass(frozen=True)
class Decision(EnumFields):
    decided_on: date
    outcome: DecisionOutcome
    reason: str


@dataclass(frozen=True)
class DecisionCheck(EnumFields):
    """The Home Office QA panel's view of a decision not to review."""

    checked_on: date
    outcome: DecisionCheckOutcome


@dataclass(frozen=True)
class Commission:
    """Chair and author by reference or role label only, never by name; they may be one person."""

    commissioned_on: date
    chair_ref: str
    author_ref: str
    cost_pence: int


@dataclass(frozen=True)
class ImrExtension:
    """More time agreed with an agency, and why; the clock then runs to the new date."""

    extended_on: date
    due_on: date
    reason: str


@dataclass(frozen=True)
class ImrExtensionRequest:
    """An agency's own request for more time, and the panel's answer to it.

    Only the panel extends an IMR; kept so that the officer sees what was asked and an auditor
    sees that the agency asked in time. Open until the panel agrees (an extension, perhaps to
    another date), refuses with a reason the agency sees, or the IMR arrives first.
    """

    asked_on: date
    due_on: date  # the date the agency proposed
    reason: str
    agreed_on: date | None = None
    agreed_due_on: date | None = None  # the extension's date, which the panel may change
    refused_on: date | None = None
    refusal: str = ""
    overtaken_on: date | None = None  # the IMR arrived before the panel answered

    @property
    def open(self) -> bool:
        return self.agreed_on is None and self.refused_on is None and self.overtaken_on is None

    @property
    def agreed_as_asked(self) -> bool:
        """Agreed to the very date the agency proposed; agreed to another date is a different
        decision, which the pages and history name with both dates."""
        return self.agreed_on is not None and self.agreed_due_on == self.due_on


@dataclass(frozen=True)
class ImrAssessment(EnumFields):
    """The panel's view of an IMR: accepted, or returned for more work with the points to fix."""

    assessed_on: date
    outcome: ImrOutcome
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Imr:
    """An Individual Management Review asked of one agency, and its clock.

    Cases recorded before due dates existed have ``due_on`` None: they have no clock to be late
    against. ``received_on`` is the latest receipt; a returned IMR is outstanding again.
    """

    agency: str
    requested_on: date
    received_on: date | None = None
    with_chronology: bool = False
    due_on: date | None = None
    extensions: tuple[ImrExtension, ...] = ()
    chased_on: tuple[date, ...] = ()
    assessments: tuple[ImrAssessment, ...] = ()
    receipts: int = 0
    extension_requests: tuple[ImrExtensionRequest, ...] = ()
    with_report: bool = False  # the latest receipt had the agency's report attached here

    @property
    def open_extension_request(self) -> ImrExtensionRequest | None:
        """The agency's request for more time the panel has not answered yet (one at a time)."""
        last = self.extension_requests[-1] if self.extension_requests else None
        return last if last is not None and last.open else None

    def answering_request(
        self, change: Callable[[ImrExtensionRequest], ImrExtensionRequest]
    ) -> Imr:
        """This IMR with its open request for more time answered by ``change`` (none open:
        unchanged), for the event bodies that answer it."""
        request = self.open_extension_request
        if request is None:
            return self
        return replace(self, extension_requests=(*self.extension_requests[:-1], change(request)))

    def is_for(self, agency: str) -> bool:
        return self.agency.casefold() == agency.strip().casefold()

    @property
    def current_due_on(self) -> date | None:
        return self.extensions[-1].due_on if self.extensions else self.due_on

    @property
    def returned(self) -> bool:
        """Returned for more work and not yet sent back: each assessment answers one receipt."""
        return (
            bool(self.assessments)
            and self.assessments[-1].outcome is ImrOutcome.RETURNED
            and len(self.assessments) == self.receipts
        )

    @property
    def outstanding(self) -> bool:
        return self.received_on is None or self.returned

    @property
    def awaiting_assessment(self) -> bool:
        return self.received_on is not None and len(self.assessments) < self.receipts

    @property
    def accepted(self) -> bool:
        return bool(self.assessments) and self.assessments[-1].outcome is ImrOutcome.ACCEPTED

    def days_late(self, as_of: date) -> int | None:
        """Days past the (extended) due date: to the latest receipt, or to ``as_of`` while awaited.

        None when no due date was set. A returned IMR is late again once past its due date.
        """
        due = self.current_due_on
        if due is None:
            return None
        end = as_of if self.outstanding or self.received_on is None else self.received_on
        return max(0, (end - due).days)


@dataclass(frozen=True)
class Pause(EnumFields):
    """A pause for parallel proceedings; recorded, never hidden, and excluded from timeliness."""

    paused_on: date
    reason: PauseReason
    note: str = ""
    resumed_on: date | None = None

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
class FamilyInvolvement(EnumFields):
    milestone: FamilyMilestone
    occurred_on: date
