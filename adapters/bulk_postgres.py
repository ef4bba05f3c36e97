"""Append rows to a tenant's PostgreSQL events table with one binary ``COPY``.

The library inserts through ``unnest`` of an array of composite values built in Python, which
costs more than the encoding itself. ``COPY ... (FORMAT BINARY)`` streams rows packed with
``struct`` (no hex escaping, no per-field adaptation), in chunks, so the server ingests one chunk
while Python encodes the next. It runs in one transaction that first takes the very locks the
library's recorder takes (``copy_target``: ``EXCLUSIVE`` on the table), so
notification ids are issued in commit order and a subscriber tailing the table never passes a
gap that fills later; and it ``NOTIFY``s the table's channel (delivered at commit), as the
recorder does, so the relay and any library subscription wake. A primary-key clash
(``originator_id, originator_version``) aborts the ``COPY``: the library's ``IntegrityError``
is raised and nothing of the batch is written.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from contextlib import suppress
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL

from adapters.bulk_rows import Row
from adapters.library.eventsourcing import copy_target

CHUNK_ROWS = 128  # rows per write (~25 kB): the server ingests one while Python encodes the next
ATTEMPTS = 3  # a pooled connection can be stale after a server restart, as the recorder knows

_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
_TRAILER = struct.pack(">h", -1)
_UUID_ROW = struct.Struct(">hi16siq").pack  # 4 fields; uuid (16 bytes); bigint (8 bytes)
_TEXT_ID = struct.Struct(">hi").pack
_VERSION = struct.Struct(">iq").pack
_LENGTH = struct.Struct(">i").pack


def copy_rows(recorder: PostgresApplicationRecorder, rows: Iterable[Row]) -> None:
    """Write every row in one transaction, or none of them."""
    chunks = _Chunks(_packed(rows))
    for attempt in range(1, ATTEMPTS + 1):
        try:
            _copy_once(recorder, chunks)
            return
        except (InterfaceError, OperationalError):
            if attempt == ATTEMPTS:
                raise


def _copy_once(recorder: PostgresApplicationRecorder, chunks: Iterable[bytes]) -> None:
    datastore = recorder.datastore
    table, prepare = copy_target(recorder)  # its lock statements and NOTIFY, one round trip
    copy_sql = SQL(
        "COPY {0} (originator_id, originator_version, topic, state) FROM STDIN (FORMAT BINARY)"
    ).format(table)
    with datastore.get_connection() as conn, conn.cursor() as curs:
        # The pool's connections are in autocommit mode: BEGIN goes with the locks and the
        # NOTIFY, one round trip instead of two (most batches of an import are small).
        try:
            curs.execute(SQL("BEGIN; ") + prepare)
            with curs.copy(copy_sql) as copy:
                copy.write(_HEADER)
                for chunk in chunks:
                    copy.write(chunk)
                copy.write(_TRAILER)
            curs.execute("COMMIT")
        except BaseException:
            if not conn.closed:
                with suppress(Exception):  # the error that brought us here is the one to tell
                    conn.execute("ROLLBACK")
            raise


def _packed(rows: Iterable[Row]) -> Iterator[bytes]:
    """Rows in PostgreSQL's binary COPY tuple format, ``CHUNK_ROWS`` per bytes object."""
    topics: dict[str, bytes] = {}
    buffer: list[bytes] = []
    append = buffer.append
    last_id: object = None
    id_bytes = b""
    for originator_id, version, topic, state in rows:
        segment = topics.get(topic)
        if segment is None:
            encoded = topic.encode("utf8")
            segment = topics[topic] = _LENGTH(len(encoded)) + encoded
        if isinstance(originator_id, UUID):
            if originator_id is not last_id:  # an aggregate's events come together
                last_id, id_bytes = originator_id, originator_id.bytes
            append(_UUID_ROW(4, 16, id_bytes, 8, version))
        else:  # a text originator id column
            encoded = str(originator_id).encode("utf8")
            append(_TEXT_ID(4, len(encoded)) + encoded + _VERSION(8, version))
        append(segment)
        append(_LENGTH(len(state)))
        append(state)
        if len(buffer) >= 4 * CHUNK_ROWS:
            yield b"".join(buffer)
            buffer.clear()
    if buffer:
        yield b"".join(buffer)


class _Chunks:
    """Chunks encoded once: a retry after a dropped connection resends them without re-encoding."""

    def __init__(self, source: Iterator[bytes]) -> None:
        self._source = source
        self._done: list[bytes] = []

    def __iter__(self) -> Iterator[bytes]:
        yield from list(self._done)
        for chunk in self._source:
            self._done.append(chunk)
            yield chunk
