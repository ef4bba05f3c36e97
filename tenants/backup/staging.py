"""The steps a restore (and a move) takes on the target: load under a staging name, verify
the chain against the seals, then put it live under the tenant's own name.

Nothing is visible to the service until ``go_live``: a store that fails verification is
dropped with its staging name and the tenant's own store is never touched.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from adapters.postgres import PostgresStores
from adapters.stores import EventStores, SQLiteStores
from domain.audit import Seal
from domain.errors import InvalidValueError
from tenants.audit import Progress, verify_against
from tenants.backup import pg
from tenants.backup.archive import Manifest
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tenants.registry import TenantInfo, store_area


@dataclass(frozen=True)
class Restored:
    tenant: str
    events: int
    seals_checked: int
    head: int
    sealed_after_backup: int  # seals of later history the backup cannot contain
    case_keys: int = 0  # vault case keys put back
    erased_in_history: tuple[str, ...] = ()  # case keys left out: the history records the erasure
    erased_since_backup: tuple[str, ...] = ()  # left out: destroyed here after the backup


def staging_area(slug: str) -> str:
    return "restore_" + store_area(slug).removeprefix("tenant_")


def head_of(stores: EventStores, area: str, slug: str) -> int:
    app = PartnershipLedger(slug, factory=stores.factory(area, PartnershipLedger.app_name(slug)))
    try:
        return app.recorder.max_notification_id() or 0
    finally:
        app.close()


def load(stores: EventStores, m: Manifest, dump: Path, staging: str, slug: str) -> None:
    if isinstance(stores, PostgresStores):
        pg.restore(stores, dump, (m.area, staging), (m.app_name, PartnershipLedger.app_name(slug)))
    elif isinstance(stores, SQLiteStores):
        stores.create_area(staging)
        shutil.move(dump, stores.path(staging))


def verify(
    stores: EventStores,
    staging: str,
    slug: str,
    seals: list[Seal],
    m: Manifest,
    progress: Progress | None = None,
) -> Restored:
    ledger = PartnershipLedger(
        slug, factory=stores.factory(staging, PartnershipLedger.app_name(slug))
    )
    try:
        head = ledger.recorder.max_notification_id() or 0
        if head != m.head:
            raise InvalidValueError(
                f"The backup's store ends at position {head}, its manifest says {m.head}: "
                "the file is not what was backed up. Use another copy."
            )
        checked = [s for s in seals if s.position <= head]
        result = verify_against(ledger, checked, progress)
    finally:
        ledger.close()
    if not result.intact:
        raise InvalidValueError(
            f"The backup's history does not match its seal at position {result.broken_at_seal}: "
            "it was altered. Nothing was restored; use an older backup and investigate."
        )
    later = len([s for s in seals if s.position > head])
    return Restored(slug, result.events_checked, result.seals_checked, head, later)


def go_live(
    platform: Platform,
    stores: EventStores,
    staging: str,
    slug: str,
    existing: TenantInfo | None,
    m: Manifest,
    server: str,
    copy_of: str = "",
) -> None:
    """Put the staged store in place. A new slug is registered (as a copy of ``copy_of`` when
    given); an existing tenant's replaced store is recorded, so the read models built from the
    lost one start again (``projections/restores.py``)."""
    final = store_area(slug)
    platform.ledgers.forget(slug)
    if stores.area_exists(final) and not head_of(stores, final, slug):
        stores.drop_area(final)  # an empty store a reader opened meanwhile: nothing to keep
    if isinstance(stores, PostgresStores):
        pg.rename_schema(stores, staging, final)
        stores._created.discard(final)
        # Pooled connections remember the composite types of the store dropped above (by
        # oid); new connections see only the restored one.
        stores.shared.pool.drain()
    elif isinstance(stores, SQLiteStores):
        stores.drop_area(final)
        os.replace(stores.path(staging), stores.path(final))
    if existing is None and copy_of:
        name = f"{m.name} (copy restored from the backup of {m.created_at[:10]})"
        platform.registry.restore_copy(slug, name, m.region, copy_of)
    elif existing is None:
        platform.registry.restore_tenant(slug, m.name, m.region)
    else:
        platform.registry.store_restored(slug, m.head)
    if existing is None and server:
        platform.registry.place_tenant(slug, server)
    platform.ledgers.forget(slug)
