"""Events a read model cannot apply are set aside, so one bad event never stops the views.

A page is first applied with no savepoint (``projections.apply``); if a model fails on it, the
page's transaction is rolled back and the page applied again with each model inside a savepoint
(here); if the model fails on it there, the page is applied again
one event at a time, each in a savepoint of its own, and each event that still fails is
recorded in ``view_dead_letters`` (model, generation, tenant, position, event type, error)
while the position moves past it. The tenant's other events and every other tenant go on.
``retry`` applies the set-aside events again once the cause is fixed; a rebuild re-applies
everything and sets aside afresh in its own generation.

Errors of the connection (the store went away) are not the event's fault: they propagate,
and the worker reconnects and tries the same page again.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
import psycopg_pool

from projections import generations
from projections.items import Item
from projections.model import ReadModel, Tables, qualname_of
from projections.port import ViewStore, ViewTx
from projections.sources import Sources

log = logging.getLogger(__name__)

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


@dataclass(frozen=True)
class DeadLetter:
    view: str
    generation: int
    tenant: str  # or ":registry"
    position: int  # the event's notification id in the tenant's log
    event_type: str  # ``DomesticHomicideReview.Decided``
    error: str
    set_aside_at: str  # ISO UTC
    attempts: int


def transient(error: BaseException) -> bool:
    """The store or its connection failed, not the event: worth trying the same page again."""
    if isinstance(
        error,
        psycopg.OperationalError | psycopg.InterfaceError | psycopg_pool.PoolTimeout | OSError,
    ):
        return True
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def describe(error: BaseException) -> str:
    """The error's type and message with quoted values blanked: they may be case content."""
    return f"{type(error).__name__}: {_QUOTED.sub('…', str(error))}"[:500]


@contextmanager
def savepoint(tx: ViewTx) -> Iterator[None]:
    tx.execute("SAVEPOINT ledger_apply")
    try:
        yield
    except BaseException:
        tx.execute("ROLLBACK TO SAVEPOINT ledger_apply")
        tx.execute("RELEASE SAVEPOINT ledger_apply")
        raise
    tx.execute("RELEASE SAVEPOINT ledger_apply")


def apply_or_set_aside(
    tx: ViewTx,
    model: ReadModel,
    generation: int,
    tables: Tables,
    source: str,
    items: Sequence[Item],
) -> None:
    """Apply ``items`` to ``model``; set aside each one it cannot apply."""
    if not items:
        return
    try:
        with savepoint(tx):
            model.apply_batch(tx, tables, source, items)
        return
    except Exception as e:  # noqa: BLE001 - sorted below: transient errors propagate
        if transient(e):
            raise
    for item in items:
        try:
            with savepoint(tx):
                model.apply_batch(tx, tables, source, [item])
        except Exception as e:  # noqa: BLE001
            if transient(e):
                raise
            set_aside(tx, model.name, generation, source, item, e)


def set_aside(
    tx: ViewTx, name: str, generation: int, source: str, item: Item, error: BaseException
) -> None:
    log.error(
        "read model %s set aside event %s of %s at position %d: %s "
        "(fix the cause, then run `ledger projections retry`)",
        name,
        qualname_of(item.topic),
        source,
        item.notification_id,
        type(error).__name__,
    )
    tx.execute(
        "INSERT INTO view_dead_letters (name, generation, source, notification_id, event_type,"
        " error, set_aside_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
        " ON CONFLICT (name, generation, source, notification_id) DO UPDATE SET"
        " error = excluded.error, attempts = view_dead_letters.attempts + 1",
        (
            name,
            generation,
            source,
            item.notification_id,
            qualname_of(item.topic),
            describe(error),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def dead_letters(tx: ViewTx, live: dict[str, int] | None = None) -> list[DeadLetter]:
    """The events set aside by the live generation of each model (all generations if None)."""
    rows = tx.fetchall(
        "SELECT name, generation, source, notification_id, event_type, error, set_aside_at,"
        " attempts FROM view_dead_letters ORDER BY source, notification_id, name"
    )
    found = [
        DeadLetter(str(n), int(g), str(s), int(p), str(t), str(e), str(at), int(a))
        for n, g, s, p, t, e, at, a in rows
    ]
    return [d for d in found if live is None or live.get(d.view) == d.generation]


def retry(
    views: ViewStore, sources: Sources, models: Sequence[ReadModel]
) -> tuple[int, list[DeadLetter]]:
    """Apply every set-aside event of the live generations again; how many now applied, and
    those still failing (their error brought up to date)."""
    by_name = {m.name: m for m in models}
    with views.reading() as tx:
        waiting = dead_letters(tx, generations.all_current(tx))
    applied = 0
    for letter in waiting:
        model = by_name.get(letter.view)
        if model is None:
            continue
        item = _read(sources, letter)
        with views.writing() as tx:
            if generations.current(tx, model.name, lock=True) != letter.generation:
                continue  # a rebuild swapped in a new generation meanwhile
            try:
                if item is not None and model.handles(item.topic):
                    with savepoint(tx):
                        model.apply_batch(
                            tx, model.table_set(letter.generation), letter.tenant, [item]
                        )
            except Exception as e:  # noqa: BLE001
                if transient(e):
                    raise
                assert item is not None
                set_aside(tx, model.name, letter.generation, letter.tenant, item, e)
                continue
            tx.execute(
                "DELETE FROM view_dead_letters WHERE name = ? AND generation = ? AND source = ?"
                " AND notification_id = ?",
                (model.name, letter.generation, letter.tenant, letter.position),
            )
            applied += 1
    with views.reading() as tx:
        return applied, dead_letters(tx, generations.all_current(tx))


def _read(sources: Sources, letter: DeadLetter) -> Item | None:
    """The set-aside event from the tenant's own store (None if it is no longer there)."""
    with sources.app(letter.tenant) as app:
        notes = app.recorder.select_notifications(letter.position, 1, inclusive_of_start=True)
        notes = [n for n in notes if n.id == letter.position]
        if not notes:
            return None
        return Item(notes[0].id, notes[0].id - 1, notes[0].topic, notes[0], app.mapper)
