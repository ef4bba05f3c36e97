"""Back up and restore one tenant; a restore goes live only once its chain verifies.

Backing up seals the tenant first, so the file carries a seal of its own head (unless its
history is altered: then it is backed up unsealed, as evidence, and will not restore). Restoring
loads the dump under a staging name, recomputes the chain and checks it against the
backup's seals (and the platform's, when restoring the same tenant), and only then puts
the store in place and, for a new slug, registers the tenant (as a read-only copy when the
partnership the backup was taken of is registered here); over an existing tenant it records
the restore in the registry, which tells the read models to rebuild that tenant's rows.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from adapters.postgres import PostgresStores
from adapters.stores import EventStores, SQLiteStores
from domain.audit.anchor import Anchor
from domain.errors import DuplicateError, InvalidValueError
from tenants.audit import HistoryAlteredError, Progress
from tenants.backup import archive, keys, pg, sqlite
from tenants.backup.archive import Manifest
from tenants.backup.staging import Restored, go_live, head_of, load, staging_area, verify
from tenants.ledger import PartnershipLedger
from tenants.model import check_slug
from tenants.platform import Platform
from tenants.registry import TenantInfo, store_area


def backup_tenant(
    platform: Platform,
    slug: str,
    to: Path,
    on_altered: Callable[[HistoryAlteredError], None] | None = None,
    anchors: Sequence[Anchor] = (),
    progress: Progress | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> Manifest:
    """Seal ``slug``, then write its store to ``to``. A history verify calls altered is not
    sealed (no seal vouches for an altered row) but is backed up all the same: the file is
    evidence, and a restore refuses it. ``on_altered`` hears of it. The seal is checked against
    the ``anchors`` first, as ``ledger audit seal`` checks it: an edit whose seals were deleted
    with it is altered too. ``progress`` hears of the events verified, ``say`` of each step."""
    info = platform.registry.tenant(slug)
    say(f"sealing {slug}: verifying its history first")
    with platform.ledgers.lease(slug, writing=False) as ledger:
        try:
            platform.audit.seal(ledger, progress, anchors)
        except HistoryAlteredError as refused:
            if on_altered is not None:
                on_altered(refused)
    stores = platform.ledgers.stores_of(info)
    say(f"copying {slug}'s store")
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
            head=head_of(stores, info.store_area, slug),
            seals=platform.audit.seals(slug),
            created_at=datetime.now(tz=UTC).isoformat(),
            sha256=archive.sha256_of(dump),
            data_key="in this file, wrapped by the master key",
            keys=keys.carried(stores.keyring, info.store_area).to_json(),
        )
        archive.write(to, manifest, dump)
    return manifest


def restore_tenant(
    platform: Platform,
    source: Path,
    as_slug: str | None = None,
    server: str = "",
    progress: Progress | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> Restored:
    """Restore ``source`` as ``as_slug`` (default: its own tenant) on ``server`` ("" = home);
    ``say`` hears of each step and ``progress`` of the events verified."""
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
        staging = staging_area(slug)
        stores.drop_area(staging)
        say(f"loading the backup of {manifest.tenant} ({manifest.head} events)")
        load(stores, manifest, dump, staging, slug)
        try:
            say(f"verifying its {manifest.head} events against its seals")
            result = verify(stores, staging, slug, seals, manifest, progress)
            result = _put_keys_back(stores, staging, slug, manifest, result)
        except BaseException:
            stores.drop_area(staging)
            raise
        # under another slug beside the partnership it was taken of: a copy to inspect, which
        # must not count in the region a second time
        beside = slug != manifest.tenant and _registered(platform, manifest.tenant) is not None
        copy_of = manifest.tenant if beside and existing is None else ""
        go_live(platform, stores, staging, slug, existing, manifest, server, copy_of)
    if slug != manifest.tenant or not platform.audit.seals(slug):
        with platform.ledgers.lease(slug, writing=False) as ledger:
            platform.audit.seal(ledger)  # the copy starts with a seal of its own
    return result


def _put_keys_back(
    stores: EventStores, staging: str, slug: str, manifest: Manifest, result: Restored
) -> Restored:
    """Unwrap the backup's keys, check every staged event opens with them, then install them
    for the tenant's store, leaving erased case keys out. Nothing is installed if a check fails."""
    carried = keys.from_manifest(stores.keyring, manifest.area, manifest.keys)
    data_keys = keys.open_data_keys(stores.keyring, manifest.area, carried)
    keys.check_decrypts(stores, staging, slug, data_keys)
    erased = keys.erased_in(stores, staging, slug, list(carried.cases))
    done = keys.install(stores.keyring, manifest.area, store_area(slug), carried, data_keys, erased)
    return replace(
        result,
        case_keys=done.case_keys,
        erased_in_history=done.erased_in_history,
        erased_since_backup=done.erased_since_backup,
    )


def _registered(platform: Platform, slug: str) -> TenantInfo | None:
    return next((t for t in platform.registry.tenants() if t.slug == slug), None)


def _check_empty(
    platform: Platform, stores: EventStores, slug: str, existing: TenantInfo | None
) -> None:
    area = store_area(slug)
    if existing is None or not stores.area_exists(area):
        if existing is None and stores.area_exists(area):
            stores.drop_area(area)  # left behind by an unregistered, failed attempt
        return
    platform.ledgers.forget(slug)
    if head_of(stores, area, slug):
        raise DuplicateError(
            f"Tenant {slug!r} still has its events; restore the backup under another slug "
            "with --as to inspect it (a read-only copy), or drop the damaged store first "
            "(see deploy/OPERATIONS.md)."
        )
    stores.drop_area(area)
