"""Where each store lives: one SQLite file or one PostgreSQL schema per *area*.

An area is a tenant's store (``tenant_<slug>``), the platform's registry (``platform``) or
the read models (``projections``). Keeping each tenant in its own schema / file means a
tenant can be backed up, restored, dropped or moved on its own, and writers in different
tenants never queue on the same table lock. The PostgreSQL side is in ``adapters/postgres.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.utils import Environment

from adapters.areas import check_area
from adapters.crypto.cipher import KEYLESS_AREAS, AreaCipher
from adapters.crypto.factories import EncryptingSQLiteFactory
from adapters.crypto.keyring import Keyring
from adapters.crypto.keystore import SQLiteKeyStore
from adapters.crypto.master import KEY_FILE, MasterKey
from adapters.library.eventsourcing import checkpointing_often
from adapters.postgres import PostgresStores
from adapters.private_files import private_file
from adapters.settings import Settings


class EventStores(Protocol):
    """The one place that knows which database technology holds the events."""

    kind: str
    keyring: Keyring

    def factory(self, area: str, app_name: str) -> InfrastructureFactory[Any]: ...

    def create_area(self, area: str) -> None: ...

    def drop_area(self, area: str) -> None: ...

    def area_exists(self, area: str) -> bool: ...

    def close(self) -> None: ...


def master_key(settings: Settings) -> MasterKey:
    return MasterKey(settings.master_key, settings.master_key_file or settings.data_dir / KEY_FILE)


def open_stores(settings: Settings) -> EventStores:
    master = master_key(settings)
    if settings.postgres is not None:
        return PostgresStores(
            settings.postgres,
            settings.pg_pool_size,
            settings.pg_max_overflow,
            master,
            open_tenants=settings.open_tenants,
        )
    return SQLiteStores(settings.data_dir, master)


class SQLiteStores:
    """One file per area, 0600 in a 0700 directory, each area's events encrypted with its own key."""

    kind = "sqlite"

    def __init__(self, data_dir: Path, master: MasterKey | None = None) -> None:
        self.data_dir = data_dir
        master = master or MasterKey(None, data_dir / KEY_FILE)
        self.keyring = Keyring(master, SQLiteKeyStore(data_dir / "platform_keys.sqlite"))

    def path(self, area: str) -> Path:
        return self.data_dir / f"{check_area(area)}.sqlite"

    def factory(self, area: str, app_name: str) -> InfrastructureFactory[Any]:
        self.create_area(area)
        env = {"SQLITE_DBNAME": str(self.path(area)), "SQLITE_LOCK_TIMEOUT": "30"}
        cipher = None if area in KEYLESS_AREAS else AreaCipher(self.keyring, area)
        factory = EncryptingSQLiteFactory(Environment(app_name, env), cipher)
        checkpointing_often(factory.datastore)  # cheaper commits per file (see there)
        return factory

    def create_area(self, area: str) -> None:
        private_file(self.path(area))

    def drop_area(self, area: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path(area)) + suffix).unlink(missing_ok=True)

    def area_exists(self, area: str) -> bool:
        return self.path(area).exists()

    def close(self) -> None:
        """Each application closes its own SQLite connections."""


__all__ = ["EventStores", "PostgresStores", "SQLiteStores", "open_stores"]
