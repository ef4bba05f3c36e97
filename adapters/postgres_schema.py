"""One schema's datastore and factory, borrowing the process-wide pool.

Kept apart from ``PostgresStores`` (which decides where schemas live) because these two
classes adapt the library's per-application PostgreSQL classes to shared connections.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

from eventsourcing.persistence import (
    AggregateRecorder,
    ApplicationRecorder,
    InfrastructureFactory,
    ProcessRecorder,
)
from eventsourcing.postgres import PostgresDatastore, PostgresFactory
from eventsourcing.utils import Environment
from psycopg import Connection
from psycopg.rows import DictRow
from psycopg.types.composite import CompositeInfo, register_composite

R = TypeVar("R")


@cache
def _row_class(schema: str, type_name: str, fields: tuple[str, ...]) -> type:
    """One class per schema for the whole process, so reopening a tenant finds its dumper again."""
    return namedtuple(f"{schema}__{type_name}", fields)  # type: ignore[misc]


class SchemaDatastore(PostgresDatastore):
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


class SchemaFactory(PostgresFactory):
    """Creates a schema's tables only if missing, and then one process at a time.

    The library runs its CREATE statements every time an application opens; two processes
    opening the same new store at once (the API registering a tenant while the relay
    discovers it) then fail with "tuple concurrently updated". Creation is serialised by
    ``ddl``; opening a store whose tables exist costs one catalogue lookup and no DDL.
    """

    def __init__(
        self,
        env: Environment,
        datastore: PostgresDatastore,
        ddl: Callable[[Callable[[], None]], None],
    ) -> None:
        InfrastructureFactory.__init__(self, env)
        self.datastore = datastore
        self._ddl = ddl

    def env_create_table(self) -> bool:
        return False

    def aggregate_recorder(self, purpose: str = "events") -> AggregateRecorder:
        return self._ready(super().aggregate_recorder(purpose))

    def application_recorder(self) -> ApplicationRecorder:
        return self._ready(super().application_recorder())

    def tracking_recorder(self, tracking_recorder_class: Any = None) -> Any:
        return self._ready(super().tracking_recorder(tracking_recorder_class))

    def process_recorder(self) -> ProcessRecorder:
        return self._ready(super().process_recorder())

    def _ready(self, recorder: R) -> R:
        names = [getattr(recorder, a, None) for a in ("events_table_name", "tracking_table_name")]
        if all(self._exists(n) for n in names if n):
            self.datastore.register_type_adapters()
        else:
            self._ddl(recorder.create_table)  # type: ignore[attr-defined]
        return recorder

    def _exists(self, table: str) -> bool:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                "SELECT to_regclass(%s) AS found", (f'"{self.datastore.schema}"."{table}"',)
            )
            row = curs.fetchone()
            return bool(row and row["found"])
