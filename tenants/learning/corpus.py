"""Every recommendation of a tenant with its outcome, read through the tenant's own use cases.

Texts stay in the tenants' stores: this keeps them in memory only, per tenant, and reads a
tenant again only when its store has recorded something since (its notification id moved).
"""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.actionplan import ActionPlanIndex
from domain.actionplan.values import LIVE_STATUSES
from domain.learning import ActionOutcomes, EarlierRecommendation
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tenants.registry import TenantInfo


def read_tenant(ledger: PartnershipLedger, region: str) -> tuple[EarlierRecommendation, ...]:
    """The tenant's recommendations, whatever their review's stage, with their outcomes."""
    try:
        index: Any = ledger.repository.get(ActionPlanIndex.create_id(ledger.tenant_slug))
    except AggregateNotFoundError:
        return ()
    if not isinstance(index, ActionPlanIndex):
        return ()
    published: dict[UUID, bool] = {}
    records = []
    for rec_id, review_id in index.recommendations.items():
        if review_id not in published:
            review = ledger.get_review(review_id)
            published[review_id] = review.published_on is not None
        rec = ledger.get_recommendation(rec_id)
        actions = [ledger.get_action(a) for a in index.actions_of(rec_id)]
        outcomes = ActionOutcomes.of(actions)
        records.append(
            EarlierRecommendation(
                tenant=ledger.tenant_slug,
                region=region,
                recommendation_id=rec.id,
                review_id=review_id,
                text=rec.text,
                scope=rec.scope,
                theme_codes=tuple(rec.theme_codes),
                addressee=rec.target_sector,
                organisation=rec.target_organisation,
                made_on=rec.made_on,
                published=published[review_id],
                outcomes=outcomes,
                outcome=outcomes.outcome(a.status for a in actions),
                open_actions=any(a.status in LIVE_STATUSES for a in actions),
                national_status=str(rec.national_status or "not_routed"),
            )
        )
    return tuple(records)


class RecommendationCorpus:
    """In-memory, per process; one entry per tenant, valid while its store is unchanged."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[int, str, tuple[EarlierRecommendation, ...]]] = {}

    def of_tenant(self, info: TenantInfo) -> tuple[EarlierRecommendation, ...]:
        with self.platform.ledgers.lease(info.slug, writing=False) as ledger:
            position = ledger.recorder.max_notification_id() or 0
            with self._lock:
                cached = self._cache.get(info.slug)
            if cached is not None and cached[0] == position and cached[1] == info.region:
                return cached[2]
            records = read_tenant(ledger, info.region)
        with self._lock:
            self._cache[info.slug] = (position, info.region, records)
        return records

    def of_tenants(self, tenants: list[TenantInfo]) -> list[EarlierRecommendation]:
        return [r for info in tenants for r in self.of_tenant(info)]
