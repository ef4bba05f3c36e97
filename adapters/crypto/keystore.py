"""Where wrapped keys are kept: a small mutable table, unlike the append-only event stores.

Mutable on purpose: crypto-shredding a case's personal data means the case key's row is
deleted, after which nothing anywhere can decrypt the entry. Data keys are never deleted
(old events must still decrypt after a rotation). Rows hold only wrapped (encrypted) keys.
SQLite keeps them in ``platform_keys.sqlite`` (0600, ``secure_delete`` so a deleted key is
overwritten on disk); PostgreSQL in the ``platform_keys`` schema of the shared database.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from eventsourcing.postgres import PostgresDatastore

from adapters.library.eventsourcing import reading
from adapters.private_files import private_dir

DATA, CASE = "data", "case"
_COLUMNS = "kind TEXT NOT NULL, area TEXT NOT NULL, name TEXT NOT NULL, number INTEGER NOT NULL"
_TABLE = f"({_COLUMNS}, wrapped {{blob}} NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (kind, area, name, number))"
STAMP = "SELECT count(*) AS count, max(created_at) AS newest FROM {table} WHERE kind = {p}"
"""How many data keys the store holds and when the newest was made: it changes whenever any
process adds (rotates, restores) a data key, and data keys are never deleted."""


class KeyStore(Protocol):
    def rows(self, kind: str, area: str, name: str) -> dict[int, bytes]: ...

    def add(self, kind: str, area: str, name: str, number: int, wrapped: bytes) -> bool: ...

    def delete(self, kind: str, area: str, name: str) -> int: ...

    def area_rows(self, kind: str, area: str) -> dict[str, dict[int, bytes]]: ...

    def is_empty(self) -> bool: ...

    def data_stamp(self) -> tuple[int, str]: ...

    def some_data_keys(self) -> list[tuple[str, int, bytes]]: ...


SOME = 16
"""How many stored data keys a master key is tried against before it wraps a new one."""


def _by_name(rows: Iterable[tuple[str, int, bytes]]) -> dict[str, dict[int, bytes]]:
    found: dict[str, dict[int, bytes]] = {}
    for name, number, wrapped in rows:
        found.setdefault(name, {})[number] = wrapped
    return found


def _now() -> str:
    return datetime.now(tz=UTC).isoformat()


class SQLiteKeyStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            private_dir(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            os.close(fd)
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA secure_delete = ON")
        if not self._ready:
            conn.execute(f"CREATE TABLE IF NOT EXISTS keys {_TABLE.format(blob='BLOB')}")
            self._ready = True
        return conn

    def _run(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            conn = self._connect()
            try:
                return conn.execute(sql, args)
            finally:
                conn.close()

    def _fetch(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        """Every row ``sql`` answers, read on a connection of its own under the lock."""
        with self._lock:
            conn = self._connect()
            try:
                return conn.execute(sql, args).fetchall()
            finally:
                conn.close()

    def rows(self, kind: str, area: str, name: str) -> dict[int, bytes]:
        found = self._fetch(
            "SELECT number, wrapped FROM keys WHERE kind = ? AND area = ? AND name = ?",
            (kind, area, name),
        )
        return {int(n): bytes(w) for n, w in found}

    def add(self, kind: str, area: str, name: str, number: int, wrapped: bytes) -> bool:
        cur = self._run(
            "INSERT INTO keys VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (kind, area, name, number, wrapped, _now()),
        )
        return cur.rowcount == 1

    def delete(self, kind: str, area: str, name: str) -> int:
        with self._lock:
            conn = self._connect()
            try:
                cur = conn.execute(
                    "DELETE FROM keys WHERE kind = ? AND area = ? AND name = ?", (kind, area, name)
                )
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                return cur.rowcount
            finally:
                conn.close()

    def area_rows(self, kind: str, area: str) -> dict[str, dict[int, bytes]]:
        """Every wrapped key of one kind in ``area``, by name and number (a backup's keys)."""
        found = self._fetch(
            "SELECT name, number, wrapped FROM keys WHERE kind = ? AND area = ?", (kind, area)
        )
        return _by_name((str(n), int(k), bytes(w)) for n, k, w in found)

    def is_empty(self) -> bool:
        return not self._fetch("SELECT 1 FROM keys LIMIT 1")

    def data_stamp(self) -> tuple[int, str]:
        [(count, newest)] = self._fetch(STAMP.format(table="keys", p="?"), (DATA,))
        return int(count), str(newest or "")

    def some_data_keys(self) -> list[tuple[str, int, bytes]]:
        """A few stored data keys (area, number, wrapped): enough to tell the master key."""
        found = self._fetch(
            "SELECT area, number, wrapped FROM keys WHERE kind = ? LIMIT ?", (DATA, SOME)
        )
        return [(str(a), int(n), bytes(w)) for a, n, w in found]


class PostgresKeyStore:
    SCHEMA = "platform_keys"

    def __init__(self, datastore: PostgresDatastore) -> None:
        self.datastore = datastore
        self._ready = False
        self.table = f"{self.SCHEMA}.keys"

    def _ensure(self) -> None:
        if self._ready:
            return
        with self.datastore.transaction(commit=True) as curs:
            curs.execute("SELECT pg_advisory_xact_lock(hashtext('ledger platform_keys'))")
            curs.execute(f"CREATE SCHEMA IF NOT EXISTS {self.SCHEMA}")
            curs.execute(f"CREATE TABLE IF NOT EXISTS {self.table} {_TABLE.format(blob='BYTEA')}")
        self._ready = True

    def rows(self, kind: str, area: str, name: str) -> dict[int, bytes]:
        self._ensure()
        with reading(self.datastore) as curs:
            curs.execute(
                f"SELECT number, wrapped FROM {self.table} WHERE kind = %s AND area = %s AND name = %s",
                (kind, area, name),
            )
            return {int(r["number"]): bytes(r["wrapped"]) for r in curs.fetchall()}

    def add(self, kind: str, area: str, name: str, number: int, wrapped: bytes) -> bool:
        self._ensure()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(
                f"INSERT INTO {self.table} VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (kind, area, name, number, wrapped, _now()),
            )
            return curs.rowcount == 1

    def delete(self, kind: str, area: str, name: str) -> int:
        self._ensure()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(
                f"DELETE FROM {self.table} WHERE kind = %s AND area = %s AND name = %s",
                (kind, area, name),
            )
            return curs.rowcount

    def area_rows(self, kind: str, area: str) -> dict[str, dict[int, bytes]]:
        self._ensure()
        with reading(self.datastore) as curs:
            curs.execute(
                f"SELECT name, number, wrapped FROM {self.table} WHERE kind = %s AND area = %s",
                (kind, area),
            )
            return _by_name(
                (str(r["name"]), int(r["number"]), bytes(r["wrapped"])) for r in curs.fetchall()
            )

    def is_empty(self) -> bool:
        self._ensure()
        with reading(self.datastore) as curs:
            curs.execute(f"SELECT 1 FROM {self.table} LIMIT 1")
            return curs.fetchone() is None

    def data_stamp(self) -> tuple[int, str]:
        self._ensure()
        with reading(self.datastore) as curs:
            curs.execute(STAMP.format(table=self.table, p="%s"), (DATA,))
            row = curs.fetchone()
        return (int(row["count"]), str(row["newest"] or "")) if row else (0, "")

    def some_data_keys(self) -> list[tuple[str, int, bytes]]:
        """A few stored data keys (area, number, wrapped): enough to tell the master key."""
        self._ensure()
        with reading(self.datastore) as curs:
            curs.execute(
                f"SELECT area, number, wrapped FROM {self.table} WHERE kind = %s LIMIT %s",
                (DATA, SOME),
            )
            return [
                (str(r["area"]), int(r["number"]), bytes(r["wrapped"])) for r in curs.fetchall()
            ]
