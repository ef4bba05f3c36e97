"""``ReviewCost``: what one DHR is estimated to cost and what it actually cost, by category.

Kept apart from the review itself (``domain/reviews``) because money and case history are
read by different people; keyed by the review's id (``uuid5`` of "cost:" + review id), so
a review has exactly one cost record and finding it needs no index. Chairs' costs were
the surprise in the seeds, so categories are explicit rather than free text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.choices import choose
from domain.errors import InvalidValueError
from domain.funding.checks import check_date, check_text
from domain.funding.correcting import correct_cost
from domain.funding.incurred import Incurred, correct_incurred, corrected, dated
from domain.funding.money import check_pence
from domain.funding.plausible import check_plausible
from domain.recording import CaseRecord


class CostCategory(StrEnum):
    CHAIR = "chair"
    AUTHOR = "author"
    ADMIN = "admin"
    LEGAL = "legal"
    TRANSLATION = "translation"
    VENUE = "venue"
    OTHER = "other"


def check_category(category: object) -> CostCategory:
    refusal = "'{value}' is not a cost category; use one of {allowed}."
    return choose(CostCategory, str(category), refusal)


@dataclass(frozen=True)
class CostSummary:
    """A review's estimate against its actual cost, by category, for reports and the API."""

    review_id: UUID
    estimates: tuple[tuple[CostCategory, int], ...]
    actuals: tuple[tuple[CostCategory, int], ...]
    total_estimate: int
    total_actual: int
    incurred: tuple[Incurred, ...] = ()  # each cost incurred as recorded (and corrected)


class ReviewCost(CaseRecord):
    """Estimates (the latest per category counts) and actual costs incurred for one review."""

    KIND = "cost"

    @classmethod
    def start(cls, review_id: UUID) -> ReviewCost:
        if not isinstance(review_id, UUID):
            raise InvalidValueError("A review cost needs the review's id (a UUID).")
        return cls(review_id=review_id)

    @event("Started")
    def __init__(self, review_id: UUID) -> None:
        self.review_id = review_id
        self.estimates: dict[CostCategory, int] = {}
        self.actuals: dict[CostCategory, int] = {}
        self.last_dated: dict[str, date] = {}
        self.incurred: tuple[Incurred, ...] = ()
        self.first_estimated: date | None = None

    def estimate(
        self,
        category: CostCategory | str,
        amount: int,
        estimated_on: date,
        reason: str = "",
        *,
        incident_on: date,
        amount_confirmed: bool = False,
    ) -> None:
        """Set (or revise) the estimate for a category; a revision replaces the earlier one.
        It is dated the day it was made: not after today, not before the case's incident; far
        above what a review costs, only when ``amount_confirmed`` (``plausible``)."""
        self._estimate(
            check_category(category),
            check_plausible(
                check_pence(amount, "The estimate", allow_zero=True),
                "The estimate",
                amount_confirmed,
            ),
            dated(check_date(estimated_on, "The estimate date"), "The estimate", incident_on),
            reason,
        )

    @event("CostEstimated")
    def _estimate(
        self, category: CostCategory, amount: int, estimated_on: date, reason: str
    ) -> None:
        self.estimates[CostCategory(category)] = amount
        self.last_dated[f"estimate.{category}"] = estimated_on  # where a correction takes effect
        self.first_estimated = min(estimated_on, self.first_estimated or estimated_on)

    def record_actual(
        self,
        category: CostCategory | str,
        amount: int,
        incurred_on: date,
        description: str,
        *,
        incident_on: date,
        amount_confirmed: bool = False,
    ) -> None:
        """Add a cost actually incurred, e.g. an invoice from the independent author; not
        after today, not before the case's incident; far above what a review costs, only when
        ``amount_confirmed`` (``plausible``)."""
        self._record_actual(
            check_category(category),
            check_plausible(check_pence(amount, "The cost"), "The cost", amount_confirmed),
            dated(check_date(incurred_on, "The date incurred"), "The cost", incident_on),
            check_text(description, "What the cost was for"),
        )

    @event("ActualCostRecorded")
    def _record_actual(
        self, category: CostCategory, amount: int, incurred_on: date, description: str
    ) -> None:
        category = CostCategory(category)
        self.actuals[category] = self.actuals.get(category, 0) + amount
        self.last_dated[f"actual.{category}"] = incurred_on
        number = len(self.incurred) + 1
        entry = Incurred(number, category.value, amount, incurred_on, description)
        self.incurred = (*self.incurred, entry)

    @property
    def first_dated(self) -> date | None:
        """The earliest day any figure is dated: what the case's incident cannot be corrected
        past."""
        days = [e.incurred_on for e in self.incurred]
        return min([*days, self.first_estimated] if self.first_estimated else days, default=None)

    def correct(
        self,
        field: str,
        value: object,
        reason: str,
        amount_confirmed: bool = False,
        *,
        incident_on: date | None = None,
        today: date | None = None,
    ) -> None:
        """Put right a mis-keyed figure, a category's whole estimate or cost, or one cost
        incurred (``incurred.<number>.amount`` or ``.incurred_on``, dated as recording dates
        it: not after today, not before ``incident_on``); it takes effect when it did. A right
        amount far above what a review costs only when ``amount_confirmed``, as when first
        recorded."""
        if isinstance(field, str) and field.startswith("incurred."):
            totals = {str(k): v for k, v in self.actuals.items()}
            args = correct_incurred(
                self.incurred, field, value, reason, incident_on, today, amount_confirmed, totals
            )
            self._corrected(*args)
        else:
            self._corrected(*correct_cost(self, field, value, reason, amount_confirmed))

    @event("Corrected")
    def _corrected(
        self,
        field: str,
        value: Any,
        previous: Any,
        reason: str,
        effective_on: date,
        amount: int | None = None,
    ) -> None:
        """``amount``: on a cost incurred's corrected date, the money the correction moves
        (corrections stored before entries could be corrected have none)."""
        kind, _, category = field.partition(".")
        if kind == "incurred":
            self._entry_corrected(field, value, previous)
            return
        figures = self.estimates if kind == "estimate" else self.actuals
        key = next(k for k in figures if str(k) == category)
        figures[key] = value

    def _entry_corrected(self, field: str, value: Any, previous: Any) -> None:
        """One entry put right: its category's total moves by a corrected amount's difference,
        and a correction of that total takes effect on its last entry's date, as corrected."""
        self.incurred = corrected(self.incurred, field, value)
        category = CostCategory(self.incurred[int(field.split(".")[1]) - 1].category)
        if field.endswith(".amount"):
            self.actuals[category] += int(value) - int(previous)
        else:
            days = [e.incurred_on for e in self.incurred if e.category == category]
            self.last_dated[f"actual.{category}"] = days[-1]

    @property
    def total_estimate(self) -> int:
        return sum(self.estimates.values())

    @property
    def total_actual(self) -> int:
        return sum(self.actuals.values())

    def summary(self) -> CostSummary:
        order = list(CostCategory)
        return CostSummary(
            self.review_id,
            tuple(sorted(self.estimates.items(), key=lambda i: order.index(i[0]))),
            tuple(sorted(self.actuals.items(), key=lambda i: order.index(i[0]))),
            self.total_estimate,
            self.total_actual,
            self.incurred,
        )
