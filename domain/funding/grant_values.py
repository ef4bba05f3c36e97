"""What a budget line holds: business cases with their costed lines, decisions, allocations.

``AmountLine`` travels inside events; the others are the budget line's state, rebuilt by
its events and frozen so that a replayed budget line compares equal to the one saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidValueError
from domain.funding.money import check_pence


@dataclass(frozen=True)
class AmountLine:
    """One costed line of a bid, e.g. 'Consultancy/research' £20,000 (2000000 pence). Built
    again from every stored event, so it checks only what it always has; the business case
    holds its purpose to the rule for required text when it is submitted (``bidding``)."""

    purpose: str
    pence: int

    def __post_init__(self) -> None:
        if not isinstance(self.purpose, str) or not self.purpose.strip():
            raise InvalidValueError("What the money is for is required; enter it as text.")
        check_pence(self.pence, f"The amount for '{self.purpose}'")


@dataclass(frozen=True)
class BusinessCase:
    """A bid against a budget line. ``sought`` is the sum of its lines, never typed twice."""

    reference: str
    title: str
    submitted_by: str
    lines: tuple[AmountLine, ...]
    submitted_on: date
    withdrawn_on: date | None = None
    withdrawal_reason: str = ""
    decision_number: str | None = None

    @property
    def sought(self) -> int:
        return sum(line.pence for line in self.lines)


@dataclass(frozen=True)
class GrantDecision:
    """A numbered decision (e.g. 036/2013): what was approved, by whom, on what conditions.

    ``approved`` is the amount committed now, after any variation; ``first_approved`` is
    what the decision notice said, kept for the auditor.
    """

    number: str
    case_reference: str | None
    decided_on: date
    decision_maker: str
    first_approved: int
    approved: int
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class GrantEntry:
    """One allocation or one payment as recorded (or as corrected), numbered from 1 among
    its kind in the order recorded: what a correction names."""

    number: int
    decision_number: str
    tenant: str
    amount: int
    on: date


@dataclass(frozen=True)
class GrantAllocation:
    """Money under one decision passported to one tenant, and what was paid and clawed back.

    A clawback returns paid money and reduces the award by the same amount, so the freed
    money can be allocated elsewhere (or released by varying the decision) but is not
    paid to the same tenant again by accident.
    """

    decision_number: str
    tenant: str
    allocated: int
    paid: int = 0
    clawed_back: int = 0

    @property
    def awarded(self) -> int:
        return self.allocated - self.clawed_back

    @property
    def unpaid(self) -> int:
        return self.allocated - self.paid

    @property
    def net_paid(self) -> int:
        return self.paid - self.clawed_back
