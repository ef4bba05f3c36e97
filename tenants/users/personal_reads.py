"""Who read which case's personal details, and when: the vault's own read log, read back.

Every vault read (and write, which answers the entry) is written to the reader's daily read log
(``AuditReadLog``) like an auditor's read. This walks the logs of the tenant's own officers and
leads — the only roles that can read a vault — for a bounded span of days.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from domain.errors import InvalidValueError
from tenants.users.access import AccessRegistry
from tenants.users.model import Role
from tenants.users.read_log import MAX_DAYS, AuditRead
from tenants.users.reads import AuditReadLog

VAULT_PATH = "/personal-details"


def personal_data_reads(
    access: AccessRegistry, tenant: str, since: date, until: date
) -> list[AuditRead]:
    if until < since:
        raise InvalidValueError("'until' is before 'since'; give the earlier day first.")
    if (until - since).days >= MAX_DAYS:
        raise InvalidValueError(f"Ask for at most {MAX_DAYS} days at a time.")
    readers = [
        u
        for u in access.users()
        if u.role in (Role.CSP_OFFICER, Role.CSP_LEAD) and tenant in u.tenants
    ]
    found: list[AuditRead] = []
    for offset in range((until - since).days + 1):
        day = since + timedelta(days=offset)
        for user in readers:
            events: Any = access.events.get(AuditReadLog.create_id(user.id, day))
            found += [
                AuditRead(e.timestamp, user.id, user.name, e.path, e.tenant, e.region)
                for e in events
                if hasattr(e, "path") and e.tenant == tenant and e.path.endswith(VAULT_PATH)
            ]
    return sorted(found, key=lambda r: r.at)
