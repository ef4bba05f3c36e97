"""How the relay learns that a tenant recorded something, without querying 300 stores in a loop.

PostgreSQL: the library NOTIFYs a channel per tenant table on every write; one connection
LISTENs to all of them. SQLite has no notifications, so the file's size and time of last
change (including its write-ahead log) are compared, which costs a ``stat`` per tenant.
A ``None`` answer means 'not sure': the relay then sweeps every tenant.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Protocol

import psycopg
from psycopg.sql import SQL, Identifier

from adapters.settings import PostgresAddress


class Doorbell(Protocol):
    rings_early: bool
    """True if a ring may come before its commit is visible to a reader, so a rung source
    that showed nothing must be read again (``projections/schedule.py: Rechecks``)."""

    def watch(self, slug: str, key: str) -> None: ...

    def wait(self, timeout: float) -> set[str] | None: ...

    def reset(self) -> None:
        """After a failure: reconnect on next use (and answer 'not sure' once)."""
        ...

    def close(self) -> None: ...


class ListeningDoorbell:
    """PostgreSQL hands a listener a notification only once the notifying transaction is
    visible to a snapshot taken after it, so a ring read at once always finds its events;
    one that finds nothing was for events a sweep or an earlier ring already relayed.

    Such rings used to be re-read as on SQLite: every round for two seconds, each round
    without waiting (its doorbell wait is 0 while rechecks are due), i.e. the relay spun on
    the database and held the GIL that the worker thread beside it needs to apply (figure f
    at scale 0.1, load ~8: probes committed in such a window took 25-65% longer at p50).
    So this doorbell says its rings are never early."""

    rings_early = False

    def __init__(self, address: PostgresAddress) -> None:
        self.address = address
        self.channels: dict[str, str] = {}
        self.conn: psycopg.Connection[Any] | None = None
        self._connect()

    def _connect(self) -> psycopg.Connection[Any]:
        if self.conn is None:
            conn = self.address.connect_alone()
            for key in self.channels:  # listening again to every tenant after a reconnect
                conn.execute(SQL("LISTEN {0}").format(Identifier(key)))
            self.conn = conn
        return self.conn

    def watch(self, slug: str, key: str) -> None:
        if key not in self.channels:
            self._connect().execute(SQL("LISTEN {0}").format(Identifier(key)))
            self.channels[key] = slug

    def wait(self, timeout: float) -> set[str] | None:
        if self.conn is None:
            self._connect()
            return None  # notifications may have been missed while disconnected: sweep
        rung: set[str] = set()
        for note in self.conn.notifies(timeout=timeout, stop_after=1):
            rung.add(self.channels.get(note.channel, ""))
        for note in self.conn.notifies(timeout=0.001):  # whatever else already arrived
            rung.add(self.channels.get(note.channel, ""))
        rung.discard("")
        return rung

    def reset(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:  # noqa: BLE001 - it may be broken already
                pass
        self.conn = None

    def close(self) -> None:
        self.reset()


class FileDoorbell:
    """A file changes a moment before its commit is visible, so every ring is checked twice:
    at once, and again one poll later.

    A newly watched tenant does not count as rung: the relay reads new sources first in its
    sweep, a slice at a time. Counting them as rung made the relay's first round read every
    source in one call and then, as none gave anything, re-read every one of them on every
    round for ``RECHECK_FOR`` (2 s): 300 sources per round at national scale, which the first
    probes of figure f waited behind."""

    rings_early = True

    def __init__(self, poll: float = 0.02) -> None:
        self.poll = poll
        self.files: dict[str, Path] = {}
        self.seen: dict[str, tuple[int, ...]] = {}
        self.recheck: set[str] = set()

    def watch(self, slug: str, key: str) -> None:
        if slug not in self.files:
            self.files[slug] = Path(key)
            self.seen[slug] = self._signature(Path(key))

    def wait(self, timeout: float) -> set[str] | None:
        recheck, self.recheck = self.recheck, set()
        deadline = time.monotonic() + timeout
        while True:
            time.sleep(self.poll)
            rung = set()
            for slug, path in self.files.items():
                signature = self._signature(path)
                if signature != self.seen[slug]:
                    self.seen[slug] = signature
                    rung.add(slug)
            if rung or recheck or time.monotonic() >= deadline:
                self.recheck = rung
                return rung | recheck

    @staticmethod
    def _signature(path: Path) -> tuple[int, ...]:
        found: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(str(path) + suffix)
                found += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                found += [0, 0]
        return tuple(found)

    def reset(self) -> None:
        """Nothing to reconnect: files are looked at afresh every time."""

    def close(self) -> None:
        """Nothing held open."""
