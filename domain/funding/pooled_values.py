"""What a pooled budget remembers: its money movements, decisions not to call contributions,
planned allocations, variation requests and the variations approved.

All of these are state rebuilt by the budget's events (none travels inside an event), and
frozen so that a replayed budget equals the one saved. Movements are the single source a
statement is computed from, which is what makes statements reconcile to the penny.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from uuid import UUID

from domain.errors import InvalidValueError
from domain.funding.money import check_pence, pounds
from domain.funding.years import FinancialYear


class MovementKind(StrEnum):
    """How money moved in the pot: the reserve brought in on onboarding, money in, money out."""

    BROUGHT_FORWARD = "brought_forward"
    CONTRIBUTION = "contribution"
    SPEND = "spend"


@dataclass(frozen=True)
class Movement:
    """Money into or out of the pot on a date.

    ``year`` is the financial year of the date (cash basis); ``for_year`` is the year a
    contribution was due for, which differs when it was paid early.
    """

    kind: MovementKind
    on: date
    year: FinancialYear
    amount: int
    partner: str | None = None
    for_year: FinancialYear | None = None
    allocation: str | None = None
    review_id: UUID | None = None

    @property
    def signed(self) -> int:
        return -self.amount if self.kind is MovementKind.SPEND else self.amount


@dataclass(frozen=True)
class NotDrawnDown:
    """A decision not to call (part of) a partner's contribution for ``year``: simply not
    called (the pot did not need it), or ``deferred_to`` a later year, where the partner owes
    it instead. No money moves; what the partner owes does."""

    partner: str
    year: FinancialYear
    amount: int
    decided_on: date
    deferred_to: FinancialYear | None = None


@dataclass(frozen=True)
class PlannedAllocation:
    """Money earmarked for a purpose in a year, e.g. the business office £40,500, or chairs
    and authors at £8,500 per DHR × 3 expected DHRs."""

    year: FinancialYear
    key: str
    purpose: str
    amount: int
    per_dhr: int | None = None
    expected_dhrs: Fraction | None = None


@dataclass(frozen=True)
class VariationRequest:
    """A request to change a planned allocation; ``shortfall`` is how much more it asks for
    than was planned (negative when it asks for less)."""

    year: FinancialYear
    key: str
    amount: int
    shortfall: int
    requested_on: date
    requested_by: str
    reason: str


@dataclass(frozen=True)
class ApprovedVariation:
    """A variation approved: the allocation became ``amount`` (it was ``planned_before``) on
    ``decided_on``, a commitment to its payee until it is spent."""

    year: FinancialYear
    key: str
    amount: int
    planned_before: int
    decided_on: date


def dhrs_text(dhrs: Fraction) -> str:
    """Expected DHRs as people write them and ``parse_dhrs`` reads them back: 3, 2.5."""
    return str(dhrs.numerator) if dhrs.denominator == 1 else str(float(dhrs))


def parse_dhrs(value: object) -> Fraction:
    """Expected DHRs a year as an exact fraction: 3, '2.5' or Fraction(5, 2); never a float."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidValueError(
            "Give the expected number of DHRs as a whole number or as text "
            "such as '2.5', not a floating-point number."
        )
    try:
        dhrs = Fraction(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, ZeroDivisionError):
        raise InvalidValueError(
            f"'{value}' is not a number of DHRs; write it like 3 or '2.5'."
        ) from None
    if dhrs < 0:
        raise InvalidValueError("The expected number of DHRs cannot be negative.")
    return dhrs


def planned_amount(amount: int | None, per_dhr: int | None, dhrs: object | None) -> int:
    """The allocation in pence: given outright, or a per-DHR estimate × expected DHRs."""
    if per_dhr is None and dhrs is None:
        return check_pence(amount, "The planned allocation")
    if per_dhr is None or dhrs is None:
        raise InvalidValueError("Give both the per-DHR estimate and the expected number of DHRs.")
    total = check_pence(per_dhr, "The per-DHR estimate") * parse_dhrs(dhrs)
    if total.denominator != 1:
        raise InvalidValueError(
            "The per-DHR estimate × expected DHRs is not a whole number of "
            "pence; give the allocation's amount outright instead."
        )
    if amount is not None and amount != int(total):
        raise InvalidValueError(
            f"{pounds(amount)} is not the per-DHR estimate × DHRs "
            f"({pounds(int(total))}); give one or the other."
        )
    return int(total)
