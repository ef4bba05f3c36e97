"""Where events come from: each tenant's notification log, and the registry's.

Reading goes through ``platform.ledgers.lease(slug, writing=False)`` — the only way to
reach a tenant's store — and never writes to it. Only events some read model handles are
read and decoded (the recorder filters by topic); the others still advance the position,
through a closing item that carries no event.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import DomainEvent
from eventsourcing.persistence import Notification
from eventsourcing.utils import get_topic

from projections.items import Item
from projections.model import REGION_PREFIX, REGISTRY_SOURCE, qualname_of, region_source
from tenants.platform import Platform


@contextmanager
def leased(platform: Platform, source: str) -> Iterator[Application[Any]]:
    """A source's application, leased read-only: a tenant's ledger, a region's own ledger
    (``@<region>``) or the registry."""
    if source == REGISTRY_SOURCE:
        yield platform.registry
        return
    if source.startswith(REGION_PREFIX):
        with platform.region_ledgers.lease(source[1:], writing=False) as region:
            yield region
        return
    with platform.ledgers.lease(source, writing=False) as ledger:
        yield ledger


class Sources:
    def __init__(self, platform: Platform, wanted: frozenset[str]) -> None:
        self.platform = platform
        self.wanted = wanted
        self.topics = topics_of(wanted)

    def app(self, source: str) -> AbstractContextManager[Application[Any]]:
        return leased(self.platform, source)

    def read(self, source: str, after: int, limit: int) -> list[Item]:
        """Up to ``limit`` wanted events after ``after``; a last item without an event may follow.

        When fewer than ``limit`` are wanted up to the log's head, that closing item carries
        the head's id, so the position moves past the events no model reads.
        """
        with self.app(source) as app:
            if self.topics is None:
                notes = app.recorder.select_notifications(after, limit, inclusive_of_start=False)
                return self.decode(app, notes, after)
            head = app.recorder.max_notification_id() or 0
            if head <= after:
                return []
            notes = app.recorder.select_notifications(
                after, limit, stop=head, topics=self.topics, inclusive_of_start=False
            )
            items = self.decode(app, notes, after)
            if len(notes) < limit and (not notes or notes[-1].id < head):
                items.append(Item(head, items[-1].notification_id if items else after, ""))
            return items

    def max_id(self, source: str) -> int:
        with self.app(source) as app:
            return app.recorder.max_notification_id() or 0

    def decode(
        self, app: Application[Any], notes: Sequence[Notification], after: int
    ) -> list[Item]:
        """Items of one page; those some model handles share one memo, so each event is decoded
        once however many models apply it (``Item.event``)."""
        items: list[Item] = []
        memo: dict[int, Any] = {}
        prev, mapper, wanted = after, app.mapper, self.wanted
        for note in notes:
            if qualname_of(note.topic) in wanted:
                items.append(Item(note.id, prev, note.topic, note, mapper, memo=memo))
            else:
                items.append(Item(note.id, prev, note.topic))
            prev = note.id
        return items

    def tenants(self) -> list[str]:
        """Every tenant ever registered: offboarded ones too, whose history stays replayable."""
        return [t.slug for t in self.platform.registry.tenants()]

    def regions(self) -> list[str]:
        """Every region's own ledger, as a source (``@west-midlands``)."""
        return [region_source(r.slug) for r in self.platform.registry.regions()]


def topics_of(wanted: frozenset[str]) -> list[str] | None:
    """The stored topics of the event classes named in ``wanted`` (``Aggregate.Event``).

    ``None`` (read every event) when a name matches no class: better slower than missing one.
    """
    found: dict[str, list[str]] = {}
    classes: list[type] = [DomainEvent]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        if cls.__qualname__ in wanted:
            found.setdefault(cls.__qualname__, []).append(get_topic(cls))
    if not wanted or set(found) != wanted:
        return None
    return sorted({topic for topics in found.values() for topic in topics})
