"""What the action-plan use cases share: loading aggregates as domain errors, and the
tenant-local aggregates (taxonomy, index, settings) that are created on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.actionplan import (
    Action,
    ActionPlanIndex,
    PlanSettings,
    Recommendation,
    ReviewFindings,
)
from domain.calendar import uk_today
from domain.errors import NotFoundError
from domain.themes import Taxonomy, ThemeListing

if TYPE_CHECKING:
    from eventsourcing.application import Application

    _Base = Application[Any]
else:
    _Base = object

A = TypeVar("A")

_ACTION_PLAN_TYPES = (
    Action,
    Recommendation,
    ReviewFindings,
    ActionPlanIndex,
    PlanSettings,
    Taxonomy,
)


class ActionPlanSupport(_Base):
    tenant_slug: str
    # The current region's themes; set by ``TenantLedgers`` (None: no region, e.g. in unit tests).
    region_themes: Callable[[], ThemeListing] | None = None

    def _plan_load(self, aggregate_id: UUID, cls: type[A], what: str) -> A:
        aggregate: Any
        try:
            aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            aggregate = None
        if not isinstance(aggregate, cls):
            raise NotFoundError(f"No {what} with that id in this partnership; check the id.")
        return aggregate

    def _plan_require_review(self, review_id: UUID) -> None:
        review: Any
        try:
            review = self.repository.get(review_id)
        except AggregateNotFoundError:
            review = None
        if review is None or isinstance(review, _ACTION_PLAN_TYPES):
            raise NotFoundError(
                "No such review in this partnership; check its id, or record the review first."
            )

    def _plan_get_or_new(self, cls: type[A], aggregate_id: UUID, **kwargs: Any) -> A:
        try:
            return self._plan_load(aggregate_id, cls, cls.__name__)
        except NotFoundError:
            return cls(**kwargs)

    def _plan_taxonomy(self) -> Taxonomy:
        """The tenant's taxonomy (a fresh copy of the default until first saved), caught up
        with its region's themes: whoever saves it next records what the region changed, in
        the same transaction as the tag that relies on it."""
        taxonomy_id = Taxonomy.create_id(self.tenant_slug)
        try:
            taxonomy = self._plan_load(taxonomy_id, Taxonomy, "taxonomy")
        except NotFoundError:
            taxonomy = Taxonomy.from_default(self.tenant_slug)
        if self.region_themes is not None:
            taxonomy.follow_region(self.region_themes(), uk_today())
        return taxonomy

    def _plan_index(self) -> ActionPlanIndex:
        index_id = ActionPlanIndex.create_id(self.tenant_slug)
        return self._plan_get_or_new(ActionPlanIndex, index_id, tenant_slug=self.tenant_slug)

    def _plan_settings(self) -> PlanSettings:
        settings_id = PlanSettings.create_id(self.tenant_slug)
        return self._plan_get_or_new(PlanSettings, settings_id, tenant_slug=self.tenant_slug)
