"""Catching up by reading a tenant's store directly: after a cold start, a gap, or for a rebuild.

The broker is only a doorbell with the payload attached; the store is the truth, so a
worker never depends on the broker having kept every message.

Reading runs ahead of applying (``_Pages``): while one page is applied, the next — of the
same source or the next source in the list — is read from its store and decoded on a second
thread. Applying a page spends about a third of its time waiting for the view store to write
it (a full-scale rebuild on PostgreSQL: 10.7 s of 28 s); the database drivers let go of the
GIL meanwhile, so the next page's decoding (AES-GCM, JSON, the event's dataclass) runs in that
wait instead of after it. Most tenants' histories fit one page, so the read-ahead crosses
from one source to the next (``catch_up_all``). Pages are still applied strictly in order,
one at a time, in the calling thread; at most two are held ahead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from queue import Full, Queue

from projections.apply import apply_items, collector_paused, lowest_positions
from projections.items import Item
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
    reached = catch_up_all(
        store, models, sources, [source], fixed=fixed, progress=progress, batch=batch
    )
    return reached[source]


def catch_up_all(
    store: ViewStore,
    models: Sequence[ReadModel],
    sources: Sources,
    names: Sequence[str],
    *,
    fixed: Mapping[str, int] | None = None,
    progress: Callable[[int], None] | None = None,
    done: Callable[[str], None] | None = None,
    batch: int = BATCH,
) -> dict[str, int]:
    """``catch_up`` each source in turn, reading ahead across them; the position each reached.
    ``done`` hears each source's name once it is caught up."""
    reached: dict[str, int] = {}
    starts = lowest_positions(store, models, names, fixed)
    with _Pages(sources, starts, batch) as pages, collector_paused():
        for source, after, items in pages:
            if not items:
                reached[source] = after
                if done is not None:
                    done(source)
                continue
            apply_items(store, models, source, items, fixed)
            if progress is not None:
                progress(len(items))
    return reached


_Page = tuple[str, int, list[Item]]
_END = object()


class _Pages:
    """The pages of each source in turn from its start, read and decoded on a thread of their
    own, then a last empty page per source (where it ends). Only the caller's thread touches
    the view store. The thread stays at most two pages ahead;
    its failure is raised in the caller at the page it could not read.

    The collector stays paused while the pages are applied (``collector_paused``): a page
    decoded ahead is held while the one before it is applied, and a collection meanwhile
    would promote its events to an older generation (see ``projections.items``); reference
    counting frees each page once applied (``apply_items`` forgets its decoded events)."""

    def __init__(self, sources: Sources, starts: Mapping[str, int], batch: int) -> None:
        self.sources, self.starts, self.batch = sources, starts, batch
        self.queue: Queue[object] = Queue(maxsize=1)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._read_all, name="catch-up-read", daemon=True)

    def __enter__(self) -> Iterator[_Page]:
        self.thread.start()
        return self._pages()

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()  # the caller stopped early (it failed): the reader stops too
        self.thread.join()

    def _pages(self) -> Iterator[_Page]:
        while True:
            got = self.queue.get()
            if got is _END:
                return
            if isinstance(got, BaseException):
                raise got
            yield got  # type: ignore[misc]

    def _read_all(self) -> None:
        try:
            for name, after in self.starts.items():
                while True:
                    items = self.sources.read(name, after, self.batch)
                    for item in items:
                        if item.note is not None:
                            _decode(item)
                    if not self._hand_over((name, after, items)) or not items:
                        break
                    after = items[-1].notification_id
                if self.stopping.is_set():
                    return
            self._hand_over(_END)
        except BaseException as e:  # raised in the caller, at this point of the sequence
            self._hand_over(e)

    def _hand_over(self, what: object) -> bool:
        """Put ``what`` in the queue once there is room; False if the caller has stopped."""
        while not self.stopping.is_set():
            try:
                self.queue.put(what, timeout=0.1)
                return True
            except Full:
                continue
        return False


def _decode(item: Item) -> None:
    """Decode now, into the page's memo. An event that cannot be decoded (altered, or its key
    gone) is left as it is: the model that applies it fails on it again and sets it aside
    (``projections.deadletters``), so one bad event never stops a catch-up."""
    try:
        item.event()
    except Exception:  # noqa: BLE001, S110 - raised again, and handled, where it is applied
        pass
