"""Bootstrap: infrastructure is chosen here and nowhere else.

The CLI, the web app, the projection workers and the tests all start from ``bootstrap()``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from adapters.crypto.errors import KeyMissingError
from adapters.servers import ServerStores
from adapters.settings import Settings
from adapters.stores import EventStores, open_stores
from tenants.audit import AuditTrail
from tenants.isolation import TenantLedgers
from tenants.region_ledger import RegionLedgers
from tenants.region_themes import RegionThemes
from tenants.registry import TenantInfo, TenantRegistry
from tenants.status_notes import TenantNotes
from tenants.users import AccessRegistry

log = logging.getLogger(__name__)

PLATFORM_AREA = "platform"
ACCESS_AREA = "platform_access"  # own SQLite file, so registry followers never see user events
"""Encrypted, unlike ``platform``: users, and every other typed word the platform keeps (the
reasons tenants were suspended or offboarded, research agreements)."""
AUDIT_AREA = "platform_audit"  # seals kept apart from the events they vouch for


@dataclass
class Platform:
    settings: Settings
    stores: EventStores
    registry: TenantRegistry
    ledgers: TenantLedgers
    access: AccessRegistry
    audit: AuditTrail
    region_themes: RegionThemes
    region_ledgers: RegionLedgers  # each region's own ledger (its OPCC's money, shared work)
    servers: ServerStores | None = None  # other PostgreSQL servers tenants were moved to

    def register_tenant(self, slug: str, name: str, region: str) -> TenantInfo:
        """Register and create the tenant's own store in one step, as onboarding expects;
        it starts with its region's themes already recorded. A master key missing or wrong is
        refused first: registered without its store, the tenant could not be registered again."""
        self.stores.keyring.check_master()
        info = self.registry.register_tenant(slug, name, region)
        self.ledgers.create_store(info)
        self.ledgers.sync_region_themes(slug)
        return info

    def move_tenant(self, slug: str, region: str) -> None:
        """Move a tenant: it takes up the new region's themes and retires the old one's."""
        self.registry.move_tenant(slug, region)
        self.ledgers.sync_region_themes(slug)

    def reinstate_tenant(self, slug: str) -> None:
        """Reinstate a tenant, catching up on region themes changed while it was suspended."""
        self.registry.reinstate_tenant(slug)
        self.ledgers.sync_region_themes(slug)

    def close(self) -> None:
        self.region_ledgers.close()
        self.ledgers.close()
        self.registry.close()
        self.access.close()
        self.audit.close()
        self.region_themes.close()
        if self.servers is not None:
            self.servers.close()
        self.stores.close()


def move_reasons_out_of_clear(notes: TenantNotes, registry: TenantRegistry) -> None:
    """Reasons older code wrote into the registry's events go to the encrypted notes, at every
    start (one query when none are left). Without the master key (an auditor verifying
    chains) they stay where they are until a start that has it: nothing is lost either way."""
    try:
        moved = notes.take_over(registry)
    except KeyMissingError as e:
        log.warning("suspension reasons left in the registry until started with the key: %s", e)
        return
    if moved:
        log.info("moved %d suspension or offboarding reasons into the encrypted notes", moved)


def bootstrap(settings: Settings | None = None) -> Platform:
    settings = settings or Settings.from_environ()
    stores = open_stores(settings)
    notes = TenantNotes(stores.factory(ACCESS_AREA, TenantNotes.name))
    registry = TenantRegistry(stores.factory(PLATFORM_AREA, TenantRegistry.name), notes=notes)
    move_reasons_out_of_clear(notes, registry)
    region_themes = RegionThemes(stores.factory(PLATFORM_AREA, RegionThemes.name))
    servers = ServerStores(stores, settings)
    ledgers = TenantLedgers(registry, stores, settings.open_tenants, region_themes, servers)
    access = AccessRegistry(stores.factory(ACCESS_AREA, AccessRegistry.name))
    audit = AuditTrail(stores.factory(AUDIT_AREA, AuditTrail.name))
    region_ledgers = RegionLedgers(registry, stores, ledgers)
    return Platform(
        settings,
        stores,
        registry,
        ledgers,
        access,
        audit,
        region_themes,
        region_ledgers,
        servers,
    )
