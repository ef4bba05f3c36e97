"""A retried create must not create twice, even across processes and restarts.

The key is stored as an aggregate in the same store, saved in the *same transaction* as the
create (a save guard appends it to the create's ``save``), so either both exist or neither.
A retry finds the record and answers with what the first request created; a concurrent
duplicate loses the insert race on the record, rolls back its create, and replays too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError

from domain.errors import DomainError, InvalidValueError
from domain.recording import LedgerAggregate
from tenants.application import LedgerApplication, SaveGuard, guarding_saves
from tenants.model import PLATFORM_NAMESPACE


class _KeyTaken(Exception):
    """Another request with the same key created first; replay its result."""


class IdempotencyRecord(LedgerAggregate):
    @staticmethod
    def create_id(scope: str, key: str) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"idempotency:{scope}:{key}")

    @event("Used")
    def __init__(
        self, scope: str, key: str, fingerprint: str, created: tuple[tuple[str, str], ...]
    ) -> None:
        self.fingerprint = fingerprint
        self.created = tuple(tuple(c) for c in created)

    def created_id(self, kind: str) -> str | None:
        return next((i for k, i in self.created if k == kind), None)


def fingerprint(actor: str, body: Any) -> str:
    raw = json.dumps([actor, body], sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


Made = Callable[[Sequence[Any]], Iterable[tuple[str, str]]]


def _recording(
    spec: tuple[str, str, str], target: LedgerApplication, made: Made | None
) -> SaveGuard:
    """A save guard that adds the key's record to the create's own transaction."""

    def guard(app: LedgerApplication, objs: Sequence[Any]) -> Sequence[Any]:
        if app is not target:
            return ()
        record_id = IdempotencyRecord.create_id(spec[0], spec[1])
        if record_id in app.repository:  # a retry inside the use case after a same-key winner
            raise _KeyTaken()
        created = tuple(
            (type(o).__name__, str(o.id))
            for o in objs
            if isinstance(o, Aggregate)
            and o.pending_events
            and o.pending_events[0].originator_version == 1
        ) + (tuple(made(objs)) if made else ())
        return (
            IdempotencyRecord(scope=spec[0], key=spec[1], fingerprint=spec[2], created=created),
        )

    return guard


def create_once(
    app: LedgerApplication,
    scope: str,
    key: str | None,
    print_: str,
    kind: str | None,
    create: Callable[[], Any],
    made: Made | None = None,
) -> tuple[Any, bool]:
    """Run ``create`` once per (scope, key); returns (created id or result, replayed?).

    ``kind`` is the type of the record ``create`` starts, whose id a replay answers; None for
    a change to a record that exists already (a page's step), whose replay answers "".
    ``made`` names, from the objects the create saves, what it made that is no record of its
    own (a case's new document is a number inside the case's documents record) as (kind, id)
    pairs, so a replay answers that id for its kind."""
    if not key:
        return create(), False
    if len(key) > 200:
        raise InvalidValueError("Idempotency-Key is at most 200 characters; send a shorter one.")
    record_id = IdempotencyRecord.create_id(scope, key)
    found = _replay(app, record_id, print_, kind)
    if found is not None:
        return found, True
    try:
        with guarding_saves(_recording((scope, key, print_), app, made)):
            return create(), False
    except (IntegrityError, DomainError, _KeyTaken):
        found = _replay(app, record_id, print_, kind)
        if found is None:
            raise
        return found, True


def _replay(app: LedgerApplication, record_id: UUID, print_: str, kind: str | None) -> str | None:
    try:
        record: Any = app.repository.get(record_id)
    except AggregateNotFoundError:
        return None
    if record.fingerprint != print_:
        raise InvalidValueError(
            "This Idempotency-Key was already used for a different request; "
            "use a new key for a new record."
        )
    created = record.created_id(kind) if kind else ""
    if created is None:
        raise InvalidValueError(
            "This Idempotency-Key was used for another kind of record; use a new key."
        )
    return created
