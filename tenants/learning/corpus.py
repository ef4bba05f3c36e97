"""Every recommendation of a tenant with its outcome, read through the tenant's own use cases.

Texts stay in the tenants' stores: this keeps them in memory only, per tenant, and reads a
tenant again only when its store has recorded something since (its notification id moved).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from domain.actionplan import ActionPlanIndex
from domain.actionplan.values import LIVE_STATUSES
from domain.learning import ActionOutcomes, EarlierRecommendation
from tenants.learning.similarity import FittedIndex
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tenants.registry import TenantInfo
from tenants.unreadable import LeftOut

T = TypeVar("T")
READER = "earlier recommendations"


def read_tenant(
    ledger: PartnershipLedger,
    region: str,
    at: datetime | None = None,
    left_out: LeftOut | None = None,
) -> tuple[EarlierRecommendation, ...]:
    """The tenant's recommendations, whatever their review's stage, with their outcomes;
    ``at``: each as the ledger had recorded it by then (a board paper's copy for an auditor).

    A recommendation whose own record, review or action cannot be read is left out (noted in
    ``left_out``), so one altered event never stops the region's or the country's lookups."""
    skipped = LeftOut(READER, ledger.tenant_slug) if left_out is None else left_out

    def load(record_id: UUID) -> Any:
        if at is not None:
            return skipped.load(record_id, lambda: ledger.plan.replayed(record_id, at))
        return skipped.load(record_id, lambda: ledger.repository.get(record_id))

    index_id = ActionPlanIndex.create_id(ledger.tenant_slug)
    index = (
        skipped.load(index_id, lambda: ledger.find(index_id, ActionPlanIndex))
        if at is None
        else load(index_id)
    )
    if not isinstance(index, ActionPlanIndex):
        return ()
    published: dict[UUID, bool | None] = {}
    records = []
    for rec_id, review_id in index.recommendations.items():
        if review_id not in published:
            review = load(review_id)
            published[review_id] = None if review is None else review.published_on is not None
        rec = load(rec_id)
        actions = [load(a) for a in index.actions_of(rec_id)]
        is_published = published[review_id]
        if is_published is None or rec is None or None in actions:
            continue  # a record of it cannot be read: noted in ``skipped``
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
                published=is_published,
                outcomes=outcomes,
                outcome=outcomes.outcome(a.status for a in actions),
                open_actions=any(a.status in LIVE_STATUSES for a in actions),
                national_status=str(rec.national_status or "not_routed"),
            )
        )
    return tuple(records)


@dataclass(frozen=True)
class _Entry:
    position: int
    region: str
    checked: float  # time.monotonic() of the last look at the store's position
    records: tuple[EarlierRecommendation, ...]
    left_out: tuple[UUID, ...] = ()  # records left out: one of their events cannot be read


class RecommendationCorpus:
    """In-memory, per process; one entry per tenant, valid while its store is unchanged."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._lock = threading.Lock()
        self._cache: dict[str, _Entry] = {}
        self._index: tuple[tuple[tuple[str, int], ...], FittedIndex] | None = None
        self._memo: dict[Hashable, tuple[tuple[tuple[str, int], ...], Any]] = {}

    def of_tenant(
        self, info: TenantInfo, max_age: float = 0.0
    ) -> tuple[EarlierRecommendation, ...]:
        """The tenant's records; its store's position is looked at again once ``max_age``
        seconds have passed (0: every time), so other tenants cost no query per lookup."""
        with self._lock:
            cached = self._cache.get(info.slug)
        now = time.monotonic()
        if cached is not None and cached.region == info.region and now - cached.checked < max_age:
            return cached.records
        with self.platform.ledgers.lease(info.slug, writing=False) as ledger:
            position = ledger.recorder.max_notification_id() or 0
            if cached is not None and cached.position == position and cached.region == info.region:
                records, skipped = cached.records, cached.left_out
            else:
                left_out = LeftOut(READER, info.slug)
                records = read_tenant(ledger, info.region, None, left_out)
                skipped = tuple(left_out.records)
        with self._lock:
            self._cache[info.slug] = _Entry(position, info.region, now, records, skipped)
        return records

    def left_out(self, info: TenantInfo) -> tuple[UUID, ...]:
        """The records of ``info``, as last read, left out because one of their events cannot
        be read (by id, so a reader that read them too counts each once)."""
        with self._lock:
            found = self._cache.get(info.slug)
        return () if found is None else found.left_out

    def unreadable(self, tenants: list[TenantInfo]) -> int:
        """How many records of ``tenants``, as last read, were left out because one of their
        events cannot be read."""
        with self._lock:
            return sum(len(self._cache[t.slug].left_out) for t in tenants if t.slug in self._cache)

    def published_index(self, tenants: list[TenantInfo]) -> FittedIndex:
        """The fitted index of every published recommendation of ``tenants`` as last read;
        refitted only when one of their stores has changed since."""
        with self._lock:
            entries = {t.slug: self._cache[t.slug] for t in tenants if t.slug in self._cache}
            key = tuple(sorted((slug, e.position) for slug, e in entries.items()))
            if self._index is not None and self._index[0] == key:
                return self._index[1]
        published = [r for e in entries.values() for r in e.records if r.published]
        index = FittedIndex(published)
        with self._lock:
            self._index = (key, index)
        return index

    def of_tenants(
        self, tenants: list[TenantInfo], max_age: float = 0.0
    ) -> list[EarlierRecommendation]:
        return [r for info in tenants for r in self.of_tenant(info, max_age)]

    def as_recorded(
        self, tenants: list[TenantInfo], at: datetime
    ) -> tuple[list[EarlierRecommendation], int]:
        """The tenants' records as recorded by ``at``, and how many records were left out
        because they cannot be read: read afresh each time, never cached (asked for one paper
        at a time)."""
        records: list[EarlierRecommendation] = []
        unreadable = 0
        for info in tenants:
            left_out = LeftOut(READER, info.slug)
            with self.platform.ledgers.lease(info.slug, writing=False) as ledger:
                records += read_tenant(ledger, info.region, at, left_out)
            unreadable += left_out.count
        return records, unreadable

    def remembered(self, key: Hashable, tenants: list[TenantInfo], compute: Callable[[], T]) -> T:
        """``compute()``, reused while none of ``tenants``' stores has moved since it was last
        read (the region's clusters, asked for on every dashboard load). One value per key."""
        with self._lock:
            stamp = tuple(
                (t.slug, self._cache[t.slug].position) for t in tenants if t.slug in self._cache
            )
            found = self._memo.get(key)
        if found is not None and found[0] == stamp:
            return found[1]
        value = compute()
        with self._lock:
            self._memo[key] = (stamp, value)
        return value
