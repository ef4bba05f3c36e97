"""PostgreSQL stores: a schema per area, every tenant borrowing one process-wide pool.

300 open tenants cost ``LEDGER_PG_POOL_SIZE`` (+ overflow) connections, not 300 pools,
which keeps a node well inside PostgreSQL's default ``max_connections`` of 100.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.utils import Environment
from psycopg.sql import SQL, Identifier

from adapters.areas import check_area
from adapters.crypto.cipher import KEYLESS_AREAS, AreaCipher
from adapters.crypto.factories import EncryptingSchemaFactory
from adapters.crypto.keyring import Keyring
from adapters.crypto.keystore import PostgresKeyStore
from adapters.crypto.master import MasterKey
from adapters.library.eventsourcing import (
    SchemaDatastore,
    keeping_prepared,
    latest_first,
    reading,
)
from adapters.settings import PostgresAddress

DDL_LOCK = 0x4C454447  # "LEDG": the advisory lock every process takes to change schemas
# Prepared statements each pooled connection keeps per open tenant (a tenant's recorders use
# about ten distinct texts), plus room for the platform's own stores.
STATEMENTS_PER_TENANT = 16
PLATFORM_STATEMENTS = 100


class PostgresStores:
    kind = "postgres"

    def __init__(
        self,
        address: PostgresAddress,
        pool_size: int,
        max_overflow: int,
        master: MasterKey | None = None,
        open_tenants: int = 64,
    ) -> None:
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
            # No pool_open_timeout: with it the library calls pool.wait() on every checkout,
            # which asserts when two threads find the pool below min_size at once.
        )
        # Every open tenant's statements stay prepared, as the library's one schema's do.
        keeping_prepared(self.shared, STATEMENTS_PER_TENANT * open_tenants + PLATFORM_STATEMENTS)
        latest_first(self.shared)  # so a few connections are warm, not all of them lukewarm
        self._created: set[str] = set()
        master = master or MasterKey(
            os.environ.get("LEDGER_MASTER_KEY"),
            Path(os.environ.get("LEDGER_MASTER_KEY_FILE", "var/data/master.key")).resolve(),
        )
        self.keyring = Keyring(master, PostgresKeyStore(self.shared))

    def factory(self, area: str, app_name: str) -> InfrastructureFactory[Any]:
        self.create_area(area)
        cipher = None if area in KEYLESS_AREAS else AreaCipher(self.keyring, area)
        return EncryptingSchemaFactory(
            Environment(app_name, {}),
            SchemaDatastore(self.shared, area),
            self._serialised,
            cipher,
        )

    def create_area(self, area: str) -> None:
        if area in self._created:
            return
        if not self.area_exists(area):
            self._serialised(lambda: self._create_schema(area))
        self._created.add(area)

    def _create_schema(self, area: str) -> None:
        with self.shared.transaction(commit=True) as curs:
            curs.execute(
                SQL("CREATE SCHEMA IF NOT EXISTS {0}").format(Identifier(check_area(area)))
            )

    def _serialised(self, change: Callable[[], None]) -> None:
        """Run a schema change while holding the database's DDL advisory lock.

        The lock is held by a connection of its own, outside the shared pool, so the change
        can borrow pool connections without deadlocking on a small pool.
        """
        with self.address.connect_alone() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (DDL_LOCK,))
            change()

    def drop_area(self, area: str) -> None:
        with self.shared.transaction(commit=True) as curs:
            curs.execute(
                SQL("DROP SCHEMA IF EXISTS {0} CASCADE").format(Identifier(check_area(area)))
            )
        self._created.discard(area)

    def area_exists(self, area: str) -> bool:
        with reading(self.shared) as curs:
            curs.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (check_area(area),))
            return curs.fetchone() is not None

    def server_connections(self) -> int:
        """Connections this database currently has open, for operators and the benchmarks."""
        with reading(self.shared) as curs:
            curs.execute(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = %s",
                (self.address.dbname,),
            )
            row = curs.fetchone()
            return int(row["n"]) if row else 0

    def close(self) -> None:
        self.shared.pool.close()
