"""Every stored row of a tenant's events table, whatever its position: what an audit must read.

The library's notification reads start after position 0, so a row planted at position 0 or
below would be loaded by the application (it reads by aggregate) yet never hashed by an
audit that reads notifications. This reads the table itself, in position order, paged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

from psycopg.sql import SQL, Identifier

from adapters.library.eventsourcing import events_table
from domain.audit import RecordedEvent

PAGE = 2000
LOWEST = -(2**63)


def stored_rows(recorder: Any, page: int = PAGE) -> Iterator[RecordedEvent]:
    """Every row of ``recorder``'s events table in position order, the rows at or below 0 too."""
    after, first = LOWEST, True  # the first page includes a row at the lowest position
    while True:
        rows = _page(recorder, after, page, inclusive=first)
        first = False
        for position, originator_id, version, topic, state in rows:
            yield RecordedEvent(
                int(position), UUID(str(originator_id)), int(version), topic, _raw(state)
            )
        if len(rows) < page:
            return
        after = int(rows[-1][0])


def _page(recorder: Any, after: int, limit: int, *, inclusive: bool) -> list[tuple[Any, ...]]:
    op = ">=" if inclusive else ">"
    schema, table = events_table(recorder)
    if schema is None:  # SQLite: the position is the rowid
        sql = (
            f"SELECT rowid, originator_id, originator_version, topic, state "
            f"FROM {table} WHERE rowid {op} ? ORDER BY rowid LIMIT ?"
        )
        with recorder.datastore.transaction(commit=False) as curs:
            curs.execute(sql, (after, limit))
            return [tuple(r) for r in curs.fetchall()]
    statement = SQL(
        "SELECT notification_id, originator_id, originator_version, topic, state "
        "FROM {schema}.{table} WHERE notification_id " + op + " %s "
        "ORDER BY notification_id LIMIT %s"
    ).format(schema=Identifier(schema), table=Identifier(table))
    with recorder.datastore.transaction(commit=False) as curs:
        curs.execute(statement, (after, limit))
        return [
            (
                r["notification_id"],
                r["originator_id"],
                r["originator_version"],
                r["topic"],
                r["state"],
            )
            for r in curs.fetchall()
        ]


def _raw(state: object) -> bytes:
    """Stored state as bytes; a row edited by hand may come back as text, which must still hash."""
    if isinstance(state, bytes):
        return state
    if isinstance(state, memoryview):
        return state.tobytes()
    return str(state).encode()
