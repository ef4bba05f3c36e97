"""``ActionPlanIndex``: which recommendations and actions a tenant's master plan holds.

Saved in the same ``save`` as each new recommendation or action, so the plan never misses one
and never lists one that was not recorded. Replayed to a past version, it lists the plan as then.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.errors import DuplicateError, NotFoundError
from domain.recording import TenantRecord


class ActionPlanIndex(TenantRecord):
    KIND = "action-plan-index"

    @event("Started")
    def __init__(self, tenant_slug: str) -> None:
        self.tenant_slug = tenant_slug
        self.recommendations: dict[UUID, UUID] = {}  # recommendation id -> review id
        self.actions: dict[UUID, UUID] = {}  # action id -> recommendation id

    def list_recommendation(self, recommendation_id: UUID, review_id: UUID) -> None:
        if recommendation_id in self.recommendations:
            raise DuplicateError("That recommendation is already in the master action plan.")
        self._list_recommendation(recommendation_id=recommendation_id, review_id=review_id)

    @event("RecommendationListed")
    def _list_recommendation(self, recommendation_id: UUID, review_id: UUID) -> None:
        self.recommendations[recommendation_id] = review_id

    def list_action(self, action_id: UUID, recommendation_id: UUID) -> None:
        if recommendation_id not in self.recommendations:
            raise NotFoundError("No such recommendation in this partnership's action plan.")
        if action_id in self.actions:
            raise DuplicateError("That action is already in the master action plan.")
        self._list_action(action_id=action_id, recommendation_id=recommendation_id)

    @event("ActionListed")
    def _list_action(self, action_id: UUID, recommendation_id: UUID) -> None:
        self.actions[action_id] = recommendation_id

    def recommendations_of(self, review_id: UUID) -> tuple[UUID, ...]:
        return tuple(r for r, rv in self.recommendations.items() if rv == review_id)

    def actions_of(self, recommendation_id: UUID) -> tuple[UUID, ...]:
        return tuple(a for a, r in self.actions.items() if r == recommendation_id)
