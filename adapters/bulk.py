"""The import path: many new events into one tenant's store at close to the database's own rate.

``Application.save`` suits a command (a handful of events). Loading a partnership's history
from a spreadsheet or another system is a million events, and through ``save`` it ran at 0.08
(PostgreSQL) and 0.35 (SQLite) of the database ingesting the same rows raw. Here the events are
mapped with the application's own transcoder, compressor and cipher (``EventRows``: the same
bytes as ``Mapper.to_stored_event``, so they replay identically) and written in one transaction
per call: binary ``COPY`` under the recorder's table lock plus ``NOTIFY`` on PostgreSQL
(``bulk_postgres``), one ``executemany`` on SQLite (``bulk_sqlite``). Version conflicts are
still refused by the primary key: the library's ``IntegrityError``, nothing written, and the
aggregates keep their pending events so the caller can reload and retry.

What it does not do, by design: run an application's save guards (``guarding_saves``, request
scoped: an import is not a request), take snapshots (not enabled here) or refresh the aggregate
cache beyond what ``save`` would.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any
from weakref import WeakKeyDictionary

from eventsourcing.application import Application
from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder

from adapters.bulk_postgres import copy_rows
from adapters.bulk_rows import EventRows
from adapters.bulk_sqlite import insert_rows, sqlite_key

_ROWS: WeakKeyDictionary[Mapper[Any], EventRows] = WeakKeyDictionary()  # one per application


def append_in_bulk(app: Application[Any], aggregates: Iterable[Any]) -> int:
    """Store every pending event of ``aggregates`` in one transaction; returns how many.

    All or nothing: on a conflict the library's ``IntegrityError`` is raised and the aggregates
    keep their pending events. Once stored, their pending events are collected, as by ``save``.
    """
    aggregates = list(aggregates)
    events = [event for aggregate in aggregates for event in aggregate.pending_events]
    if not events:
        return 0
    rows = _ROWS.get(app.mapper) or _ROWS.setdefault(app.mapper, EventRows(app.mapper))
    recorder = app.recorder
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived dicts would trigger full collections for nothing
    try:
        if isinstance(recorder, PostgresApplicationRecorder):
            copy_rows(recorder, rows(events))
        elif isinstance(recorder, SQLiteApplicationRecorder):
            insert_rows(recorder, rows(events, sqlite_key))
        else:  # the in-memory store of unit tests: its own all-or-nothing insert
            recorder.insert_events([StoredEvent(*row) for row in rows(events)])
    finally:
        if collecting:
            gc.enable()
    cache = app.repository.cache
    for aggregate in aggregates:
        aggregate.collect_events()
        if cache is not None and not app.repository.fastforward:
            cache.put(aggregate.id, aggregate)  # what ``save`` does for such a cache
    return len(events)
