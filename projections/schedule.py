"""What the relay reads next: rung sources first, rung-but-empty ones again, and a sweep in slices.

Profiling figure f (300 tenants, PostgreSQL) showed the freshness tail was the relay's safety
sweep: one pass read every source's log (343 of them, each lease reopening an application
the process had closed to stay under ``LEDGER_OPEN_TENANTS``) in a single call, 13-17 s on a
loaded machine, during which no doorbell was answered. A command landing then waited for
the pass to reach its tenant. So the sweep is now taken a few sources at a time between two
looks at the doorbell, and never delays a rung source by more than one slice. The first pass
after start (every source is new then) is taken the same way: it used to be read in one call
too, which the figure's first probes waited behind.

The second cause was a race on SQLite: a tenant's file changes a moment before its commit
is visible (the write-ahead log is written, then synced, then published), so a ring read at
once can find nothing new. When the sync took longer than the doorbell's one recheck, the
event waited for the sweep. A source that rang but gave nothing is now read again on every
round until it gives something or ``RECHECK_FOR`` passes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

SWEEP_EVERY = 5.0  # a full pass over every source starts at most this often
RECHECK_FOR = 2.0  # seconds a rung source that showed nothing new keeps being read


class Sweep:
    """The safety-net pass over every source, handed out one source at a time."""

    def __init__(self, every: float = SWEEP_EVERY, clock: Callable[[], float] = time.monotonic):
        self.every, self.clock = every, clock
        self.queue: list[str] = []
        self.next_at = 0.0  # the first pass starts at once

    def restart(self) -> None:
        """After a failure or a doorbell that is 'not sure': a new pass over everything, now."""
        self.queue = []
        self.next_at = 0.0

    def next(self, sources: Iterable[str]) -> str | None:
        """The next source of the current pass; a new pass once ``every`` has passed since the
        last began; ``None`` while no pass is due."""
        if not self.queue and self.clock() >= self.next_at:
            self.queue = list(sources)
            self.queue.reverse()  # popped from the end: sources in their given order
            self.next_at = self.clock() + self.every
        return self.queue.pop() if self.queue else None

    def first(self, sources: Iterable[str]) -> None:
        """Hand these out before the rest of the pass (sources just seen: at start, every one)."""
        ahead = [s for s in sources if s not in self.queue]
        self.queue += reversed(ahead)

    @property
    def busy(self) -> bool:
        return bool(self.queue)


class Rechecks:
    """Rung sources whose read found nothing yet: read again until something shows."""

    def __init__(self, window: float = RECHECK_FOR, clock: Callable[[], float] = time.monotonic):
        self.window, self.clock = window, clock
        self.until: dict[str, float] = {}

    def due(self) -> set[str]:
        now = self.clock()
        self.until = {s: t for s, t in self.until.items() if t > now}
        return set(self.until)

    def heard(self, rung: Iterable[str], published: dict[str, int]) -> None:
        """After reading: a rung source that gave nothing is kept (its window starts at its
        first empty read), one that gave something is done."""
        now = self.clock()
        for source in rung:
            if published.get(source, 0):
                self.until.pop(source, None)
            else:
                self.until.setdefault(source, now + self.window)
        for source, count in published.items():
            if count:
                self.until.pop(source, None)

    def __bool__(self) -> bool:
        return bool(self.until)
