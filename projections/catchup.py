"""Catching up by reading a tenant's store directly: after a cold start, a gap, or for a rebuild.

The broker is only a doorbell with the payload attached; the store is the truth, so a
worker never depends on the broker having kept every message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from projections.apply import apply_items, lowest_position
from projections.model import ReadModel
from projections.port import ViewStore
from projections.sources import Sources

BATCH = 5000


def catch_up(
    store: ViewStore,
    models: Sequence[ReadModel],
    sources: Sources,
    source: str,
    *,
    fixed: Mapping[str, int] | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = BATCH,
) -> int:
    """Apply everything recorded after the lowest position; return the position reached."""
    position = lowest_position(store, models, source, fixed)
    while True:
        items = sources.read(source, position, batch)
        if not items:
            return position
        apply_items(store, models, source, items, fixed)
        position = items[-1].notification_id
        if progress is not None:
            progress(len(items))
