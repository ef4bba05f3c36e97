"""Events a read model cannot apply are set aside, so one bad event never stops the views.

A page is first applied with no savepoint (``projections.apply``); if a model fails on it, the
page's transaction is rolled back and the page applied again with each model inside a savepoint
(here); if the model fails on it there, the page is applied again
one event at a time, each in a savepoint of its own, and each event that still fails is
recorded in ``view_dead_letters`` (model, generation, tenant, position, event type, error)
while the position moves past it. The tenant's other events and every other tenant go on.
``retry`` replays, once the cause is fixed, each (model, tenant) that set an event aside from
the start: models depend on the order of a record's events (an update before the row it
updates is lost; a correction is applied by difference), so the set-aside event cannot just
be applied late. A rebuild re-applies everything and sets aside afresh in its own generation.

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
from projections.model import ReadModel, Tables, qualname_of, source_kind
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
) -> list[int]:
    """Apply ``items`` to ``model``; set aside each one it cannot apply (their positions)."""
    if not items:
        return []
    try:
        with savepoint(tx):
            model.apply_batch(tx, tables, source, items)
        return []
    except Exception as e:  # noqa: BLE001 - sorted below: transient errors propagate
        if transient(e):
            raise
    aside: list[int] = []
    for item in items:
        try:
            with savepoint(tx):
                model.apply_batch(tx, tables, source, [item])
        except Exception as e:  # noqa: BLE001
            if transient(e):
                raise
            set_aside(tx, model.name, generation, source, item, e)
            aside.append(item.notification_id)
    return aside


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
    views: ViewStore, sources: Sources, models: Sequence[ReadModel], batch: int = 5000
) -> tuple[int, list[DeadLetter]]:
    """Replay each (model, tenant) with set-aside events in the live generations; how many of
    those events now applied, and those still failing (their error brought up to date)."""
    by_name = {m.name: m for m in models}
    with views.reading() as tx:
        waiting = dead_letters(tx, generations.all_current(tx))
    todo = sorted({(d.view, d.generation, d.tenant) for d in waiting if d.view in by_name})
    for name, generation, source in todo:
        _replay(views, sources, by_name[name], generation, source, batch)
    with views.reading() as tx:
        failing = dead_letters(tx, generations.all_current(tx))
    still = {(d.view, d.tenant, d.position) for d in failing}
    applied = sum(
        1 for d in waiting if d.view in by_name and (d.view, d.tenant, d.position) not in still
    )
    return applied, failing


def _replay(
    views: ViewStore, sources: Sources, model: ReadModel, generation: int, source: str, batch: int
) -> None:
    """In one transaction: forget the source's rows in ``model``'s live tables and apply its
    events again in order, up to the position the live view had reached (the worker goes on
    from there), setting aside what still fails. The set-aside events that now applied are
    cleared only if all of it commits."""
    with views.writing() as tx:
        if generations.current(tx, model.name, lock=True) != generation:
            return  # a rebuild swapped in a new generation meanwhile: it re-applied them
        reached = generations.position(tx, model.name, generation, source)
        tables = model.table_set(generation)
        for short in model.tables:
            if source_kind(source) == "registry":  # the one source of its model's rows
                tx.execute(f"DELETE FROM {tables[short]}")
            else:
                tx.execute(f"DELETE FROM {tables[short]} WHERE tenant = ?", (source,))
        aside: list[int] = []
        after = 0
        while after < reached:
            items = [i for i in sources.read(source, after, batch) if i.notification_id <= reached]
            if not items:
                break
            mine = [i for i in items if i.wanted and model.handles(i.topic)]
            aside += apply_or_set_aside(tx, model, generation, tables, source, mine)
            after = items[-1].notification_id
        still = f" AND notification_id NOT IN ({', '.join('?' for _ in aside)})" if aside else ""
        tx.execute(
            "DELETE FROM view_dead_letters WHERE name = ? AND generation = ? AND source = ?"
            + still,
            (model.name, generation, source, *aside),
        )
