"""One notification on its way to the read models, decoded only when a model applies it.

A page holds thousands of items. Were each held decoded, every event of the page would
outlive the collector's young generations and be promoted, and the full collections that
follow cost about a quarter of a catch-up (measured). Decoding as each event is handled lets
it die young; the few that must be read twice (the keys of replaced amounts) are decoded twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, Notification


@dataclass(frozen=True)
class Item:
    """``prev`` is the id before this one in the same log (0 at the start); nothing to decode
    (``note`` and ``decoded`` both None) when no model handles the event, or at a page's close."""

    notification_id: int
    prev: int
    topic: str
    note: Notification | None = None
    mapper: Mapper[UUID] | None = None
    decoded: Any = None  # an event decoded already (the as-of replay filters on its timestamp)

    @property
    def wanted(self) -> bool:
        return self.note is not None or self.decoded is not None

    @property
    def aggregate_id(self) -> str:
        source = self.note if self.note is not None else self.decoded
        return str(source.originator_id)

    def event(self) -> Any:
        """The domain event, decoded now and not kept."""
        if self.note is None or self.mapper is None:
            return self.decoded
        return self.mapper.to_domain_event(self.note)
