"""Reading the auditors' read log back: who read what about a tenant or region, and when.

Reads are recorded per auditor per day (``AuditReadLog``), which keeps the write on every
audited request cheap; this query walks those daily logs for a bounded span of days, so
its cost is auditors × days, never the whole platform history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from domain.errors import InvalidValueError
from tenants.users.access import AccessRegistry
from tenants.users.model import Role
from tenants.users.reads import AuditReadLog

MAX_DAYS = 92


@dataclass(frozen=True)
class AuditRead:
    at: datetime
    user_id: UUID
    auditor: str
    path: str
    tenant: str | None
    region: str | None


def audit_reads(
    access: AccessRegistry,
    since: date,
    until: date,
    tenant: str | None = None,
    region: str | None = None,
) -> list[AuditRead]:
    """Every auditor read of ``tenant`` (or of anything in ``region``) between the two days."""
    if until < since:
        raise InvalidValueError("'until' is before 'since'; give the earlier day first.")
    if (until - since).days >= MAX_DAYS:
        raise InvalidValueError(f"Ask for at most {MAX_DAYS} days at a time.")
    auditors = [u for u in access.users() if u.role == Role.AUDITOR]
    found: list[AuditRead] = []
    for offset in range((until - since).days + 1):
        day = since + timedelta(days=offset)
        for user in auditors:
            events: Any = access.events.get(AuditReadLog.create_id(user.id, day))
            found += [
                AuditRead(e.timestamp, user.id, user.name, e.path, e.tenant, e.region)
                for e in events
                if hasattr(e, "path")
                and (tenant is None or e.tenant == tenant)
                and (region is None or e.region == region)
            ]
    return sorted(found, key=lambda r: r.at)
