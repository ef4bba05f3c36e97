"""The platform's own stores as the audit reads them: chained, sealed and verified as tenants are.

The registry and region themes (``platform``), users, sign-ins and the encrypted notes and
agreements (``platform_access``) and the seals themselves (``platform_audit``) are event stores
too: someone with the database could edit a tenant's region or a user's role there, or delete
a seal. Each stored events table is chained as a tenant's is, under a name no tenant or region
can take: ``store:<area>`` on SQLite, where an area's applications share one table, and
``store:<area>/<application>`` on PostgreSQL, where each has its own. The seal store comes
last, so that its seal covers every other seal of the same run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from domain.errors import NotFoundError
from tenants.audit import AuditTrail
from tenants.learning.agreements import ResearchAgreements
from tenants.platform import ACCESS_AREA, AUDIT_AREA, PLATFORM_AREA, Platform
from tenants.region_themes import RegionThemes
from tenants.registry import TenantRegistry
from tenants.status_notes import TenantNotes
from tenants.users import AccessRegistry

PREFIX = "store:"
_TABLES = (  # (area, application): every application bootstrap and the platform open
    (PLATFORM_AREA, TenantRegistry.name),
    (PLATFORM_AREA, RegionThemes.name),
    (PLATFORM_AREA, ResearchAgreements.name),  # where older versions kept them, in clear
    (ACCESS_AREA, TenantNotes.name),
    (ACCESS_AREA, AccessRegistry.name),
    (ACCESS_AREA, ResearchAgreements.name),
    (AUDIT_AREA, AuditTrail.name),
)


@dataclass(frozen=True)
class PlatformStore:
    """One of the platform's events tables, named as its seals are (``History``)."""

    tenant_slug: str
    recorder: Any
    holds_seals: bool  # the seal store: checked against the anchor's head of it too


def platform_stores(p: Platform) -> dict[str, tuple[str, str]]:
    """Each platform store's name, and the area and application that open it; seals last."""
    found: dict[str, tuple[str, str]] = {}
    for area, app in _TABLES:
        name = PREFIX + area if p.stores.kind == "sqlite" else f"{PREFIX}{area}/{app}"
        found.setdefault(name, (area, app))
    return found


def ledger_names(p: Platform) -> list[str]:
    """Every tenant's name, then each region's own ledger as ``@<region>``, as seals name them."""
    return [t.slug for t in p.registry.tenants()] + ["@" + r.slug for r in p.registry.regions()]


def histories(p: Platform) -> list[str]:
    """Every history the nightly ``ledger audit seal`` seals, by the name its seals go by: the
    ledgers, then the platform's own stores (seals last)."""
    return ledger_names(p) + list(platform_stores(p))


def seal_store(p: Platform) -> str:
    """The name of the store that holds the seals."""
    return next(name for name, (area, _) in platform_stores(p).items() if area == AUDIT_AREA)


@contextmanager
def platform_store(p: Platform, name: str) -> Iterator[PlatformStore]:
    stores = platform_stores(p)
    if name not in stores:
        raise NotFoundError(f"No platform store {name!r}: this platform's are {', '.join(stores)}.")
    area, app = stores[name]
    factory = p.stores.factory(area, app)
    try:
        yield PlatformStore(name, factory.application_recorder(), area == AUDIT_AREA)
    finally:
        factory.close()


def ready_to_seal(p: Platform, name: str) -> None:
    """Finish the move older versions' stores need before their ``platform`` store is sealed.

    The research agreements they kept in clear there are copied to ``platform_access`` and
    their rows rewritten in place the first time the agreements are opened: sealing before
    that would vouch for rows the service itself rewrites later (suspension reasons are moved
    at every start, ``tenants/platform.py``). Nothing to do for the other stores."""
    if platform_stores(p).get(name, ("", ""))[0] == PLATFORM_AREA:
        ResearchAgreements.open(p).close()
