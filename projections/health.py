"""Are the regional views being kept up to date? Heartbeats, lag, and the readiness answer.

The relay and each worker write a heartbeat to the read-model store every couple of seconds
while their loop is healthy, with how far the worker is behind what the relay published and
since when. A heartbeat that stops (process gone, or stuck retrying a broker or database
that is down) or a lag beyond the configured limits makes ``/readyz`` answer 503, naming it.
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from projections import generations
from projections.model import ReadModel, source_kind
from projections.port import ViewStore, ViewTx

BEAT_EVERY = 2.0  # seconds between heartbeats of a healthy loop
DOWN_AFTER = 15.0  # seconds without a heartbeat before a relay or worker counts as down


def process_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def lag_events(tx: ViewTx, models: list[ReadModel]) -> int:
    """Events the relay published that a live read model reading their source has not applied.

    A source is read only by the models of its kind (``source_kind``): a region ledger's
    events are no tenant model's to apply, so they never count as lag against one."""
    relayed = {
        str(s): int(n)
        for s, n in tx.fetchall("SELECT source, notification_id FROM relay_positions")
    }
    live = generations.all_current(tx)
    applied = {
        m.name: (m.source, generations.positions(tx, m.name, live[m.name]))
        for m in models
        if m.name in live
    }
    lag = 0
    for source, published in relayed.items():
        kind = source_kind(source)
        readers = [at.get(source, 0) for reads, at in applied.values() if reads == kind]
        lag += max(0, published - min(readers)) if readers else 0
    return lag


class Heart:
    """Writes one loop's heartbeat, at most every ``BEAT_EVERY`` seconds."""

    def __init__(self, views: ViewStore, role: str, models: list[ReadModel] | None = None) -> None:
        self.views, self.role, self.models = views, role, models or []
        self.process = process_name()
        self.last = 0.0
        self.behind_since: str | None = None

    def beat(self, force: bool = False) -> None:
        if not force and time.monotonic() - self.last < BEAT_EVERY:
            return
        now = datetime.now(UTC).isoformat()
        with self.views.writing() as tx:
            lag = lag_events(tx, self.models) if self.models else 0
            self.behind_since = (self.behind_since or now) if lag else None
            tx.execute(
                "INSERT INTO projection_heartbeats (role, process, beat_at, lag_events,"
                " behind_since) VALUES (?, ?, ?, ?, ?) ON CONFLICT (role, process) DO UPDATE"
                " SET beat_at = excluded.beat_at, lag_events = excluded.lag_events,"
                " behind_since = excluded.behind_since",
                (self.role, self.process, now, lag, self.behind_since),
            )
        self.last = time.monotonic()

    def stop(self) -> None:
        """Say this process stopped on purpose: its heartbeat row goes."""
        with self.views.writing() as tx:
            tx.execute(
                "DELETE FROM projection_heartbeats WHERE role = ? AND process = ?",
                (self.role, self.process),
            )


@dataclass(frozen=True)
class Readiness:
    ready: bool
    problems: tuple[str, ...]
    lag_events: int
    lag_seconds: float


def readiness(
    views: ViewStore, models: list[ReadModel], max_events: int, max_seconds: float
) -> Readiness:
    """Whether the views are kept up to date within the limits, and if not, why not."""
    now = datetime.now(UTC)
    with views.reading() as tx:
        beats = tx.fetchall("SELECT role, beat_at, behind_since FROM projection_heartbeats")
        lag = lag_events(tx, models)
    problems = []
    behind = 0.0
    for role in ("relay", "worker"):
        mine = [(datetime.fromisoformat(b), s) for r, b, s in beats if r == role]
        if not mine:
            problems.append(f"projections {role} is not running (`ledger projections run`)")
            continue
        last, since = max(mine, key=lambda m: m[0])
        age = (now - last).total_seconds()
        if age > DOWN_AFTER:
            problems.append(
                f"projections {role} has not reported for {age:.0f} s (down, or waiting for "
                "the broker or the database)"
            )
        if role == "worker" and lag and since:
            behind = max(0.0, (now - datetime.fromisoformat(since)).total_seconds())
    if lag > max_events:
        problems.append(f"regional views lag {lag} events behind (limit {max_events})")
    if lag and behind > max_seconds:
        problems.append(
            f"regional views have lagged for {behind:.0f} s (limit {max_seconds:.0f} s)"
        )
    return Readiness(not problems, tuple(problems), lag, behind)
