"""Replace the stored bodies of rows already written, where they lie: for events that were
kept in clear in a keyless store and have since been copied to an encrypted one.

The rows stay (same position, aggregate, version and topic): deleting them would leave a gap
that SQLite fills again (its positions are rowids, reused from the highest), so a registry
follower already past that position would miss the next event. Only the body changes, to
the same body sealed with the encrypted store's key. SQLite overwrites the freed space
(``secure_delete``); PostgreSQL keeps the old row version until vacuumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from psycopg.sql import SQL, Identifier

from adapters.library.eventsourcing import events_table


def replace_states(recorder: Any, rows: Sequence[tuple[UUID, int, bytes]]) -> None:
    """Set each ``(aggregate id, version)`` row's body to the given bytes, in one transaction."""
    if not rows:
        return
    schema, table = events_table(recorder)
    if schema is None:  # SQLite: ids are stored as hex
        with recorder.datastore.transaction(commit=True) as curs:
            curs.execute("PRAGMA secure_delete = ON")
            curs.executemany(
                f"UPDATE {table} SET state = ? WHERE originator_id = ? AND originator_version = ?",
                [(state, aggregate.hex, version) for aggregate, version, state in rows],
            )
        return
    statement = SQL(
        "UPDATE {schema}.{table} SET state = %s WHERE originator_id = %s AND originator_version = %s"
    ).format(schema=Identifier(schema), table=Identifier(table))
    with recorder.datastore.transaction(commit=True) as curs:
        for aggregate, version, state in rows:
            curs.execute(statement, (state, aggregate, version))
