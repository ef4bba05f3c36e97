"""The shape every command on an existing aggregate shares: POST, schema in, If-Match, state out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, TypeVar
from uuid import UUID

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema

from api.concurrency import (
    IDEMPOTENCY_DOC,
    IF_MATCH_DOC,
    IF_MATCH_ONCE_STORED_DOC,
    etag_header,
    if_match,
    stored_version,
)
from api.context import current_user, requires, tenant_ledger
from api.idempotency import create_once, fingerprint
from api.policy import Permission
from api.schemas.common import In
from tenants.application import LedgerApplication
from tenants.ledger import PartnershipLedger
from tenants.ledger.service import handing_over

F = TypeVar("F", bound=Callable[..., Any])
L = TypeVar("L", bound=LedgerApplication)
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
    # an instance, built once: given the class, webargs builds one per request (7% of an HTTP
    # command's CPU, figure b)
    body = schema() if isinstance(schema, type) else schema
    doc = {"parameters": [IF_MATCH_DOC], "responses": PRECONDITIONS}
    return _routed(blp, path, "POST", body, out, status, permission, doc)


def _routed(
    blp: Blueprint,
    path: str,
    method: str,
    schema: type[Schema] | Schema | None,
    out: type[Schema] | Schema,
    status: int,
    permission: Permission,
    doc: dict[str, Any] | None = None,
) -> Callable[[F], F]:
    """How every view that records is registered, so each documents and checks the same
    way: the ``permission`` checked first, then the OpenAPI ``doc`` (its headers and
    answers), ``status`` with ``out``, the ``schema`` body when there is one, ``method`` on
    ``path``."""

    def wrap(fn: F) -> F:
        view: Any = requires(permission)(fn)
        if doc is not None:
            view = blp.doc(**doc)(view)
        view = blp.response(status, out)(view)
        if schema is not None:
            view = blp.arguments(schema)(view)
        return blp.route(path, methods=[method])(view)

    return wrap


On = Callable[[str, Any, Callable[[Any], Any]], Any]  # on(tenant or region, id, act)


@dataclass(frozen=True)
class Command:
    """One command on an aggregate, as data: POST ``path`` with a ``schema`` body, run the
    ledger's use case named ``use`` (its service and method: "actions.start") with the
    aggregate's id and the loaded body.

    ``name`` is the view's (so the endpoint's) name and ``doc`` its summary in the OpenAPI
    document; ``permission``, when given, overrides the register's own.
    """

    name: str
    path: str
    schema: type[Schema] | Schema
    use: str
    doc: str
    permission: Permission | None = None


def register(
    blp: Blueprint,
    out: type[Schema],
    on: On,
    url: tuple[str, str],
    permission: Permission,
    commands: Iterable[Command],
) -> None:
    """Register each command as a view (see ``command``) that runs ``on(scope, id, act)``, the
    two named by ``url``'s parameters: ("tenant", "line"), ("region", "pool")."""
    for c in commands:
        command(blp, c.path, c.schema, out, c.permission or permission)(_view(c, on, *url))


def _view(c: Command, on: On, scope: str, key: str) -> Any:
    def view(data: dict[str, Any], **url: Any) -> Any:
        ident = url[key]
        return on(url[scope], ident, lambda ledger: attrgetter(c.use)(ledger)(ident, **data))

    view.__name__ = view.__qualname__ = c.name
    view.__doc__ = c.doc
    return view


def recording(
    blp: Blueprint,
    path: str,
    schema: type[Schema] | Schema,
    out: type[Schema] | Schema,
    permission: Permission = Permission.CASE_RECORD,
    status: int = 200,
    method: str = "POST",
) -> Callable[[F], F]:
    """Register a view that records what it is sent, guarded by no ETag (a mark, an answer
    computed from a draft): ``method`` with a ``schema`` body, ``out`` back. A whole
    replacement is a ``replacement``, a new record a ``creation``."""
    return _routed(blp, path, method, schema, out, status, permission)


def replacement(
    blp: Blueprint,
    path: str,
    schema: type[Schema] | Schema,
    out: type[Schema] | Schema,
    permission: Permission,
    method: str = "PUT",
) -> Callable[[F], F]:
    """Register a view that records a whole replacement of a record: If-Match needed once the
    record exists (``if_match_once_stored``), so a replacement never drops another's edit."""
    doc = {"parameters": [IF_MATCH_ONCE_STORED_DOC], "responses": PRECONDITIONS}
    return _routed(blp, path, method, schema, out, 200, permission, doc)


def creation(
    blp: Blueprint,
    path: str,
    schema: type[Schema] | Schema,
    out: type[Schema],
    permission: Permission = Permission.CASE_RECORD,
) -> Callable[[F], F]:
    """Register a view as a create: POST the new record, 201 with it, retried safely under an
    Idempotency-Key (see ``created_once``)."""
    return _routed(
        blp, path, "POST", schema, out, 201, permission, {"parameters": [IDEMPOTENCY_DOC]}
    )


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


def admin_once(
    app: LedgerApplication, scope: str, kind: str, data: dict[str, Any], create: Callable[[], Any]
) -> None:
    """Run a platform administrator's create once per Idempotency-Key; the key is bound to the
    body alone, as any administrator may retry it."""
    key = request.headers.get("Idempotency-Key")
    create_once(app, scope, key, fingerprint("", data), kind, create)


def apply(
    tenant: str, get: Callable[[PartnershipLedger], Any], act: Callable[[PartnershipLedger], Any]
) -> tuple[Any, dict[str, str]]:
    """Check the client's ETag against the aggregate, run the use case, answer the new state.

    The version the client saw is also enforced when the use case saves, so a write that
    lands between this check and the save is refused too, never silently built upon.
    """
    with tenant_ledger(tenant) as ledger:
        return guarded(ledger, get, act)


def guarded(
    ledger: L, get: Callable[[L], Any], act: Callable[[L], Any]
) -> tuple[Any, dict[str, str]]:
    """``apply`` in a ledger already leased (a partnership's or a region's).

    The use case is handed what the check loaded (``handing_over``), so the command loads its
    aggregate once; the save still refuses it unless it stands at the version checked.
    """
    with handing_over() as handover:
        before = get(ledger)
        handover.hand()
        with if_match(before.id, stored_version(before)) as saved:
            act(ledger)
    after = saved.aggregate if type(saved.aggregate) is type(before) else get(ledger)
    return after, etag_header(stored_version(after))


def on_tenant(get: str) -> On:
    """``on`` for a register in a partnership's ledger: guarded by the ETag of what the use
    case named ``get`` (e.g. "funding.line": ``ledger.funding.line(id)``) finds by the URL's id."""
    found = attrgetter(get)
    return lambda tenant, ident, act: apply(tenant, lambda ledger: found(ledger)(ident), act)


def on_review(
    tenant: str, review: UUID, act: Callable[[PartnershipLedger], Any]
) -> tuple[Any, dict[str, str]]:
    return apply(tenant, lambda ledger: ledger.reviews.get(review), act)
