"""Read models in the ``projections`` schema of the platform's PostgreSQL database.

A small pool of its own (search_path pinned to the schema) keeps read-model queries from
queuing behind tenants' writes in the shared pool, and never touches a tenant's schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import Connection, IsolationLevel
from psycopg.conninfo import make_conninfo
from psycopg_pool import ConnectionPool

from adapters.settings import PostgresAddress
from projections.port import Columns, Fingerprint, Row, Rows, unkeyed

_PLACEHOLDER = re.compile(r"\?")


@lru_cache(maxsize=1024)
def _pg(sql: str) -> str:
    """Portable ``?`` placeholders become psycopg's ``%s`` (the SQL here never holds a literal %)."""
    return _PLACEHOLDER.sub("%s", sql)


class _PostgresTx:
    for_update = " FOR UPDATE"
    bytewise = ' COLLATE "C"'

    def __init__(self, conn: Connection[Any], fingerprint: Fingerprint) -> None:
        self.conn, self.fingerprint = conn, fingerprint

    def serialize(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(hashtext('ledger.projections'))")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(_pg(sql), params)

    def executemany(self, sql: str, rows: Rows) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_pg(sql), rows)

    def insert_rows(self, table: str, columns: Columns, on_conflict: str, rows: Rows) -> None:
        """One statement for all rows: ``unnest`` of one typed array per column.

        The arrays go in binary (``%b``): psycopg's text form of a list of thousands of
        strings costs several times more to build and for the server to parse.
        """
        if not rows:
            return
        arrays = ", ".join(f"%b::{kind}[]" for kind in columns.values())
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM unnest({arrays})"
            f" ON CONFLICT {on_conflict}",
            [list(column) for column in zip(*rows, strict=True)],
        )

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self.conn.execute(_pg(sql), params).fetchone()
        return row

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.conn.execute(_pg(sql), params).fetchall())


class PostgresViews:
    kind = "postgres"

    def __init__(
        self,
        address: PostgresAddress,
        schema: str,
        max_size: int = 4,
        fingerprint: Fingerprint = unkeyed,
    ) -> None:
        self.schema, self.fingerprint = schema, fingerprint
        conninfo = make_conninfo(
            **address.connection_args(),
            options=f"-c search_path={schema}",
            connect_timeout=10,
        )
        self.pool = ConnectionPool(conninfo, min_size=1, max_size=max_size, open=True, timeout=30)

    @contextmanager
    def _transaction(
        self, read_only: bool, pipelined: bool = False, wait: float | None = None
    ) -> Iterator[_PostgresTx]:
        """A reader's snapshot opens with its BEGIN (``BEGIN ISOLATION LEVEL REPEATABLE READ
        READ ONLY``): a separate SET TRANSACTION cost every query one more round trip.

        ``pipelined`` (psycopg's pipeline mode): a statement whose result is not read is sent
        without waiting for it, so the server writes one read model's rows while Python
        prepares the next model's (a full-scale rebuild: ~9% less time). An error then
        surfaces at the next result read or at commit, not at its statement."""
        with self.pool.connection(timeout=wait) as conn:
            if read_only:
                conn.isolation_level, conn.read_only = IsolationLevel.REPEATABLE_READ, True
            try:
                with conn.pipeline() if pipelined else nullcontext(), conn.transaction():
                    yield _PostgresTx(conn, self.fingerprint)
            finally:
                if read_only:  # back to the server's defaults before a writer gets it
                    try:
                        conn.isolation_level, conn.read_only = None, None
                    except psycopg.Error:
                        conn.close()  # broken or mid-transaction: the pool replaces it

    def writing(self, pipelined: bool = False) -> Any:
        return self._transaction(read_only=False, pipelined=pipelined)

    def reading(self, wait: float | None = None) -> Any:
        return self._transaction(read_only=True, wait=wait)

    def table_names(self) -> set[str]:
        with self.reading() as tx:
            rows = tx.fetchall(
                "SELECT tablename FROM pg_tables WHERE schemaname = ?", (self.schema,)
            )
            return {r[0] for r in rows}

    def close(self) -> None:
        self.pool.close()
