"""Table sets ("generations") and positions: what makes rebuilds atomic and effects exactly-once.

Each model's rows live in tables of one generation (``dhr_g3_cases``); ``view_generations``
says which generation readers use. A rebuild fills generation n+1 beside the live one and
swaps by updating one row, so readers see the old view or the new one, never half of it.
The previous generation is kept until the next rebuild, for readers that started before.
"""

from __future__ import annotations

from collections.abc import Sequence

from projections.model import ReadModel
from projections.port import ViewStore, ViewTx

META = (
    "CREATE TABLE IF NOT EXISTS view_generations ("
    " name TEXT PRIMARY KEY, generation INTEGER NOT NULL, version INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS view_tracking ("
    " name TEXT NOT NULL, generation INTEGER NOT NULL, source TEXT NOT NULL,"
    " notification_id BIGINT NOT NULL, PRIMARY KEY (name, generation, source))",
    "CREATE TABLE IF NOT EXISTS relay_positions ("
    " source TEXT PRIMARY KEY, notification_id BIGINT NOT NULL)",
    # how many restores of each source's store its rows were reset for (projections/restores.py)
    "CREATE TABLE IF NOT EXISTS source_restores ("
    " source TEXT PRIMARY KEY, restores INTEGER NOT NULL)",
    # events a model could not apply, set aside (projections/deadletters.py)
    "CREATE TABLE IF NOT EXISTS view_dead_letters ("
    " name TEXT NOT NULL, generation INTEGER NOT NULL, source TEXT NOT NULL,"
    " notification_id BIGINT NOT NULL, event_type TEXT NOT NULL, error TEXT NOT NULL,"
    " set_aside_at TEXT NOT NULL, attempts INTEGER NOT NULL,"
    " PRIMARY KEY (name, generation, source, notification_id))",
    # each relay's and worker's latest heartbeat (projections/health.py)
    "CREATE TABLE IF NOT EXISTS projection_heartbeats ("
    " role TEXT NOT NULL, process TEXT NOT NULL, beat_at TEXT NOT NULL,"
    " lag_events BIGINT NOT NULL, behind_since TEXT, PRIMARY KEY (role, process))",
)


def install(store: ViewStore, models: list[ReadModel]) -> None:
    """Create the bookkeeping tables, and generation 1 of any model seen for the first time."""
    with store.writing() as tx:
        tx.serialize()
        for statement in META:
            tx.execute(statement)
        for model in models:
            if current(tx, model.name) is None:
                create(tx, model, 1)
                tx.execute(
                    "INSERT INTO view_generations (name, generation, version) VALUES (?, ?, ?)",
                    (model.name, 1, model.version),
                )


def current(tx: ViewTx, name: str, *, lock: bool = False) -> int | None:
    suffix = tx.for_update if lock else ""
    row = tx.fetchone(f"SELECT generation FROM view_generations WHERE name = ?{suffix}", (name,))
    return int(row[0]) if row else None


def current_of(tx: ViewTx, names: Sequence[str], *, lock: bool = False) -> dict[str, int]:
    """``current`` of several models in one query (rows locked in name order, as one by one)."""
    if not names:
        return {}
    suffix = tx.for_update if lock else ""
    marks = ", ".join("?" for _ in names)
    rows = tx.fetchall(
        f"SELECT name, generation FROM view_generations WHERE name IN ({marks})"
        f" ORDER BY name{suffix}",
        tuple(names),
    )
    return {str(n): int(g) for n, g in rows}


def all_current(tx: ViewTx) -> dict[str, int]:
    return {str(n): int(g) for n, g in tx.fetchall("SELECT name, generation FROM view_generations")}


def stored_versions(tx: ViewTx) -> dict[str, int]:
    return {str(n): int(v) for n, v in tx.fetchall("SELECT name, version FROM view_generations")}


def create(tx: ViewTx, model: ReadModel, generation: int) -> None:
    for statement in model.create_statements(generation):
        tx.execute(statement)


def drop(tx: ViewTx, model: ReadModel, generation: int) -> None:
    for statement in model.drop_statements(generation):
        tx.execute(statement)
    tx.execute(
        "DELETE FROM view_tracking WHERE name = ? AND generation = ?", (model.name, generation)
    )
    tx.execute(
        "DELETE FROM view_dead_letters WHERE name = ? AND generation = ?", (model.name, generation)
    )


def swap(tx: ViewTx, model: ReadModel, generation: int) -> None:
    tx.execute(
        "UPDATE view_generations SET generation = ?, version = ? WHERE name = ?",
        (generation, model.version, model.name),
    )


def positions(tx: ViewTx, name: str, generation: int) -> dict[str, int]:
    rows = tx.fetchall(
        "SELECT source, notification_id FROM view_tracking WHERE name = ? AND generation = ?",
        (name, generation),
    )
    return {str(s): int(n) for s, n in rows}


def position(tx: ViewTx, name: str, generation: int, source: str) -> int:
    row = tx.fetchone(
        "SELECT notification_id FROM view_tracking WHERE name = ? AND generation = ? AND source = ?",
        (name, generation, source),
    )
    return int(row[0]) if row else 0


ADVANCE = (
    "INSERT INTO view_tracking (name, generation, source, notification_id) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (name, generation, source) DO UPDATE SET notification_id = excluded.notification_id"
)


def advance(tx: ViewTx, name: str, generation: int, source: str, notification_id: int) -> None:
    tx.execute(ADVANCE, (name, generation, source, notification_id))


def advance_all(tx: ViewTx, rows: Sequence[tuple[str, int, str, int]]) -> None:
    """``advance`` for several models at once: (name, generation, source, notification_id)."""
    if rows:
        tx.executemany(ADVANCE, rows)
