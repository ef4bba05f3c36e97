"""Append rows to a tenant's SQLite events table with one ``executemany`` in one transaction.

The library's recorder runs one ``execute`` per event (it wants each ``lastrowid``); an import
needs none of them back. The write goes through the recorder's own datastore, so it takes the
writer's turn in the connection pool like any save, and its transaction turns an
``sqlite3.IntegrityError`` (a stored ``(originator_id, originator_version)`` again) into the
library's ``IntegrityError`` after rolling the whole batch back. Subscribers notice the file
change (``projections/doorbell.py``), as they do for any save.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from eventsourcing.sqlite import SQLiteApplicationRecorder

from adapters.bulk_rows import Row
from adapters.library.eventsourcing import insert_statement


def insert_rows(recorder: SQLiteApplicationRecorder, rows: Iterable[Row]) -> None:
    """Write every row in one transaction, or none of them. ``rows`` spell their ids as the
    recorder does (``sqlite_key``)."""
    with recorder.datastore.transaction(commit=True) as cursor:
        cursor.executemany(insert_statement(recorder), rows)


def sqlite_key(originator_id: UUID | str) -> str:
    """The recorder's own spelling of ids: a UUID's hex (no dashes), any other id as text."""
    return originator_id.hex if isinstance(originator_id, UUID) else originator_id
