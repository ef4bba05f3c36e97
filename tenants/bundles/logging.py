"""Every export is on record twice: beside the tenant's seals, and in the auditor's read log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from domain.audit.seal import Export
from tenants.bundles.export import Exported
from tenants.platform import Platform


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
