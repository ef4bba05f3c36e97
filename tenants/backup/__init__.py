"""One tenant's store as a file: back up, restore (verified against its seals), move servers.

PostgreSQL stores are dumped with ``pg_dump -n tenant_<slug>`` and restored with
``pg_restore``; SQLite stores are copied with SQLite's online backup API. Either way the
file is a tar archive of the dump and a manifest (tenant, region, head, seals, checksum).
"""

from tenants.backup.service import backup_tenant, restore_tenant
from tenants.backup.staging import Restored

__all__ = ["Restored", "backup_tenant", "restore_tenant"]
