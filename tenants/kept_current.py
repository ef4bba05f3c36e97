"""Every record of one kind in an application's store, kept between calls and brought up to
date by reading only what was recorded since the last look.

Checking a new partnership's or region's name against every other one read each of them
again on every registration: creating the n-th cost n reads, so a platform of hundreds of
partnerships (or a test database that has seen thousands) paid more for each. Each call here
asks the store for its newest notification (one query), reads the notifications since the
last call (one more, only when there are any), forgets the records they name, and reads only
those and any record new to the listing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.utils import get_topic

V = TypeVar("V")


def event_topics(aggregate: type[Any]) -> tuple[str, ...]:
    """The topics of every event ``aggregate`` records (its own and inherited), as stored:
    to read only its notifications from a store shared with busier records."""
    found = (getattr(aggregate, name, None) for name in dir(aggregate))
    return tuple(
        sorted(
            {get_topic(c) for c in found if isinstance(c, type) and issubclass(c, aggregate.Event)}
        )
    )


class KeptCurrent(Generic[V]):
    def __init__(
        self,
        recorder: Any,
        id_of: Callable[[str], UUID],
        load: Callable[[str], V],
        topics: Sequence[str] = (),
    ) -> None:
        """``topics``: the records' event topics, where the store holds other, busier
        records too (the access store's sign-ins and read logs beside its users)."""
        self._recorder, self._id_of, self._load = recorder, id_of, load
        self._topics = tuple(topics)
        self._kept: dict[str, V] = {}
        self._at = 0  # the store's newest notification when last looked
        self._lock = threading.Lock()

    def of(self, listed: Callable[[], Sequence[str]]) -> list[V]:
        """The records named by ``listed()`` (read after the store's head, so nothing recorded
        in between is missed), in its order, each as the store holds it now."""
        with self._lock:
            head = self._recorder.max_notification_id() or 0
            if self._kept and head > self._at:
                since = self._recorder.select_notifications(
                    self._at + 1, head - self._at, stop=head, topics=self._topics
                )
                changed = {n.originator_id for n in since}
                for key in [k for k in self._kept if self._id_of(k) in changed]:
                    del self._kept[key]
            self._at = max(self._at, head)
            keys = listed()
            for key in keys:
                if key not in self._kept:
                    self._kept[key] = self._load(key)
            return [self._kept[key] for key in keys]
