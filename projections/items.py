"""One notification on its way to the read models, decoded once when a model first applies it.

A page holds thousands of items. Several models apply the same events (every ``Action`` event
feeds ``actionplan`` and ``action_days``; grants feed two money views), so an item read from a
store remembers its decoded event in its page's ``memo``: each event is decoded once per page,
not once per model. Held decoded until the page is applied, those events would outlive the
collector's young generations and be promoted, and the full collections that follow cost about
a quarter of a catch-up (measured); so ``apply_items`` applies a page with the collector paused
and forgets the page's decoded events (``forget``) before it resumes: they die young.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.persistence import Mapper, Notification


class Item(NamedTuple):
    """``prev`` is the id before this one in the same log (0 at the start); nothing to decode
    (``note`` and ``decoded`` both None) when no model handles the event, or at a page's close.
    ``memo`` is shared by the items of one page (notification id -> decoded event).

    A named tuple, not a frozen dataclass: a catch-up makes one per notification, and a frozen
    dataclass's ``__init__`` (one ``object.__setattr__`` per field) cost four times as much."""

    notification_id: int
    prev: int
    topic: str
    note: Notification | None = None
    mapper: Mapper[UUID] | None = None
    decoded: Any = None  # an event decoded already (the as-of replay filters on its timestamp)
    memo: dict[int, Any] | None = None

    @property
    def wanted(self) -> bool:
        return self.note is not None or self.decoded is not None

    @property
    def aggregate_id(self) -> str:
        source = self.note if self.note is not None else self.decoded
        return str(source.originator_id)

    def event(self) -> Any:
        """The domain event, decoded on first use (and kept in the page's memo, if any)."""
        if self.note is None or self.mapper is None:
            return self.decoded
        memo = self.memo
        if memo is None:
            return self.mapper.to_domain_event(self.note)
        event = memo.get(self.notification_id)
        if event is None:
            event = memo[self.notification_id] = self.mapper.to_domain_event(self.note)
        return event


def forget(items: Sequence[Item]) -> None:
    """Drop the decoded events a page's items remember (a page shares one memo)."""
    memos = {id(memo): memo for i in items if (memo := i.memo) is not None}
    for memo in memos.values():
        memo.clear()
