"""PostgreSQL stores: a schema per area, every tenant borrowing one process-wide pool.

300 open tenants cost ``LEDGER_PG_POOL_SIZE`` (+ overflow) connections, not 300 pools,
which keeps a node well inside PostgreSQL's default ``max_connections`` of 100.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.postgres import PostgresDatastore, PostgresFactory
from eventsourcing.utils import Environment
from psycopg import Connection
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier
from psycopg.types.composite import CompositeInfo, register_composite

from adapters.areas import check_area
from adapters.settings import PostgresAddress


@cache
def _row_class(schema: str, type_name: str, fields: tuple[str, ...]) -> type:
    """One class per schema for the whole process, so reopening a tenant finds its dumper again."""
    return namedtuple(f"{schema}__{type_name}", fields)  # type: ignore[misc]


class _SchemaDatastore(PostgresDatastore):
    """A datastore bound to one schema that borrows the process-wide pool instead of owning one.

    The library registers its composite row type under one Python class per type *name*;
    with many schemas sharing connections that class would be re-bound to whichever
    schema registered last, so each schema gets a Python class of its own.
    """

    def __init__(self, shared: PostgresDatastore, schema: str) -> None:
        self._composites: dict[str, tuple[CompositeInfo, type]] = {}
        super().__init__(dbname="", host="", port=0, user="", password="", schema=schema)
        self.pool = shared.pool

    def register_type_adapters(self) -> None:
        missing = [n for n in self.db_type_names if n not in self._composites]
        if not missing:
            return
        with self.get_connection() as conn:
            for name in missing:
                info = CompositeInfo.fetch(conn, f"{self.schema}.{name}")
                if info is None:
                    continue  # the table is not created yet; create_table() calls again
                row_class = _row_class(self.schema, name, tuple(info.field_names))
                register_composite(info, conn, factory=row_class)
                self._composites[name] = (info, row_class)
                self.psycopg_python_types[name] = row_class

    @contextmanager
    def get_connection(self) -> Iterator[Connection[DictRow]]:
        with super().get_connection() as conn:
            for info, row_class in self._composites.values():
                if conn.adapters.types.get(info.oid) is None:
                    register_composite(info, conn, factory=row_class)
            yield conn

    def close(self) -> None:
        """The shared pool outlives any one tenant; ``PostgresStores.close`` closes it."""

    def __del__(self) -> None:
        """Nothing of its own to release."""


class _SchemaFactory(PostgresFactory):
    def __init__(self, env: Environment, datastore: PostgresDatastore) -> None:
        InfrastructureFactory.__init__(self, env)
        self.datastore = datastore


class PostgresStores:
    kind = "postgres"

    def __init__(self, address: PostgresAddress, pool_size: int, max_overflow: int) -> None:
        self.address = address
        self.shared = PostgresDatastore(
            dbname=address.dbname,
            host=address.host,
            port=address.port,
            user=address.user,
            password=address.password,
            pool_size=pool_size,
            max_overflow=max_overflow,
            max_waiting=0,
            connect_timeout=10,
            idle_in_transaction_session_timeout=30,
            pool_open_timeout=10,
        )
        self._created: set[str] = set()

    def factory(self, area: str, app_name: str) -> InfrastructureFactory[Any]:
        self.create_area(area)
        return _SchemaFactory(Environment(app_name, {}), _SchemaDatastore(self.shared, area))

    def create_area(self, area: str) -> None:
        if area in self._created:
            return
        with self.shared.transaction(commit=True) as curs:
            curs.execute(
                SQL("CREATE SCHEMA IF NOT EXISTS {0}").format(Identifier(check_area(area)))
            )
        self._created.add(area)

    def drop_area(self, area: str) -> None:
        with self.shared.transaction(commit=True) as curs:
            curs.execute(
                SQL("DROP SCHEMA IF EXISTS {0} CASCADE").format(Identifier(check_area(area)))
            )
        self._created.discard(area)

    def area_exists(self, area: str) -> bool:
        with self.shared.transaction(commit=False) as curs:
            curs.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (check_area(area),))
            return curs.fetchone() is not None

    def server_connections(self) -> int:
        """Connections this database currently has open, for operators and the benchmarks."""
        with self.shared.transaction(commit=False) as curs:
            curs.execute(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = %s",
                (self.address.dbname,),
            )
            row = curs.fetchone()
            return int(row["n"]) if row else 0

    def close(self) -> None:
        self.shared.pool.close()
