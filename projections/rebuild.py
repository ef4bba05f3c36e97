"""Rebuilding a read model into a fresh table set, then swapping it in atomically.

The live generation keeps serving (and the worker keeps updating it) while generation n+1
is filled from the stores. The swap happens in one transaction, under the same lock the
worker takes, and only once the new generation has caught up with the live one for every
tenant; otherwise it catches up again and retries. Readers see the old view or the new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from projections import generations
from projections.catchup import catch_up_all
from projections.model import REGISTRY_SOURCE, ReadModel
from projections.port import ViewStore, ViewTx
from projections.sources import Sources
from projections.views import all_models
from tenants.platform import Platform

Progress = Callable[[int], None]


def select(names: Sequence[str]) -> list[ReadModel]:
    models = all_models()
    unknown = sorted(set(names) - {m.name for m in models})
    if unknown:
        known = ", ".join(m.name for m in models)
        raise ValueError(f"No read model named {', '.join(unknown)}; choose from: {known}.")
    return [m for m in models if not names or m.name in names]


def events_to_read(platform: Platform, models: Sequence[ReadModel]) -> int:
    """How many notifications a rebuild reads: the progress bar's length."""
    sources = Sources(platform, frozenset())
    return sum(sources.max_id(s) for s in _sources(sources, models))


def rebuild(
    views: ViewStore,
    platform: Platform,
    models: Sequence[ReadModel],
    progress: Progress | None = None,
) -> dict[str, int]:
    """Rebuild ``models``; return the generation now live for each."""
    generations.install(views, all_models())
    fresh = _prepare(views, models)
    sources = Sources(platform, frozenset().union(*(m.topics_of_interest() for m in models)))
    catch_up_all(views, models, sources, _sources(sources, models), fixed=fresh, progress=progress)
    for _ in range(100):
        if _swap_if_caught_up(views, models, fresh, sources):
            return fresh
        catch_up_all(views, models, sources, _sources(sources, models), fixed=fresh)
    raise RuntimeError(
        "The live views kept moving ahead of the rebuild; run the rebuild again when quieter."
    )


def outdated(views: ViewStore) -> list[ReadModel]:
    """The read models whose live tables an earlier version of the code built."""
    generations.install(views, all_models())
    with views.reading() as tx:
        built = generations.stored_versions(tx)
    return [m for m in all_models() if built.get(m.name, m.version) != m.version]


def rebuild_outdated(
    views: ViewStore, platform: Platform, progress: Progress | None = None
) -> list[str]:
    """Rebuild what ``outdated`` finds; the names rebuilt. For the one process that runs relay
    and worker together (``ledger serve``'s): after an upgrade its views would otherwise keep
    the old tables, set aside every event of a new shape, and wait for someone to know to run
    ``ledger projections rebuild``. Separate hosted workers leave it to the operator (two
    workers rebuilding one model at once would drop each other's tables)."""
    stale = outdated(views)
    if stale:
        rebuild(views, platform, stale, progress)
    return [m.name for m in stale]


def _sources(sources: Sources, models: Sequence[ReadModel]) -> list[str]:
    kinds = {m.source for m in models}
    return (
        ([REGISTRY_SOURCE] if "registry" in kinds else [])
        + (sources.tenants() if "tenant" in kinds else [])
        + (sources.regions() if "region" in kinds else [])
    )


def _prepare(views: ViewStore, models: Sequence[ReadModel]) -> dict[str, int]:
    """Drop every generation but the live one (the previous build, or an abandoned one); create n+1."""
    fresh: dict[str, int] = {}
    existing = views.table_names()
    with views.writing() as tx:
        tx.serialize()
        live = generations.all_current(tx)
        for model in models:
            pattern = re.compile(rf"^{re.escape(model.name)}_g(\d+)_")
            for gen in {int(m.group(1)) for t in existing if (m := pattern.match(t))} - {
                live[model.name]
            }:
                generations.drop(tx, model, gen)
            fresh[model.name] = max([live[model.name], *_built(tx, model.name)]) + 1
            generations.drop(tx, model, fresh[model.name])
            generations.create(tx, model, fresh[model.name])
    return fresh


def _built(tx: ViewTx, name: str) -> list[int]:
    return [
        int(r[0])
        for r in tx.fetchall("SELECT generation FROM view_tracking WHERE name = ?", (name,))
    ]


def _swap_if_caught_up(
    views: ViewStore, models: Sequence[ReadModel], fresh: dict[str, int], sources: Sources
) -> bool:
    """Swap once the new generation reached the live one's positions, or its store's head
    where that is lower: a store restored from a backup ends below what the live views read
    from the lost one, and the rebuild is what puts them right."""
    heads: dict[str, int] = {}
    with views.writing() as tx:
        for model in models:
            live = generations.current(tx, model.name, lock=True)
            assert live is not None
            old = generations.positions(tx, model.name, live)
            new = generations.positions(tx, model.name, fresh[model.name])
            for source, position in old.items():
                reached = new.get(source, 0)
                if reached >= position:
                    continue
                if source not in heads:
                    heads[source] = sources.max_id(source)
                if reached < min(position, heads[source]):
                    return False
        for model in models:
            generations.swap(tx, model, fresh[model.name])
        return True
