"""Where events come from: each tenant's notification log, and the registry's.

Reading goes through ``platform.ledgers.lease(slug, writing=False)`` — the only way to
reach a tenant's store — and never writes to it. Only events some read model handles are
decoded; the others still advance the position.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from projections.model import REGISTRY_SOURCE, qualname_of
from tenants.platform import Platform


@dataclass(frozen=True)
class Item:
    """One notification ready to apply: ``prev`` is the id before it in the same log (0 at the start)."""

    notification_id: int
    prev: int
    topic: str
    event: Any  # the decoded domain event, or None when no model handles its type


class Sources:
    def __init__(self, platform: Platform, wanted: frozenset[str]) -> None:
        self.platform = platform
        self.wanted = wanted

    @contextmanager
    def app(self, source: str) -> Iterator[Application[Any]]:
        if source == REGISTRY_SOURCE:
            yield self.platform.registry
            return
        with self.platform.ledgers.lease(source, writing=False) as ledger:
            yield ledger

    def read(self, source: str, after: int, limit: int) -> list[Item]:
        with self.app(source) as app:
            notes = app.recorder.select_notifications(after, limit, inclusive_of_start=False)
            return self.decode(app, notes, after)

    def max_id(self, source: str) -> int:
        with self.app(source) as app:
            return app.recorder.max_notification_id() or 0

    def decode(
        self, app: Application[Any], notes: Sequence[Notification], after: int
    ) -> list[Item]:
        items, prev = [], after
        for note in notes:
            wanted = qualname_of(note.topic) in self.wanted
            event = app.mapper.to_domain_event(note) if wanted else None
            items.append(Item(note.id, prev, note.topic, event))
            prev = note.id
        return items

    def tenants(self) -> list[str]:
        """Every tenant ever registered: offboarded ones too, whose history stays replayable."""
        return [t.slug for t in self.platform.registry.tenants()]
