"""The cost of each DHR (``ledger.costs``): estimates against actuals, by category.

A case's cost record starts with its first estimate or actual; a correction needs the record.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from uuid import UUID

from domain.funding import (
    CostCategory,
    CostSummary,
    ReviewCost,
)
from tenants.application import LedgerApplication
from tenants.ledger.funding_support import FundingService
from tenants.ledger.reviews import Reviews


class Costs(FundingService):
    def __init__(self, app: LedgerApplication, reviews: Reviews) -> None:
        super().__init__(app)
        self.reviews = reviews

    def _of(self, review_id: UUID) -> ReviewCost:
        cost_id = ReviewCost.create_id(review_id)
        return self.find_or(cost_id, ReviewCost, lambda: ReviewCost.start(review_id))

    def _add(
        self,
        review_id: UUID,
        figure: Callable[..., None],
        *args: object,
        amount_confirmed: bool,
    ) -> None:
        """An estimate and a cost incurred are added alike: held to the case's incident date,
        the first of either starting the case's cost record."""
        incident_on = self.reviews.get(review_id).incident_on
        cost = self._of(review_id)
        figure(cost, *args, incident_on=incident_on, amount_confirmed=amount_confirmed)
        self.save(cost)

    def estimate(
        self,
        review_id: UUID,
        category: CostCategory | str,
        amount: int,
        estimated_on: date,
        reason: str = "",
        amount_confirmed: bool = False,
    ) -> None:
        """Set (or revise) one category's estimate, dated on or after the case's incident; an
        amount far above what one review costs only when ``amount_confirmed``."""
        self._add(
            review_id,
            ReviewCost.estimate,
            category,
            amount,
            estimated_on,
            reason,
            amount_confirmed=amount_confirmed,
        )

    def record(
        self,
        review_id: UUID,
        category: CostCategory | str,
        amount: int,
        incurred_on: date,
        description: str,
        amount_confirmed: bool = False,
    ) -> None:
        """Add a cost incurred, dated on or after the case's incident; an amount far above
        what one review costs only when ``amount_confirmed``."""
        self._add(
            review_id,
            ReviewCost.record_actual,
            category,
            amount,
            incurred_on,
            description,
            amount_confirmed=amount_confirmed,
        )

    def of_review(self, review_id: UUID) -> CostSummary:
        """Estimate against actual for one DHR, by category."""
        cost_id = ReviewCost.create_id(review_id)
        return self.stored(ReviewCost, cost_id, "cost record for that review").summary()

    def recorded(self, review_id: UUID, at: datetime | None = None) -> CostSummary | None:
        """The DHR's costs, or None until its first estimate or cost (pages list it as such);
        ``at``: as recorded by that instant (an auditor's copy of what a board saw)."""
        cost_id = ReviewCost.create_id(review_id)
        found = self.replayed(cost_id, at) if at else self.find(cost_id, ReviewCost)
        return found.summary() if isinstance(found, ReviewCost) else None

    def record_of(self, review_id: UUID) -> ReviewCost | None:
        """The DHR's cost record itself (its figures and version, for a correction's form),
        or None before its first estimate or cost."""
        return self.find(ReviewCost.create_id(review_id), ReviewCost)

    def correct(
        self,
        review_id: UUID,
        field: str,
        value: object,
        reason: str,
        amount_confirmed: bool = False,
    ) -> None:
        """Put right a category's figure or one cost incurred (its amount or its date, held
        to the case's incident as recording it was); an amount far above what one review costs
        only when ``amount_confirmed``, as when it is first recorded."""
        incident_on = self.reviews.get(review_id).incident_on
        cost = self.stored(
            ReviewCost, ReviewCost.create_id(review_id), "cost record for that review"
        )
        cost.correct(field, value, reason, amount_confirmed, incident_on=incident_on)
        self.save(cost)
