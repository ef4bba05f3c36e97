"""An event the service cannot read, named by where it is and why, never by what it holds.

Each event body is sealed with its store's data key (AES-GCM), so one altered byte, or a key
the key store does not hold, makes that one event unreadable while the rest of the history
reads as before. The readers that must carry on past it, because an auditor needs the rest
exactly then (the audit bundle, the auditor's histories), read event by event through here and
get an ``Unreadable`` in its place. Readers over many records that serve people who did not
record them (earlier recommendations across a region, the reminder run, the auditor's list of a
partnership's cases) load each record through a ``LeftOut``: a record that cannot be read is
left out, logged by id (never by content) and counted, so the page can say so. Everything else
still fails on it, as it should.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import MapperDeserialisationError

from adapters.crypto.errors import AlteredError, KeyMissingError

A = TypeVar("A")
log = logging.getLogger(__name__)

ALTERED = (
    "its stored bytes fail their encryption's integrity check: they were changed after it was "
    "recorded, or sealed with a key this service does not hold"
)
NO_KEY = "the data key its stored bytes name is not in the key store"
NOT_A_BODY = "its stored bytes do not read as an event"


@dataclass(frozen=True)
class Unreadable:
    """A stored event in its place: its record, version, type and (where known) position."""

    originator_id: UUID
    originator_version: int
    topic: str
    why: str
    position: int | None = None

    @property
    def record(self) -> str:
        """The kind of record, as its class is named: "Action", "DomesticHomicideReview"."""
        return self.topic.split(":", 1)[-1].rsplit(".", 1)[0]

    @property
    def name(self) -> str:
        """The event's name, as its class is: "Started"."""
        return self.topic.rsplit(".", 1)[-1]


class UnreadableError(ValueError):
    """A stored body the service cannot read; ``why`` says so in words, without its content."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def why_unreadable(error: BaseException) -> str:
    """Words for what made a stored body unreadable (the library wraps the cause)."""
    seen: BaseException | None = error
    for _ in range(10):
        if seen is None:
            break
        if isinstance(seen, AlteredError):
            return ALTERED
        if isinstance(seen, KeyMissingError):
            return NO_KEY
        seen = seen.__cause__ or seen.__context__
    return NOT_A_BODY


def readable_body(app: Application, state: bytes) -> bytes:
    """The stored body as the service reads it: decrypted and decompressed, as the library's
    mapper does, and checked to decode; else ``UnreadableError``."""
    mapper = app.mapper
    try:
        if mapper.cipher is not None:
            state = mapper.cipher.decrypt(state)
        if mapper.compressor is not None:
            state = mapper.compressor.decompress(state)
        mapper.transcoder.decode(state)
    except Exception as error:  # what the mapper wraps as it reads: every failure is the body's
        raise UnreadableError(why_unreadable(error)) from error
    return state


def events_of(app: Application, originator_id: UUID) -> list[Any]:
    """A record's events in version order, an ``Unreadable`` in place of each that fails."""
    found: list[Any] = []
    for stored in app.recorder.select_events(originator_id):
        try:
            found.append(app.mapper.to_domain_event(stored))
        except MapperDeserialisationError as error:
            found.append(
                Unreadable(
                    UUID(str(stored.originator_id)),
                    stored.originator_version,
                    stored.topic,
                    why_unreadable(error),
                )
            )
    return found


def unless_unreadable(load: Callable[[], A]) -> A | None:
    """What ``load`` returns, or None if one of the events it replays cannot be read."""
    try:
        return load()
    except MapperDeserialisationError:
        return None


class LeftOut:
    """The records a reader left out because one of their events cannot be read: each is
    logged once (where and why, by id and kind) and counted for the page that says so."""

    def __init__(self, reader: str, tenant: str) -> None:
        self.reader = reader  # what was reading, for the log: "earlier recommendations"
        self.tenant = tenant  # a partnership's slug, or "@" and a region's (as seals name it)
        self.records: list[UUID] = []
        self.why: dict[UUID, str] = {}  # why each record cannot be read

    @property
    def count(self) -> int:
        return len(self.records)

    def load(self, record: UUID, load: Callable[[], A]) -> A | None:
        """What ``load`` returns, or None (and ``record`` noted) if one of its events cannot
        be read."""
        try:
            return load()
        except MapperDeserialisationError as error:
            self.note(record, why_unreadable(error))
            return None

    def note(self, record: UUID, why: str) -> None:
        if record in self.records:
            return
        self.records.append(record)
        self.why[record] = why
        log.warning(
            "%s: record %s of %s left out, one of its events cannot be read (%s)",
            self.reader,
            record,
            f"region {self.tenant[1:]}"
            if self.tenant.startswith("@")
            else f"partnership {self.tenant}",
            why,
        )


EARLIEST = datetime.min.replace(tzinfo=UTC)


def in_recorded_order(records: Iterable[Iterable[Any]]) -> list[Any]:
    """Several records' events interleaved by when they were recorded; an unreadable event,
    whose time cannot be read, stays right after the event before it in its own record."""
    keyed: list[tuple[datetime, Any]] = []
    for events in records:
        last = EARLIEST
        for event in events:
            last = last if isinstance(event, Unreadable) else event.timestamp
            keyed.append((last, event))
    keyed.sort(key=lambda pair: pair[0])  # stable: a record's own order holds within a time
    return [event for _, event in keyed]
