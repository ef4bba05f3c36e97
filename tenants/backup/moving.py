"""Move one tenant's store to another PostgreSQL server, and record where it now lives.

The tenant is suspended while it moves (so no event is written to the old copy after the
dump), its store is backed up, restored on the target and verified against its seals,
the registry records the new server, and only then is the old schema dropped. Every
process serving the tenant reopens it on the new server at its next request.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from eventsourcing.persistence import OperationalError

from adapters.stores import EventStores
from domain.errors import InvalidTransitionError
from tenants.backup import archive, pg
from tenants.backup.service import backup_tenant
from tenants.backup.staging import Restored, head_of, load, staging_area, verify
from tenants.model import TenantStatus
from tenants.platform import Platform
from tenants.registry import store_area

SETTLE_SECONDS = 1.5  # other processes see a suspension within a second (tenants/recent.py)
REASON = "Moving to another database server"


def move_tenant(
    platform: Platform, slug: str, url: str, say: Callable[[str], None] = lambda _: None
) -> Restored:
    if platform.servers is None:
        raise InvalidTransitionError("This platform cannot place tenants on other servers.")
    target = platform.servers.placement(url)
    info = platform.registry.tenant(slug)
    if target == info.server:
        raise InvalidTransitionError(f"Tenant {slug!r} already lives on that server.")
    source, destination = platform.ledgers.stores_of(info), platform.servers.for_server(target)
    area = store_area(slug)
    if _reached(destination, area, target):
        raise InvalidTransitionError(
            f"The target server already has a schema {area}; drop it there first if it is a "
            "leftover copy, then run again."
        )
    active = info.status == TenantStatus.ACTIVE
    if active:
        platform.registry.suspend_tenant(slug, REASON)
        say(f"{slug} suspended while it moves")
        time.sleep(SETTLE_SECONDS)
    try:
        result = _copy(platform, slug, source, destination, say)
        platform.registry.place_tenant(slug, target)
        platform.ledgers.forget(slug)
        source.drop_area(area)
        say(f"{slug} now lives on {target or 'the platform database'}; old copy dropped")
    finally:
        if active:
            platform.reinstate_tenant(slug)
    return result


def _reached(destination: EventStores, area: str, target: str) -> bool:
    """Whether the target server already has the tenant's schema; the first contact with it,
    so a server that cannot be reached is said in words, before the tenant is suspended."""
    try:
        return bool(destination.area_exists(area))
    except OperationalError:  # the library's, around the driver's and the pool's
        raise InvalidTransitionError(
            f"The server {target} could not be reached (no connection within its timeout); "
            "check the address and that the server is up and accepts this host. Nothing was "
            "moved."
        ) from None


def _copy(
    platform: Platform,
    slug: str,
    source: EventStores,
    destination: EventStores,
    say: Callable[[str], None],
) -> Restored:
    staging = staging_area(slug)
    with tempfile.TemporaryDirectory(prefix="ledger-move-") as tmp:
        file = Path(tmp) / "tenant.backup"
        manifest = backup_tenant(platform, slug, file)
        say(f"backed up {manifest.head} positions")
        manifest, dump = archive.read(file, Path(tmp) / "x")
        destination.drop_area(staging)
        load(destination, manifest, dump, staging, slug)
        try:
            result = verify(destination, staging, slug, list(manifest.seals), manifest)
            if head_of(source, store_area(slug), slug) != manifest.head:
                raise InvalidTransitionError(
                    f"Events were written to {slug!r} while it moved; nothing changed. Run again."
                )
            pg.rename_schema(destination, staging, store_area(slug))  # type: ignore[arg-type]
        except BaseException:
            destination.drop_area(staging)
            raise
    say(f"verified {result.events} events against {result.seals_checked} seals on the target")
    return result
