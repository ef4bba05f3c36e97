"""The only way to reach a tenant's application: through the registry, one store per tenant.

A ``PartnershipLedger`` is bound at construction to its tenant's store area, and is handed
out only for a registered tenant, so code acting for tenant A has no handle on B's store.
Applications open lazily and the least recently used idle ones close, so hundreds of
tenants fit in one process (and, on PostgreSQL, in one bounded connection pool).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from adapters.crypto.case_keys import CaseKeys
from adapters.servers import ServerStores
from adapters.stores import EventStores
from domain.errors import InvalidTransitionError
from domain.themes import ThemeListing
from tenants.ledger import PartnershipLedger
from tenants.model import TenantStatus
from tenants.region_themes import RegionThemes
from tenants.registry import TenantInfo, TenantRegistry


class TenantLedgers:
    def __init__(
        self,
        registry: TenantRegistry,
        stores: EventStores,
        max_open: int,
        region_themes: RegionThemes | None = None,
        servers: ServerStores | None = None,
    ) -> None:
        self.registry = registry
        self.stores = stores
        self.servers = servers  # tenants moved to other PostgreSQL servers (adapters/servers.py)
        self.max_open = max_open
        self.region_themes = region_themes
        self._open: OrderedDict[str, PartnershipLedger] = OrderedDict()
        self._leases: dict[str, int] = {}
        self._server: dict[str, str] = {}  # where each open application's store is
        self._lock = threading.Lock()

    @contextmanager
    def lease(self, slug: str, *, writing: bool = True) -> Iterator[PartnershipLedger]:
        """Borrow a tenant's application for one unit of work.

        Writing needs an active tenant; reading (audit, projections) is allowed while
        suspended or offboarded, because history must stay replayable, and in a restored copy.
        """
        info = self.registry.recent_tenant(slug)
        if writing and info.status == TenantStatus.COPY:
            raise InvalidTransitionError(
                f"Tenant {slug!r} is a copy restored from a backup, kept to inspect an old "
                "state; nothing can be recorded in it. Record in the partnership itself."
            )
        if writing and info.status != TenantStatus.ACTIVE:
            raise InvalidTransitionError(
                f"Tenant {slug!r} is {info.status}; nothing can be recorded for it until a "
                "platform administrator reinstates it."
            )
        ledger = self._acquire(info)
        try:
            yield ledger
        finally:
            self._release(slug)

    def sync_region_themes(self, slug: str) -> bool:
        """Record in an active tenant's store what its region's themes are now; True if any
        change. A tenant skipped here (suspended, or a crash) catches up on its next tag."""
        if self.registry.tenant(slug).status != TenantStatus.ACTIVE:
            return False
        with self.lease(slug) as ledger:
            return ledger.themes.sync_region()

    def open_count(self) -> int:
        return len(self._open)

    def create_store(self, info: TenantInfo) -> None:
        """Create the tenant's schema/file, tables and data key now, so the first request (or
        the first batch of an import) is not the one that waits for them."""
        with self.lease(info.slug, writing=False):
            self.stores_of(info).keyring.current(info.store_area)

    def stores_of(self, info: TenantInfo) -> EventStores:
        """The stores (database server) holding this tenant's events."""
        if self.servers is None or not info.server:
            return self.stores
        return self.servers.for_server(info.server)

    def forget(self, slug: str) -> None:
        """Close the tenant's application so the next lease reopens it (after a restore or move)."""
        with self._lock:
            ledger = self._open.pop(slug, None)
            if ledger is not None:
                ledger.close()

    def close(self) -> None:
        with self._lock:
            for ledger in self._open.values():
                ledger.close()
            self._open.clear()
            self._leases.clear()

    def _acquire(self, info: TenantInfo) -> PartnershipLedger:
        with self._lock:
            ledger = self._open.get(info.slug)
            if ledger is not None and self._server.get(info.slug, "") != info.server:
                if info.slug not in self._leases:  # moved to another server: reopen there
                    self._open.pop(info.slug).close()
                    ledger = None
            if ledger is None:
                factory = self.stores_of(info).factory(
                    info.store_area, PartnershipLedger.app_name(info.slug)
                )
                ledger = PartnershipLedger(info.slug, factory=factory)
                ledger.region_themes = self._follower(info.slug)
                ledger.case_keys = CaseKeys(self.stores.keyring, info.store_area)
                self._open[info.slug] = ledger
                self._server[info.slug] = info.server
            self._open.move_to_end(info.slug)
            self._leases[info.slug] = self._leases.get(info.slug, 0) + 1
            self._close_idle()
            return ledger

    def _follower(self, slug: str) -> Callable[[], ThemeListing] | None:
        """The themes of the tenant's region *now*, so a move takes effect at once."""
        themes = self.region_themes
        if themes is None:
            return None
        return lambda: themes.listing(self.registry.tenant(slug).region)

    def _release(self, slug: str) -> None:
        with self._lock:
            self._leases[slug] -= 1
            if not self._leases[slug]:
                del self._leases[slug]
            self._close_idle()

    def _close_idle(self) -> None:
        if len(self._open) <= self.max_open:
            return  # the usual case: nothing to close, so don't copy the keys
        for slug in list(self._open):
            if len(self._open) <= self.max_open:
                return
            if slug not in self._leases:
                self._open.pop(slug).close()
