"""Who downloaded which version of which document, and when: read back from the read logs.

Every download is written to the reader's daily read log (``AuditReadLog``) before the file is
sent, with the address that names the case, the document and the version; this walks the logs
of the tenant's officers and leads, and of the agencies' users who download their own uploads
(their IMR reports, on their IMR page or through the API), for a bounded span.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from tenants.users.access import AccessRegistry
from tenants.users.model import Role, UserInfo
from tenants.users.read_log import logged_reads, staff_of

# an officer's download (API or page), an agency's of its own upload (its IMR page, or the
# agency work API's ``imr-reports``)
DOWNLOAD = re.compile(
    r"/(?:reviews|cases)/([0-9a-f-]{36})/(?:documents|imr-reports)/(\d+)/versions/(\d+)"
    r"(?:/download)?$"
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
    access: AccessRegistry, tenant: str, since: date, until: date, region: str | None = None
) -> list[DocumentDownload]:
    """``region``: the tenant's, whose agency users (granted a whole region) may download."""
    found = [
        DocumentDownload(e.timestamp, user.id, user.name, UUID(m[1]), int(m[2]), int(m[3]))
        for user, e in logged_reads(access, since, until, _downloaders(tenant, region))
        if e.tenant == tenant and (m := DOWNLOAD.search(e.path))
    ]
    return sorted(found, key=lambda r: r.at)


def _downloaders(tenant: str, region: str | None) -> Callable[[UserInfo], bool]:
    """Who may download a tenant's document: its staff, and an agency's user for its own."""
    staff = staff_of(tenant)

    def agency(user: UserInfo) -> bool:
        granted = tenant in user.tenants or (region is not None and region in user.regions)
        return user.role == Role.AGENCY_CONTRIBUTOR and granted

    return lambda user: staff(user) or agency(user)
