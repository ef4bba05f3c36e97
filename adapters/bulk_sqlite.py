"""Append rows to a tenant's SQLite events table with one ``executemany`` in one transaction.

The library's recorder runs one ``execute`` per event (it wants each ``lastrowid``); an import
needs none of them back. The write goes through the recorder's own datastore, so it takes the
writer's turn in the connection pool like any save, and its transaction turns an
``sqlite3.IntegrityError`` (a stored ``(originator_id, originator_version)`` again) into the
library's ``IntegrityError`` after rolling the whole batch back. Subscribers notice the file
change (``projections/doorbell.py``), as they do for any save.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from uuid import UUID

from eventsourcing.sqlite import SQLiteApplicationRecorder

from adapters.bulk_rows import Row
from adapters.library.eventsourcing import insert_statement


def insert_rows(recorder: SQLiteApplicationRecorder, rows: Iterable[Row]) -> None:
    """Write every row in one transaction, or none of them."""
    with recorder.datastore.transaction(commit=True) as cursor:
        cursor.executemany(insert_statement(recorder), _parameters(rows))


def _parameters(rows: Iterable[Row]) -> Iterator[tuple[str, int, str, bytes]]:
    """The recorder's own spelling of ids: a UUID's hex (no dashes), any other id as text."""
    for originator_id, version, topic, state in rows:
        key = originator_id.hex if isinstance(originator_id, UUID) else originator_id
        yield key, version, topic, state
