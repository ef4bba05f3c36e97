"""Which database server holds a tenant's store: the platform's own, or another PostgreSQL server.

Schema-per-tenant lets a tenant's store move to another server on its own (``ledger tenants
move SLUG --to URL``); the registry records the server (as a URL without its password:
passwords come from the environment, PGPASSWORD or ~/.pgpass) and this class opens one
shared pool per server that some open tenant lives on.
"""

from __future__ import annotations

import threading

from adapters.postgres import PostgresStores
from adapters.settings import PostgresAddress, Settings
from adapters.stores import EventStores, master_key
from domain.errors import InvalidValueError


def server_url(address: PostgresAddress) -> str:
    """The address as the registry records it: never with a password."""
    return f"postgresql://{address.user}@{address.host}:{address.port}/{address.dbname}"


class ServerStores:
    def __init__(self, home: EventStores, settings: Settings) -> None:
        self.home, self.settings = home, settings
        self._others: dict[str, PostgresStores] = {}
        self._lock = threading.Lock()

    @property
    def home_url(self) -> str:
        pg = self.settings.postgres
        return server_url(pg) if pg is not None else ""

    def placement(self, url: str) -> str:
        """What to record for ``url``: "" when it is the platform's own server."""
        address = PostgresAddress.parse(url)
        if self.settings.postgres is None:
            raise InvalidValueError(
                "Tenants can move between PostgreSQL servers only; this platform uses the "
                "embedded SQLite store (set LEDGER_DATABASE_URL)."
            )
        if address.password:
            raise InvalidValueError(
                "Give the server URL without a password; put the password in ~/.pgpass "
                "(or PGPASSWORD) of every host that runs the service, then run again."
            )
        found = server_url(address)
        return "" if found == self.home_url else found

    def for_server(self, server: str) -> EventStores:
        if not server:
            return self.home
        with self._lock:
            stores = self._others.get(server)
            if stores is None:
                stores = PostgresStores(
                    PostgresAddress.parse(server),
                    self.settings.pg_pool_size,
                    self.settings.pg_max_overflow,
                    master_key(self.settings),
                    open_tenants=self.settings.open_tenants,
                )
                # A moved tenant's data keys stay wrapped in the home platform's key store.
                stores.keyring = self.home.keyring
                self._others[server] = stores
            return stores

    def close(self) -> None:
        with self._lock:
            for stores in self._others.values():
                stores.close()
            self._others.clear()
