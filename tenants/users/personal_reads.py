"""Who read which case's personal details, and when: the vault's own read log, read back.

Every vault read (and write, which answers the entry) is written to the reader's daily read log
(``AuditReadLog``) like an auditor's read. This walks the logs of the tenant's own officers and
leads — the only roles that can read a vault — for a bounded span of days.
"""

from __future__ import annotations

from datetime import date

from tenants.users.access import AccessRegistry
from tenants.users.read_log import AuditRead, logged_reads, staff_of

VAULT_PATH = "/personal-details"


def personal_data_reads(
    access: AccessRegistry, tenant: str, since: date, until: date
) -> list[AuditRead]:
    found = [
        AuditRead(e.timestamp, user.id, user.name, e.path, e.tenant, e.region)
        for user, e in logged_reads(access, since, until, staff_of(tenant))
        if e.tenant == tenant and e.path.endswith(VAULT_PATH)
    ]
    return sorted(found, key=lambda r: r.at)
