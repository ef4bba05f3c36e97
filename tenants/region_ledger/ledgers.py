"""The only way to reach a region's ledger: through the registry, one store per region.

Few regions exist (43 in England and Wales), so their applications stay open once used.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from adapters.stores import EventStores
from domain.errors import NotFoundError
from tenants.isolation import TenantLedgers
from tenants.region_ledger.application import RegionLedger, store_area
from tenants.registry import TenantRegistry


class RegionLedgers:
    def __init__(
        self, registry: TenantRegistry, stores: EventStores, tenants: TenantLedgers
    ) -> None:
        self.registry, self.stores, self.tenants = registry, stores, tenants
        self._open: dict[str, RegionLedger] = {}
        self._lock = threading.Lock()

    @contextmanager
    def lease(self, region: str, *, writing: bool = True) -> Iterator[RegionLedger]:
        """The region's ledger; the region must exist (a 404 otherwise)."""
        self.registry.region(region)
        yield self._acquire(region)

    def exists(self, region: str) -> bool:
        return self.stores.area_exists(store_area(region))

    def regions(self) -> list[str]:
        """Regions whose ledger has been opened at least once (its store exists)."""
        return [r.slug for r in self.registry.regions() if self.exists(r.slug)]

    def forget(self, region: str) -> None:
        """Close the region's application so the next lease reopens it and reads what is
        stored (after a restore, or a check of what is stored now)."""
        with self._lock:
            ledger = self._open.pop(region, None)
        if ledger is not None:
            ledger.close()

    def _acquire(self, region: str) -> RegionLedger:
        with self._lock:
            ledger = self._open.get(region)
            if ledger is None:
                factory = self.stores.factory(store_area(region), RegionLedger.app_name(region))
                ledger = RegionLedger(
                    region,
                    factory=factory,
                    tenants=lambda: self._member_slugs(region),
                    review_exists=self.review_exists,
                )
                self._open[region] = ledger
            return ledger

    def _member_slugs(self, region: str) -> set[str]:
        return {t.slug for t in self.registry.tenants(region) if t.status.in_region}

    def review_exists(self, tenant: str, review: UUID) -> bool:
        try:
            with self.tenants.lease(tenant, writing=False) as ledger:
                ledger.reviews.get(review)
            return True
        except NotFoundError:
            return False

    def close(self) -> None:
        with self._lock:
            for ledger in self._open.values():
                ledger.close()
            self._open.clear()
