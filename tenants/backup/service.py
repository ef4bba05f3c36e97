"""Back up and restore one tenant; a restore goes live only once its chain verifies.

Backing up seals the tenant first, so the file carries a seal of its own head. Restoring
loads the dump under a staging name, recomputes the chain and checks it against the
backup's seals (and the platform's, when restoring the same tenant), and only then puts
the store in place and, for a new slug, registers the tenant.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from adapters.postgres import PostgresStores
from adapters.stores import EventStores, SQLiteStores
from domain.audit import Seal
from domain.errors import DuplicateError, InvalidValueError
from tenants.audit import verify_against
from tenants.backup import archive, pg, sqlite
from tenants.backup.archive import Manifest
from tenants.ledger import PartnershipLedger
from tenants.model import check_slug
from tenants.platform import Platform
from tenants.registry import TenantInfo, store_area


@dataclass(frozen=True)
class Restored:
    tenant: str
    events: int
    seals_checked: int
    head: int
    sealed_after_backup: int  # seals of later history the backup cannot contain


def backup_tenant(platform: Platform, slug: str, to: Path) -> Manifest:
    info = platform.registry.tenant(slug)
    with platform.ledgers.lease(slug, writing=False) as ledger:
        platform.audit.seal(ledger)
    stores = platform.ledgers.stores_of(info)
    with tempfile.TemporaryDirectory(prefix="ledger-backup-") as tmp:
        dump = Path(tmp) / archive.DUMP
        if isinstance(stores, PostgresStores):
            pg.dump(stores.address, info.store_area, dump)
        elif isinstance(stores, SQLiteStores):
            sqlite.copy(stores.path(info.store_area), dump)
        else:
            raise InvalidValueError(f"No backup for {stores.kind} stores.")
        manifest = Manifest(
            tenant=slug,
            name=info.name,
            region=info.region,
            store=stores.kind,
            app_name=PartnershipLedger.app_name(slug),
            area=info.store_area,
            head=_head_of(stores, info.store_area, slug),
            seals=platform.audit.seals(slug),
            created_at=datetime.now(tz=UTC).isoformat(),
            sha256=archive.sha256_of(dump),
        )
        archive.write(to, manifest, dump)
    return manifest


def restore_tenant(
    platform: Platform, source: Path, as_slug: str | None = None, server: str = ""
) -> Restored:
    """Restore ``source`` as ``as_slug`` (default: its own tenant) on ``server`` ("" = home)."""
    with tempfile.TemporaryDirectory(prefix="ledger-restore-") as tmp:
        manifest, dump = archive.read(source, Path(tmp))
        slug = check_slug(as_slug or manifest.tenant, "Tenant")
        existing = _registered(platform, slug)
        stores = (
            platform.ledgers.stores_of(existing)
            if existing
            else (platform.servers.for_server(server) if platform.servers else platform.stores)
        )
        if stores.kind != manifest.store:
            raise InvalidValueError(
                f"This is a {manifest.store} backup; this platform keeps tenants in {stores.kind}. "
                "Restore it on a platform of the same kind."
            )
        if existing is None:
            platform.registry.region(manifest.region)  # refuse early: the region must exist
        _check_empty(platform, stores, slug, existing)
        seals = list(manifest.seals)
        if slug == manifest.tenant and existing is not None:
            seals += [s for s in platform.audit.seals(slug) if s not in seals]
        staging = "restore_" + store_area(slug).removeprefix("tenant_")
        stores.drop_area(staging)
        _load(stores, manifest, dump, staging, slug)
        try:
            result = _verify(stores, staging, slug, seals, manifest)
        except BaseException:
            stores.drop_area(staging)
            raise
        _go_live(platform, stores, staging, slug, existing, manifest, server)
    if slug != manifest.tenant or not platform.audit.seals(slug):
        with platform.ledgers.lease(slug, writing=False) as ledger:
            platform.audit.seal(ledger)  # the copy starts with a seal of its own
    return result


def _registered(platform: Platform, slug: str) -> TenantInfo | None:
    return next((t for t in platform.registry.tenants() if t.slug == slug), None)


def _head_of(stores: EventStores, area: str, slug: str) -> int:
    app = PartnershipLedger(slug, factory=stores.factory(area, PartnershipLedger.app_name(slug)))
    try:
        return app.recorder.max_notification_id() or 0
    finally:
        app.close()


def _check_empty(
    platform: Platform, stores: EventStores, slug: str, existing: TenantInfo | None
) -> None:
    area = store_area(slug)
    if existing is None or not stores.area_exists(area):
        if existing is None and stores.area_exists(area):
            stores.drop_area(area)  # left behind by an unregistered, failed attempt
        return
    platform.ledgers.forget(slug)
    if _head_of(stores, area, slug):
        raise DuplicateError(
            f"Tenant {slug!r} still has its events; restore the backup under another slug "
            "with --as, or drop the damaged store first (see deploy/OPERATIONS.md)."
        )
    stores.drop_area(area)


def _load(stores: EventStores, m: Manifest, dump: Path, staging: str, slug: str) -> None:
    if isinstance(stores, PostgresStores):
        pg.restore(stores, dump, (m.area, staging), (m.app_name, PartnershipLedger.app_name(slug)))
    elif isinstance(stores, SQLiteStores):
        stores.create_area(staging)
        shutil.move(dump, stores.path(staging))


def _verify(
    stores: EventStores, staging: str, slug: str, seals: list[Seal], m: Manifest
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
        result = verify_against(ledger, checked)
    finally:
        ledger.close()
    if not result.intact:
        raise InvalidValueError(
            f"The backup's history does not match its seal at position {result.broken_at_seal}: "
            "it was altered. Nothing was restored; use an older backup and investigate."
        )
    later = len([s for s in seals if s.position > head])
    return Restored(slug, result.events_checked, result.seals_checked, head, later)


def _go_live(
    platform: Platform,
    stores: EventStores,
    staging: str,
    slug: str,
    existing: TenantInfo | None,
    m: Manifest,
    server: str,
) -> None:
    final = store_area(slug)
    platform.ledgers.forget(slug)
    if stores.area_exists(final) and not _head_of(stores, final, slug):
        stores.drop_area(final)  # an empty store a reader opened meanwhile: nothing to keep
    if isinstance(stores, PostgresStores):
        pg.rename_schema(stores, staging, final)
        stores._created.discard(final)
    elif isinstance(stores, SQLiteStores):
        stores.drop_area(final)
        os.replace(stores.path(staging), stores.path(final))
    if existing is None:
        platform.registry.register_tenant(slug, m.name, m.region)
        if server:
            platform.registry.place_tenant(slug, server)
    platform.ledgers.forget(slug)
