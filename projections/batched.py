"""Read models fed by many events per tenant: a page of events folds into rows read and written once.

A subclass says which rows a page touches (``open_batch`` loads them, keyed by the events'
ids) and its handlers change those rows in memory: ``def started(self, b, e)``. The batch
writes each changed row once, in the transaction that also advances the model's position,
so a page still has its effect exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from projections.model import Event, ReadModel, Tables, qualname_of
from projections.port import ViewTx


class Batch(Protocol):
    def flush(self, tx: ViewTx) -> None:
        """Write every row the page changed."""
        ...


class BatchedModel(ReadModel):
    def open_batch(self, tx: ViewTx, t: Tables, tenant: str, events: Sequence[Event]) -> Batch:
        """Load the stored rows these events can touch."""
        raise NotImplementedError

    def apply(self, tx: ViewTx, tables: Tables, source: str, topic: str, event: Any) -> None:
        self.apply_batch(tx, tables, source, [(topic, event)])

    def apply_batch(self, tx: ViewTx, tables: Tables, source: str, events: Sequence[Event]) -> None:
        if not events:
            return
        batch = self.open_batch(tx, tables, source, events)
        for topic, event in events:
            getattr(self, self._handlers[qualname_of(topic)])(batch, event)
        batch.flush(tx)


def ids(events: Sequence[Event], *prefixes: str) -> set[str]:
    """The aggregate ids of the events whose class name starts with one of ``prefixes``."""
    return {str(e.originator_id) for topic, e in events if qualname_of(topic).startswith(prefixes)}
