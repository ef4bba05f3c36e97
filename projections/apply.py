"""Applying events: rows and positions change in one transaction, so each event counts once.

Each model gets the whole batch at once (``ReadModel.apply_batch``), so it can read and
write each of its tables once per batch rather than once per event.

An event a model cannot apply is set aside (``projections.deadletters``) and the position
moves past it, so one bad event never stops a tenant's views, or anyone else's.

A batch may arrive twice (redelivery, a relay restarted before saving its position): events
at or below a model's position are skipped. A batch that starts beyond it (a gap) is refused
whole, and the caller reads the missing events from the tenant's store instead.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from projections import generations
from projections.deadletters import apply_or_set_aside, transient
from projections.items import Item, forget
from projections.model import ReadModel, source_kind
from projections.port import ViewStore, ViewTx, chunks
from projections.rows import IN_LIST


class GapError(Exception):
    """Events are missing before this batch; catch up from the store."""


def models_for(models: Sequence[ReadModel], source: str) -> list[ReadModel]:
    kind = source_kind(source)
    return [m for m in models if m.source == kind]


def apply_items(
    store: ViewStore,
    models: Sequence[ReadModel],
    source: str,
    items: Sequence[Item],
    fixed: Mapping[str, int] | None = None,
) -> None:
    """Apply to the live generation of each model, or to ``fixed`` generations during a rebuild.

    The generations (locked, so a rebuild's swap waits) and this source's positions are read
    with one query each and the positions written with one statement: per model and query,
    a one-event batch cost some 80 round trips, most of the freshness figure's worker time.
    """
    if not items:
        return
    mine_models = models_for(models, source)
    if not mine_models:
        return
    with collector_paused():
        try:
            try:
                _apply(store, mine_models, source, items, fixed, careful=False)
            except GapError:
                raise
            except Exception as e:
                if transient(e):
                    raise
                # rolled back: again, each model in a savepoint of its own
                _apply(store, mine_models, source, items, fixed, careful=True)
        finally:
            forget(items)  # the page's decoded events die young, before the collector resumes


def _apply(
    store: ViewStore,
    mine_models: Sequence[ReadModel],
    source: str,
    items: Sequence[Item],
    fixed: Mapping[str, int] | None,
    *,
    careful: bool,
) -> None:
    """One transaction for the page. Not ``careful``: each model applies it directly, and any
    failure but the store's own trouble (``transient``) or a gap rolls the page back and
    ``apply_items`` applies it again ``careful``ly: each model in a savepoint, its failing
    events set aside (``apply_or_set_aside``). Savepoints for every model and page cost two
    round trips each on PostgreSQL, for pages that almost never fail.

    Not ``careful``, the transaction is also pipelined (``ViewStore.writing``): a failing write
    may surface after its model's turn or at commit, which is why any failure of the page, not
    only one inside a model, sends it the careful way."""
    handled = _by_model(mine_models, items)
    first = items[0].notification_id
    with store.writing(pipelined=not careful) as tx:
        gens = _generations(tx, [m.name for m in mine_models], fixed)
        at = _positions(tx, source)
        advanced: list[tuple[str, int, str, int]] = []
        for model, mine in zip(mine_models, handled, strict=True):
            gen = gens.get(model.name)
            if gen is None:
                continue
            position = at.get((model.name, gen), 0)
            if first <= position:  # some of the page was applied already (a redelivery)
                if items[-1].notification_id <= position:
                    continue
                fresh: Sequence[Item] = [i for i in items if i.notification_id > position]
                mine = [i for i in mine if i.notification_id > position]
            else:
                fresh = items  # in order: all after the position
            if fresh[0].prev > position:
                raise GapError(f"{model.name} is at {position}, batch starts after {fresh[0].prev}")
            if careful:
                apply_or_set_aside(tx, model, gen, model.table_set(gen), source, mine)
            elif mine:
                model.apply_batch(tx, model.table_set(gen), source, mine)
            advanced.append((model.name, gen, source, fresh[-1].notification_id))
        generations.advance_all(tx, advanced)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a page is applied: its decoded events are held for
    the page (``Item.memo``), and every collection meanwhile would promote them to an older
    generation, which only a full collection empties. Reference counting still frees them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _by_model(models: Sequence[ReadModel], items: Sequence[Item]) -> list[list[Item]]:
    """Each model's events of the page, in order, in one pass: asking every model about every
    event (seven models, 5,000 events a page) cost a twentieth of a catch-up."""
    handled: list[list[Item]] = [[] for _ in models]
    takers: dict[str, list[list[Item]]] = {}
    for item in items:
        if not item.wanted:
            continue
        lists = takers.get(item.topic)
        if lists is None:
            lists = takers[item.topic] = [
                h for m, h in zip(models, handled, strict=True) if m.handles(item.topic)
            ]
        for found in lists:
            found.append(item)
    return handled


def _generations(
    tx: ViewTx, names: Sequence[str], fixed: Mapping[str, int] | None
) -> dict[str, int]:
    if fixed is not None:
        return {n: fixed[n] for n in names if fixed.get(n) is not None}
    return generations.current_of(tx, names, lock=True)


def _positions(tx: ViewTx, source: str) -> dict[tuple[str, int], int]:
    rows = tx.fetchall(
        "SELECT name, generation, notification_id FROM view_tracking WHERE source = ?", (source,)
    )
    return {(str(n), int(g)): int(p) for n, g, p in rows}


def lowest_position(
    store: ViewStore,
    models: Sequence[ReadModel],
    source: str,
    fixed: Mapping[str, int] | None = None,
) -> int:
    """Where reading must resume so that every model of this source gets what it lacks."""
    return lowest_positions(store, models, [source], fixed)[source]


def lowest_positions(
    store: ViewStore,
    models: Sequence[ReadModel],
    sources: Sequence[str],
    fixed: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """``lowest_position`` of many sources in one snapshot: their positions read with one query
    per ``IN_LIST`` sources, not one per model and source (a worker's start-up: 300 tenants,
    ~2,700 round trips)."""
    with store.reading() as tx:
        gens = fixed or generations.all_current(tx)
        at: dict[tuple[str, int, str], int] = {}
        for part in chunks(list(sources), IN_LIST):
            marks = ", ".join("?" * len(part))
            for n, g, s, p in tx.fetchall(
                "SELECT name, generation, source, notification_id FROM view_tracking"
                f" WHERE source IN ({marks})",
                tuple(part),
            ):
                at[(str(n), int(g), str(s))] = int(p)
    return {
        source: min(
            (
                at.get((m.name, gens[m.name], source), 0)
                for m in models_for(models, source)
                if m.name in gens
            ),
            default=0,
        )
        for source in sources
    }
