"""Read models fed by many events per tenant: a page of events folds into rows read and written once.

A subclass says which rows a page touches (its ``batch`` class loads them, keyed by the
events' ids) and its handlers change those rows in memory: ``def started(self, b, e)``. The
batch writes each changed row once, in the transaction that also advances the model's
position, so a page still has its effect exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Protocol

from projections.items import Item
from projections.model import ReadModel, Tables, qualname_of
from projections.port import ViewTx


class Batch(Protocol):
    def __init__(self, tx: ViewTx, t: Tables, tenant: str, items: Sequence[Item]) -> None:
        """Load the stored rows these events can touch."""

    def flush(self, tx: ViewTx) -> None:
        """Write every row the page changed."""
        ...


class BatchedModel(ReadModel):
    batch: ClassVar[type[Batch]]  # what one page of a tenant's events opens

    def apply(self, tx: ViewTx, tables: Tables, source: str, topic: str, event: Any) -> None:
        self.apply_batch(tx, tables, source, [Item(0, 0, topic, decoded=event)])

    def apply_batch(self, tx: ViewTx, tables: Tables, source: str, items: Sequence[Item]) -> None:
        if not items:
            return
        batch = self.batch(tx, tables, source, items)
        for item in items:
            getattr(self, self._handlers[qualname_of(item.topic)])(batch, item.event())
        batch.flush(tx)


def ids(items: Sequence[Item], *prefixes: str) -> set[str]:
    """The aggregate ids of the events whose class name starts with one of ``prefixes``.

    Spelled once per aggregate, not once per event (``str`` of a UUID is Python code)."""
    found = {
        (i.note if i.note is not None else i.decoded).originator_id
        for i in items
        if qualname_of(i.topic).startswith(prefixes)
    }
    return {str(i) for i in found}
