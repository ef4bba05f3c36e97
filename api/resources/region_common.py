"""What the region-ledger views share: reaching the ledger, If-Match commands, who may read a pot.

The guard has already checked the region is in the user's scope and the role may use the
route; a partnership's officer or lead passes it for their own region's shared routes, and
is then let through only to pots it pays into and groups it belongs to (else the same 404
as for something that does not exist).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from flask_smorest import Blueprint

from api.auth import HIDDEN
from api.concurrency import etag_header, stored_version
from api.context import current_user, platform
from api.policy import Permission
from api.resources.commands import Command, On, guarded, register
from api.resources.records import Record, serve
from api.tables.bodies import GroupPlanRead, MemberLines, group_plan_body, group_plan_lines
from domain.errors import NotFoundError
from domain.region import PartnerDirectory, PartnershipGroup
from tenants.region_ledger import RegionLedger
from tenants.users import Role

CSP_ROLES = (Role.CSP_OFFICER, Role.CSP_LEAD)
# a record kept in the region's own ledger (OPCC staff's): the permissions its writes and its
# reads need, as ``serve_in_region`` takes them
REGION_LEDGER = (Permission.REGION_LEDGER_WRITE, Permission.REGION_LEDGER_READ)


@contextmanager
def region_ledger(region: str, *, writing: bool = True) -> Iterator[RegionLedger]:
    with platform().region_ledgers.lease(region, writing=writing) as ledger:
        yield ledger


def apply_region(
    region: str, get: Callable[[RegionLedger], Any], act: Callable[[RegionLedger], Any]
) -> tuple[Any, dict[str, str]]:
    """Check the client's ETag, run the use case, answer the new state and its ETag."""
    with region_ledger(region) as ledger:
        return guarded(ledger, get, act)


def on_region(get: str) -> On:
    """``on`` for a register in a region's ledger: guarded by the ETag of what the use case
    named ``get`` (e.g. "services.get": ``region.services.get(reference)``) finds by the URL's id."""
    found = attrgetter(get)
    return lambda region, ident, act: apply_region(region, lambda ledger: found(ledger)(ident), act)


def serve_in_region(
    blp: Blueprint,
    record: Record,
    key: str,
    permissions: tuple[Permission, Permission],
    commands: Iterable[Command],
    check: Callable[[Any, Any], None] | None = None,
) -> None:
    """A record in a region's ledger and the commands on it, by the URL's region and ``key``:
    its create and read (``serve``, with ``check`` and the write's and read's permissions), and
    each command guarded by the ETag of what the record's own read finds, answering the
    record as the read does."""
    url = ("region", key)
    serve(blp, record, region_ledger, url, permissions, check)
    register(blp, record.out, on_region(record.get), url, permissions[0], commands)


def may_see(tenants: set[str]) -> None:
    """A partnership's user sees a shared thing only if their partnership is in ``tenants``."""
    user = current_user()
    if user.role in CSP_ROLES and not set(user.tenants) & tenants:
        raise NotFoundError(HIDDEN)


def own_tenants() -> set[str] | None:
    """The partnerships whose details the user may see; None means any (regional roles)."""
    user = current_user()
    return set(user.tenants) if user.role in CSP_ROLES else None


def group_plan(
    region: str, key: str
) -> tuple[PartnershipGroup, PartnerDirectory, MemberLines, dict[str, int]]:
    """A group the user may see, the region's partner directory, every member's actions in
    its master plan and what each member left out (``bodies.group_plan_lines``)."""
    return group_plan_lines(platform(), GroupPlanRead(region, key, may_see))


def master_plan_rows(
    region: str, key: str, on: date | None = None, at: datetime | None = None
) -> tuple[PartnershipGroup, dict[str, Any]]:
    """A group the user may see and its master plan as rows, the same for its page, its
    spreadsheet and its board paper (``bodies.group_plan_body``: judged ``on``, as recorded
    by ``at``)."""
    return group_plan_body(platform(), GroupPlanRead(region, key, may_see, on, at))


def check_partner_name(tenant: str, name: str) -> None:
    """An action owner or IMR agency is picked from the region's partner directory, once the
    region keeps one (``PartnerDirectory.check_named``)."""
    region = platform().registry.recent_tenant(tenant).region
    with region_ledger(region, writing=False) as ledger:
        ledger.partners.directory().check_named(name)


def create_in_region(region: str, make: Callable[[RegionLedger], Any]) -> Any:
    """Run a create (its use case answers the saved record), then answer it with its ETag."""
    with region_ledger(region) as ledger:
        found = make(ledger)
        return found, etag_header(stored_version(found))


def read_in_region(region: str, get: Any) -> Any:
    with region_ledger(region, writing=False) as ledger:
        found = get(ledger)
        return found, etag_header(stored_version(found))
