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

from collections.abc import Mapping, Sequence

from projections import generations
from projections.deadletters import apply_or_set_aside
from projections.items import Item
from projections.model import REGISTRY_SOURCE, ReadModel
from projections.port import ViewStore


class GapError(Exception):
    """Events are missing before this batch; catch up from the store."""


def models_for(models: Sequence[ReadModel], source: str) -> list[ReadModel]:
    kind = "registry" if source == REGISTRY_SOURCE else "tenant"
    return [m for m in models if m.source == kind]


def apply_items(
    store: ViewStore,
    models: Sequence[ReadModel],
    source: str,
    items: Sequence[Item],
    fixed: Mapping[str, int] | None = None,
) -> None:
    """Apply to the live generation of each model, or to ``fixed`` generations during a rebuild."""
    if not items:
        return
    with store.writing() as tx:
        for model in models_for(models, source):
            if fixed is not None:
                gen: int | None = fixed.get(model.name)
            else:
                gen = generations.current(tx, model.name, lock=True)
            if gen is None:
                continue
            position = generations.position(tx, model.name, gen, source)
            fresh = [i for i in items if i.notification_id > position]
            if not fresh:
                continue
            if fresh[0].prev > position:
                raise GapError(f"{model.name} is at {position}, batch starts after {fresh[0].prev}")
            mine = [i for i in fresh if i.wanted and model.handles(i.topic)]
            apply_or_set_aside(tx, model, gen, model.table_set(gen), source, mine)
            generations.advance(tx, model.name, gen, source, fresh[-1].notification_id)


def lowest_position(
    store: ViewStore,
    models: Sequence[ReadModel],
    source: str,
    fixed: Mapping[str, int] | None = None,
) -> int:
    """Where reading must resume so that every model of this source gets what it lacks."""
    with store.reading() as tx:
        live = generations.all_current(tx)
        found = []
        for model in models_for(models, source):
            gen = (fixed or live).get(model.name)
            if gen is not None:
                found.append(generations.position(tx, model.name, gen, source))
        return min(found, default=0)
