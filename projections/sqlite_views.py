"""Read models in one SQLite file (embedded) or in memory (as-of rebuilds).

WAL mode lets readers keep reading while the worker writes; ``BEGIN IMMEDIATE`` takes the
write lock up front so two writers queue instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from adapters.private_files import private_file
from projections.port import Columns, Fingerprint, Row, Rows, unkeyed


class _SQLiteTx:
    for_update = ""
    bytewise = ""

    def __init__(self, conn: sqlite3.Connection, fingerprint: Fingerprint) -> None:
        self.conn, self.fingerprint = conn, fingerprint

    def serialize(self) -> None:
        """``BEGIN IMMEDIATE`` already holds the only write lock."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Rows) -> None:
        self.conn.executemany(sql, rows)

    def insert_rows(self, table: str, columns: Columns, on_conflict: str, rows: Rows) -> None:
        marks = ", ".join("?" * len(columns))  # SQLite has no round trips to save
        self.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT {on_conflict}",
            rows,
        )

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.conn.execute(sql, params).fetchall())


class SQLiteViews:
    kind = "sqlite"

    def __init__(self, path: Path | None, fingerprint: Fingerprint = unkeyed) -> None:
        """``path=None`` keeps everything in one private in-memory database."""
        self.path, self.fingerprint = path, fingerprint
        self._local = threading.local()
        self._memory = self._connect() if path is None else None
        self._memory_lock = threading.RLock()

    def _connect(self) -> sqlite3.Connection:
        target = ":memory:" if self.path is None else str(self.path)
        if self.path is not None:
            private_file(self.path)
        conn = sqlite3.connect(
            target, isolation_level=None, check_same_thread=self.path is not None
        )
        conn.execute("PRAGMA busy_timeout = 30000")
        if self.path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def _conn(self) -> sqlite3.Connection:
        if self._memory is not None:
            return self._memory
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[_SQLiteTx]:
        with self._memory_lock if self._memory is not None else _nothing():
            conn = self._conn()
            conn.execute(begin)
            try:
                yield _SQLiteTx(conn, self.fingerprint)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def writing(self, pipelined: bool = False) -> Any:
        return self._transaction(
            "BEGIN IMMEDIATE"
        )  # statements run in process: nothing to pipeline

    def reading(self, wait: float | None = None) -> Any:
        """``wait`` is the port's; a file on this machine has no connection to wait for."""
        return self._transaction("BEGIN")

    def table_names(self) -> set[str]:
        with self.reading() as tx:
            return {
                r[0] for r in tx.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
            }

    def close(self) -> None:
        conn = self._memory or getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local = threading.local()


@contextmanager
def _nothing() -> Iterator[None]:
    yield
