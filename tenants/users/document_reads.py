"""Who downloaded which version of which document, and when: read back from the read logs.

Every download is written to the reader's daily read log (``AuditReadLog``) before the file is
sent, with the address that names the case, the document and the version; this walks the logs
of the tenant's officers and leads (the only roles that may download) for a bounded span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from domain.errors import InvalidValueError
from tenants.users.access import AccessRegistry
from tenants.users.model import Role
from tenants.users.read_log import MAX_DAYS
from tenants.users.reads import AuditReadLog

DOWNLOAD = re.compile(
    r"/(?:reviews|cases)/([0-9a-f-]{36})/documents/(\d+)/versions/(\d+)(?:/download)?$"
)


@dataclass(frozen=True)
class DocumentDownload:
    at: datetime
    user_id: UUID
    who: str
    review_id: UUID
    document: int
    version: int


def document_downloads(
    access: AccessRegistry, tenant: str, since: date, until: date
) -> list[DocumentDownload]:
    if until < since:
        raise InvalidValueError("'until' is before 'since'; give the earlier day first.")
    if (until - since).days >= MAX_DAYS:
        raise InvalidValueError(f"Ask for at most {MAX_DAYS} days at a time.")
    readers = [
        u
        for u in access.users()
        if u.role in (Role.CSP_OFFICER, Role.CSP_LEAD) and tenant in u.tenants
    ]
    found: list[DocumentDownload] = []
    for offset in range((until - since).days + 1):
        day = since + timedelta(days=offset)
        for user in readers:
            events: Any = access.events.get(AuditReadLog.create_id(user.id, day))
            for e in events:
                match = (
                    DOWNLOAD.search(getattr(e, "path", ""))
                    if getattr(e, "tenant", None) == tenant
                    else None
                )
                if match:
                    found.append(
                        DocumentDownload(
                            e.timestamp,
                            user.id,
                            user.name,
                            UUID(match[1]),
                            int(match[2]),
                            int(match[3]),
                        )
                    )
    return sorted(found, key=lambda r: r.at)
