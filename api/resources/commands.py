"""The shape every command on an existing aggregate shares: POST, schema in, If-Match, state out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema

from api.concurrency import IDEMPOTENCY_DOC, IF_MATCH_DOC, etag_header, if_match, stored_version
from api.context import current_user, requires, tenant_ledger
from api.idempotency import create_once, fingerprint
from api.policy import Permission
from api.schemas.common import In
from tenants.application import LedgerApplication
from tenants.ledger import PartnershipLedger

F = TypeVar("F", bound=Callable[..., Any])
PRECONDITIONS = {
    "412": {
        "description": "Stale If-Match: GET again and retry",
        "headers": {
            "ETag": {"description": "the version it stands at now", "schema": {"type": "string"}}
        },
    },
    "428": {"description": "If-Match missing"},
}


def command(
    blp: Blueprint,
    path: str,
    schema: type[Schema] | Schema | None,
    out: type[Schema],
    permission: Permission = Permission.CASE_RECORD,
    status: int = 200,
) -> Callable[[F], F]:
    """Register a view as a command: POST to a named sub-resource, guarded by If-Match."""

    def wrap(fn: F) -> F:
        view: Any = requires(permission)(fn)
        view = blp.doc(parameters=[IF_MATCH_DOC], responses=PRECONDITIONS)(view)
        view = blp.response(status, out)(view)
        if schema is not None:
            view = blp.arguments(schema)(view)
        return blp.route(path, methods=["POST"])(view)  # type: ignore[no-any-return]

    return wrap


def creation(
    blp: Blueprint,
    path: str,
    schema: In,
    out: type[Schema],
    permission: Permission = Permission.CASE_RECORD,
) -> Callable[[F], F]:
    """Register a view as a create: POST the new record, 201 with it, retried safely under an
    Idempotency-Key (see ``created_once``)."""

    def wrap(fn: F) -> F:
        view: Any = requires(permission)(fn)
        view = blp.doc(parameters=[IDEMPOTENCY_DOC])(view)
        view = blp.response(201, out)(view)
        view = blp.arguments(schema)(view)
        return blp.route(path, methods=["POST"])(view)  # type: ignore[no-any-return]

    return wrap


def created_once(
    ledger: LedgerApplication,
    scope: str,
    kind: str,
    schema: In,
    data: dict[str, Any],
    create: Callable[..., Any],
    get: Callable[[UUID], Any],
) -> tuple[Any, dict[str, str]]:
    """Run the use case ``create`` with the loaded body once per Idempotency-Key, and answer
    what it made (or, for a retry, what the first request made) with its ETag. The key is
    bound to the body as sent."""
    created, _ = create_once(
        ledger,
        scope,
        request.headers.get("Idempotency-Key"),
        fingerprint(str(current_user().id), schema.as_sent(data)),
        kind,
        lambda: create(**data),
    )
    found = get(UUID(str(created)))
    return found, etag_header(found.version)


def apply(
    tenant: str, get: Callable[[PartnershipLedger], Any], act: Callable[[PartnershipLedger], Any]
) -> tuple[Any, dict[str, str]]:
    """Check the client's ETag against the aggregate, run the use case, answer the new state.

    The version the client saw is also enforced when the use case saves, so a write that
    lands between this check and the save is refused too, never silently built upon.
    """
    with tenant_ledger(tenant) as ledger:
        before = get(ledger)
        with if_match(before.id, stored_version(before)) as saved:
            act(ledger)
        after = saved.aggregate if type(saved.aggregate) is type(before) else get(ledger)
        return after, etag_header(stored_version(after))


def on_review(
    tenant: str, review: UUID, act: Callable[[PartnershipLedger], Any]
) -> tuple[Any, dict[str, str]]:
    return apply(tenant, lambda ledger: ledger.get_review(review), act)
