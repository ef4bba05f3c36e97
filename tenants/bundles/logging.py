"""Every export is on record twice: beside the tenant's seals, and in the auditor's read log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import IO
from uuid import UUID

from domain.audit.seal import Export
from tenants.bundles.export import Exported, write_bundle
from tenants.platform import Platform


def export_bundle(
    platform: Platform,
    tenant: str,
    out: IO[bytes],
    exported_for: str,
    since: date | None,
    *,
    progress: Callable[[int], None] | None = None,
    auditor_id: UUID | None = None,
) -> Exported:
    """Write ``tenant``'s audit bundle to ``out`` (named as the partnership is named for
    people), then put the export on record (``log_export``): the one way the command line,
    the API and the pages export one, so none is ever exported off the record."""
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        done = write_bundle(
            out,
            ledger,
            platform.audit,
            exported_for=exported_for,
            since=since,
            progress=progress,
            partnership=platform.registry.tenant(tenant).name,
        )
    log_export(platform, tenant, exported_for, since, done, auditor_id=auditor_id)
    return done


def log_export(
    platform: Platform,
    tenant: str,
    exported_for: str,
    since: date | None,
    done: Exported,
    *,
    auditor_id: UUID | None = None,
) -> None:
    at = datetime.now(tz=UTC)
    platform.audit.record_export(
        tenant, Export(at, exported_for, since, done.events, done.head_position, done.head_link)
    )
    if auditor_id is not None:
        region = platform.registry.tenant(tenant).region
        path = f"audit bundle of {tenant}" + (f" from {since}" if since else "")
        platform.access.record_audit_read(auditor_id, path, tenant, region)
