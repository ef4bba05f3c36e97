"""Every stored row of a tenant's events table, whatever its position: what an audit must read.

The library's notification reads start after position 0, so a row planted at position 0 or
below would be loaded by the application (it reads by aggregate) yet never hashed by an
audit that reads notifications. This reads the table itself, in position order, paged.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
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
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1].position


def _page(recorder: Any, after: int, limit: int, *, inclusive: bool) -> list[RecordedEvent]:
    op = ">=" if inclusive else ">"
    schema, table = events_table(recorder)
    if schema is None:  # SQLite: the position is the rowid
        sql = (
            "SELECT rowid, typeof(originator_id), CAST(originator_id AS BLOB), "
            "typeof(originator_version), CAST(originator_version AS BLOB), "
            "typeof(topic), CAST(topic AS BLOB), typeof(state), CAST(state AS BLOB) "
            f"FROM {table} WHERE rowid {op} ? ORDER BY rowid LIMIT ?"
        )
        with recorder.datastore.transaction(commit=False) as curs:
            curs.execute(sql, (after, limit))
            return [_sqlite_row(tuple(r)) for r in curs.fetchall()]
    statement = SQL(
        "SELECT notification_id, originator_id, originator_version, topic, state "
        "FROM {schema}.{table} WHERE notification_id " + op + " %s "
        "ORDER BY notification_id LIMIT %s"
    ).format(schema=Identifier(schema), table=Identifier(table))
    with recorder.datastore.transaction(commit=False) as curs:
        curs.execute(statement, (after, limit))
        return [
            RecordedEvent(
                int(r["notification_id"]),
                UUID(str(r["originator_id"])),
                int(r["originator_version"]),
                r["topic"],
                _raw(r["state"]),
            )
            for r in curs.fetchall()
        ]


def originators_by_topic(recorder: Any, topics: Collection[str]) -> dict[str, set[UUID]]:
    """The ids of the records with an event of each of ``topics`` (stored in clear), in one
    read of the table that never touches a body, so a row edited past decoding cannot stop it."""
    found: dict[str, set[UUID]] = {topic: set() for topic in topics}
    if not found:
        return found
    schema, table = events_table(recorder)
    with recorder.datastore.transaction(commit=False) as curs:
        if schema is None:
            marks = ", ".join("?" * len(found))
            curs.execute(
                f"SELECT DISTINCT topic, CAST(originator_id AS BLOB) FROM {table} "
                f"WHERE topic IN ({marks})",
                tuple(found),
            )
            rows = [(str(t), _uuid(_text(i))) for t, i in curs.fetchall()]
        else:
            curs.execute(
                SQL(
                    "SELECT DISTINCT topic, originator_id FROM {schema}.{table} "
                    "WHERE topic = ANY(%s)"
                ).format(schema=Identifier(schema), table=Identifier(table)),
                (list(found),),
            )
            rows = [(str(r["topic"]), UUID(str(r["originator_id"]))) for r in curs.fetchall()]
    for topic, originator_id in rows:
        if originator_id is not None:
            found[topic].add(originator_id)
    return found


def _sqlite_row(row: tuple[Any, ...]) -> RecordedEvent:
    """One SQLite row as the chain hashes it (as before this check: the id's UUID, the text's
    UTF-8 bytes), and what in it the library would not have written."""
    position, id_type, id_bytes, version_type, version_bytes, topic_type, topic_bytes = row[:7]
    state_type, state = row[7:]
    wrong: list[str] = []
    id_text = _text(id_bytes)
    originator_id = _uuid(id_text)
    if id_type != "text" or originator_id is None or originator_id.hex != id_text:
        wrong.append(
            f"its record id is stored as {id_type} {id_text!r}, not as a lower-case hex id"
        )
    version = _integer(version_bytes) if version_type == "integer" else 0
    if version_type != "integer":
        wrong.append(
            f"its version is stored as {version_type} {_text(version_bytes)!r}, not as an integer"
        )
    topic = (topic_bytes or b"").decode("utf-8", "replace")
    if topic_type != "text" or topic.encode() != (topic_bytes or b""):
        wrong.append(f"its kind of event is stored as {topic_type}, not as UTF-8 text")
    if state_type != "blob":
        wrong.append(f"its body is stored as {state_type}, not as bytes")
    return RecordedEvent(
        int(position),
        originator_id or UUID(int=0),  # an id that is no UUID at all hashes as the nil UUID
        version,
        topic,
        _raw(state),
        "; ".join(wrong),
    )


def _text(stored: bytes | None) -> str:
    return (stored or b"").decode("utf-8", "surrogateescape")


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


def _integer(stored: bytes | None) -> int:
    try:
        return int(stored or b"")
    except ValueError:
        return 0


def _raw(state: object) -> bytes:
    """Stored state as bytes (a NULL as none)."""
    if isinstance(state, bytes):
        return state
    if isinstance(state, memoryview):
        return state.tobytes()
    return b"" if state is None else str(state).encode()
