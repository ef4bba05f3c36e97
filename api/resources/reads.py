"""The shape every read shares: GET, the query string checked, the answer out, and for one
record its ETag (which guards the commands on it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema

from api.concurrency import etag_header, stored_version
from api.context import current_user, platform, requires, tenant_ledger
from api.policy import Permission
from api.tables.notes import UNREADABLE_DOC
from tenants.ledger import PartnershipLedger

F = TypeVar("F", bound=Callable[..., Any])


def query(
    blp: Blueprint,
    path: str,
    out: type[Schema] | Schema,
    permission: Permission = Permission.CASE_READ,
    args: type[Schema] | Schema | None = None,
    *,
    leaves_out: bool = False,
) -> Callable[[F], F]:
    """Register a view as a read: GET ``path``, ``args`` from the query string, ``out`` back;
    ``leaves_out``: a list that leaves out records it cannot read answers how many in the
    ``Unreadable-Records`` header (``api.tables.notes``)."""

    def wrap(fn: F) -> F:
        headers = UNREADABLE_DOC if leaves_out else None
        view: Any = blp.response(200, out, headers=headers)(requires(permission)(fn))
        if args is not None:
            view = blp.arguments(args, location="query")(view)
        return blp.route(path, methods=["GET"])(view)

    return wrap


def versioned(found: Any) -> tuple[Any, dict[str, str]]:
    """One record with its ETag: the version it was saved at (see ``stored_version``)."""
    return found, etag_header(stored_version(found))


def read_one(tenant: str, get: Callable[[PartnershipLedger], Any]) -> tuple[Any, dict[str, str]]:
    """What ``get`` finds in the partnership's ledger, with its ETag."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return versioned(get(ledger))


def read(tenant: str, get: Callable[[PartnershipLedger], Any]) -> Any:
    """What ``get`` finds in the partnership's ledger (leased for reading only)."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return get(ledger)


def read_logged(tenant: str, get: Callable[[PartnershipLedger], Any]) -> Any:
    """``read``, logged as a read of the tenant's personal data by the signed-in user."""
    found = read(tenant, get)
    logged_read(tenant)
    return found


def logged_read(tenant: str) -> None:
    """Log this request as a read of the tenant's personal data by the signed-in user."""
    platform().access.record_audit_read(current_user().id, request.path, tenant, None)
