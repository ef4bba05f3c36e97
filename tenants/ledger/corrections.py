"""Use cases that correct a mis-keyed fact, one per kind of record: get → correct → save.

Each record's own ``correct`` checks the field, the value and the reason and records a
``Corrected`` event; nothing here decides what may be corrected.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.funding import ReviewCost


class CorrectionUseCases:
    def correct_review(self, review_id: UUID, field: str, value: object, reason: str) -> None:
        ledger: Any = self
        review = ledger.get_review(review_id)
        review.correct(field, value, reason)
        ledger.save(review)

    def correct_action(self, action_id: UUID, field: str, value: object, reason: str) -> None:
        ledger: Any = self
        action = ledger.get_action(action_id)
        action.correct(field, value, reason)
        ledger.save(action)

    def correct_recommendation(
        self, recommendation_id: UUID, field: str, value: object, reason: str
    ) -> None:
        ledger: Any = self
        recommendation = ledger.get_recommendation(recommendation_id)
        recommendation.correct(field, value, reason)
        ledger.save(recommendation)

    def correct_review_cost(self, review_id: UUID, field: str, value: object, reason: str) -> None:
        ledger: Any = self
        ledger.get_review(review_id)
        cost = ledger._funding_get(
            ReviewCost, ReviewCost.create_id(review_id), "cost record for that review"
        )
        cost.correct(field, value, reason)
        ledger.save(cost)

    def correct_contribution(self, budget_id: UUID, field: str, value: object, reason: str) -> None:
        ledger: Any = self
        budget = ledger.get_pooled_budget(budget_id)
        budget.correct(field, value, reason)
        ledger.save(budget)
