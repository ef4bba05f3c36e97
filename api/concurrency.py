"""Optimistic concurrency over HTTP: an aggregate's version is its ETag.

Commands on an existing aggregate must send ``If-Match`` with the ETag they read; a stale one
answers 412 so two officers never overwrite each other, a missing one 428.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar
from uuid import UUID

from flask import request
from flask_smorest import abort

from domain.errors import ConcurrentChangeError
from tenants.application import LedgerApplication, SaveGuard, guarding_saves

F = TypeVar("F", bound=Callable[..., Any])

IF_MATCH_DOC = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "schema": {"type": "string"},
    "description": "The ETag from your last GET of this resource, exactly as sent: a weak "
    "ETag (W/...) never matches (412) and * is refused (428).",
}
IF_MATCH_ONCE_STORED_DOC = {
    **IF_MATCH_DOC,
    "required": False,
    "description": "The ETag from your last GET of this resource, once anything is recorded "
    'there: the first record, while the GET answers ETag "0", may go without it.',
}
IDEMPOTENCY_DOC = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "Any unique string; a retried create with the same key returns the first result.",
}


def etag(version: int) -> str:
    return f'"{version}"'


def stored_version(obj: Any) -> int:
    """The version an aggregate was last saved at: what the save guard compares, so the ETag.

    A record created on first use (a tenant's taxonomy, its settings) is handed out with its
    first event still pending; until saved it stands at version 0.
    """
    return int(obj.version) - len(getattr(obj, "pending_events", ()))


def etag_header(version: int) -> dict[str, str]:
    return {"ETag": etag(version)}


def check_if_match(current_version: int) -> None:
    """Refuse the command unless the client saw the current version.

    Only the exact ETag shows that: a weak one (``W/"3"``) is never ours, and ``*`` (any
    version) would let a client change what it never read.
    """
    sent = request.headers.get("If-Match") or ""
    if not sent:
        abort(
            428,
            message="This command changes an existing record: GET it first and send its "
            "ETag in an If-Match header.",
        )
    tags = [t.strip() for t in sent.split(",")]
    if "*" in tags:
        abort(
            428,
            message="If-Match: * matches any version, so it cannot show you saw this one: GET "
            "the record first and send its ETag in If-Match.",
        )
    if etag(current_version) not in tags:  # strong comparison (RFC 9110 §13.1.1): W/ never matches
        weak = "W/" + etag(current_version) in tags
        abort(
            412,
            message=(
                f"A weak ETag never matches: send If-Match: {etag(current_version)}, the ETag "
                "exactly as the GET answered it."
                if weak
                else f"This record changed since you read it (now {etag(current_version)}); "
                "GET it again, check the changes, then retry with the new ETag."
            ),
            headers=etag_header(current_version),
        )


class Saved:
    """What a guarded command saved of the aggregate it was guarding, if anything."""

    aggregate: Any = None


def expecting(aggregate_id: UUID, version: int, saved: Saved | None = None) -> SaveGuard:
    """A save guard refusing to save ``aggregate_id`` unless it still stood at ``version``.

    It also hands back the saved aggregate, so the response need not read it again.
    """

    def guard(_: LedgerApplication, objs: Sequence[Any]) -> Sequence[Any]:
        for obj in objs:
            if getattr(obj, "id", None) != aggregate_id:
                continue
            stood_at = stored_version(obj)
            if stood_at != version:
                raise ConcurrentChangeError(
                    f"This record changed while your command ran (now {etag(stood_at)}); "
                    "GET it again, check the changes, then retry with the new ETag.",
                    stood_at,
                )
            if saved is not None:
                saved.aggregate = obj
        return ()

    return guard


@contextmanager
def if_match(aggregate_id: UUID, version: int) -> Iterator[Saved]:
    """Refuse unless the client saw ``version``, both now and when the change is saved."""
    check_if_match(version)
    saved = Saved()
    with guarding_saves(expecting(aggregate_id, version, saved)):
        yield saved


@contextmanager
def if_match_once_stored(aggregate_id: UUID, version: int) -> Iterator[Saved]:
    """``if_match`` for a record that a replacement creates when nothing is stored yet
    (``version`` 0): that first one may come without If-Match, as it overwrites nothing, and
    is still refused at save if another request created the record meanwhile."""
    if version or request.headers.get("If-Match"):
        check_if_match(version)
    saved = Saved()
    with guarding_saves(expecting(aggregate_id, version, saved)):
        yield saved
