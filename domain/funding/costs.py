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
from uuid import UUID

from eventsourcing.domain import event

from domain.choices import choose
from domain.dating import check_happened, check_since_incident
from domain.errors import InvalidValueError
from domain.funding.checks import check_date, check_text
from domain.funding.correcting import correct_cost
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


def _dated(day: date, what: str, incident_on: date) -> date:
    """An estimate's or a cost's date: a day that has happened, on or after the incident."""
    return check_since_incident(check_happened(day, what), incident_on, what)


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
        # the earliest day any figure was dated: what the case's incident cannot be corrected past
        self.first_dated: date | None = None

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
            _dated(check_date(estimated_on, "The estimate date"), "The estimate", incident_on),
            reason,
        )

    @event("CostEstimated")
    def _estimate(
        self, category: CostCategory, amount: int, estimated_on: date, reason: str
    ) -> None:
        self.estimates[CostCategory(category)] = amount
        self.last_dated[f"estimate.{category}"] = estimated_on  # where a correction takes effect
        self.first_dated = min(estimated_on, self.first_dated or estimated_on)

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
            _dated(check_date(incurred_on, "The date incurred"), "The cost", incident_on),
            check_text(description, "What the cost was for"),
        )

    @event("ActualCostRecorded")
    def _record_actual(
        self, category: CostCategory, amount: int, incurred_on: date, description: str
    ) -> None:
        category = CostCategory(category)
        self.actuals[category] = self.actuals.get(category, 0) + amount
        self.last_dated[f"actual.{category}"] = incurred_on
        self.first_dated = min(incurred_on, self.first_dated or incurred_on)

    def correct(
        self, field: str, value: object, reason: str, amount_confirmed: bool = False
    ) -> None:
        """Put right a mis-keyed figure (rules: ``correcting``); it takes effect when it did."""
        self._corrected(*correct_cost(self, field, value, reason, amount_confirmed))

    @event("Corrected")
    def _corrected(
        self, field: str, value: int, previous: int, reason: str, effective_on: date
    ) -> None:
        kind, _, category = field.partition(".")
        figures = self.estimates if kind == "estimate" else self.actuals
        key = next(k for k in figures if str(k) == category)
        figures[key] = value

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
        )
