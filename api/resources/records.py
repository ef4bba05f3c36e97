"""Opening a record and reading one by its id, as data: the same two views serve a partnership's
ledger and a region's (a budget line, a pooled budget), as ``Command`` serves the commands on it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema

from api.concurrency import etag_header, stored_version
from api.policy import Permission
from api.resources.commands import command, created_once, creation
from api.resources.reads import query

Lease = Callable[..., AbstractContextManager[Any]]  # lease(tenant or region, writing=...)


@dataclass(frozen=True)
class Record:
    """POST ``path`` opens one through the use case ``open`` (its service and method:
    "funding.open_line"); GET ``item`` reads one through ``get`` by the URL's id. ``names`` and
    ``docs`` are the two views' (endpoints') names and summaries. With ``once`` (the
    idempotency scope and the kind), the create is retried safely under an Idempotency-Key;
    without, it is a command answering 201. With ``listing`` (the view's name, the use case
    answering every record: "services.all", its summary), GET ``path`` lists them."""

    path: str
    item: str
    schema: Schema | type[Schema]
    out: type[Schema]
    open: str
    get: str
    names: tuple[str, str]
    docs: tuple[str, str]
    once: tuple[str, str] | None = None
    listing: tuple[str, str, str] | None = None


def serve(
    blp: Blueprint,
    record: Record,
    lease: Lease,
    url: tuple[str, str],
    permissions: tuple[Permission, Permission],
    check: Callable[[Any, Any], None] | None = None,
) -> None:
    """Register the record's create and read in ``blp``: ``url`` names the URL's scope and id
    ("region", "reference"); ``permissions`` are the write's and the read's; ``check(ledger,
    id)``, when given, refuses a read before the record is found (who may see a pot)."""
    scope, key = url
    write, read = permissions

    def opened(data: dict[str, Any], **args: Any) -> Any:
        with lease(args[scope]) as ledger:
            if record.once is None:
                found = attrgetter(record.open)(ledger)(**data)
                return found, etag_header(stored_version(found))
            create, get = attrgetter(record.open, record.get)(ledger)
            return created_once(ledger, *record.once, record.schema, data, create, get)  # type: ignore[arg-type]

    def got(**args: Any) -> Any:
        with lease(args[scope], writing=False) as ledger:
            if check is not None:
                check(ledger, args[key])
            found = attrgetter(record.get)(ledger)(args[key])
            return found, etag_header(stored_version(found))

    if record.once is None:
        command(blp, record.path, record.schema, record.out, write, 201)(_named(opened, record, 0))
    else:
        creation(blp, record.path, record.schema, record.out, write)(_named(opened, record, 0))
    query(blp, record.item, record.out, read)(_named(got, record, 1))
    if record.listing is not None:
        name, use, summary = record.listing

        def listed(**args: Any) -> Any:
            with lease(args[scope], writing=False) as ledger:
                return attrgetter(use)(ledger)()

        listed.__name__ = listed.__qualname__ = name
        listed.__doc__ = summary
        query(blp, record.path, record.out(many=True), read)(listed)


def _named(view: Callable[..., Any], record: Record, which: int) -> Callable[..., Any]:
    view.__name__ = view.__qualname__ = record.names[which]
    view.__doc__ = record.docs[which]
    return view
