"""Configuration comes from the environment, under one documented prefix: ``LEDGER_``.

| variable | meaning | default |
|---|---|---|
| ``LEDGER_DATABASE_URL`` | ``postgresql://user@host:port/dbname``; unset means embedded SQLite | unset |
| ``LEDGER_DATA_DIR`` | where the SQLite files live | ``./var/data`` |
| ``LEDGER_BROKER_URL`` | kombu URL, e.g. ``amqp://guest:guest@127.0.0.1:5672//`` | ``memory://`` |
| ``LEDGER_EVENTS_EXCHANGE`` | the broker's topic exchange the relay publishes to and workers' queues bind to | ``ledger.events`` |
| ``LEDGER_PG_POOL_SIZE`` | PostgreSQL connections shared by every tenant of a process | ``8`` |
| ``LEDGER_PG_MAX_OVERFLOW`` | extra connections under load | ``4`` |
| ``LEDGER_OPEN_TENANTS`` | tenant applications kept open at once (least recently used are closed) | ``64`` |
| ``LEDGER_READY_MAX_LAG_EVENTS`` | ``/readyz`` is 503 when the regional views lag more events than this | ``1000`` |
| ``LEDGER_READY_MAX_LAG_SECONDS`` | ... or have lagged for longer than this many seconds | ``60`` |
| ``LEDGER_READ_DATABASE_URL`` | a hot standby the regional views are read from; unset means the primary | unset |
| ``LEDGER_MASTER_KEY`` | 32 bytes (base64 or hex) wrapping every store's data keys; ``ledger keys new-master`` makes one | unset |
| ``LEDGER_MASTER_KEY_FILE`` | where the master key is kept when ``LEDGER_MASTER_KEY`` is unset (made 0600 on first run) | ``$LEDGER_DATA_DIR/master.key`` |
| ``LEDGER_DOCUMENT_MAX_BYTES`` | the largest document file (bytes) a case may keep | ``20971520`` (20 MB) |
| ``LEDGER_AUDIT_ANCHOR`` | the audit anchor file: ``ledger audit seal``/``tenants backup`` append to it; every verify (CLI, auditor's page, API) checks the seals against it | unset |

Secrets (database password, broker password) belong in the URLs' environment variables,
never in files under version control.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from domain.errors import InvalidValueError

if TYPE_CHECKING:
    import psycopg

_EXCHANGE_NAME = re.compile(r"[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class PostgresAddress:
    host: str
    port: int
    user: str
    password: str
    dbname: str

    @classmethod
    def parse(cls, url: str) -> PostgresAddress:
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql"):
            raise InvalidValueError(
                f"LEDGER_DATABASE_URL must start with postgresql:// (got scheme {parts.scheme!r}); "
                "unset it to use the embedded SQLite store."
            )
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or "postgres"),
            password=unquote(parts.password or ""),
            dbname=(parts.path or "/postgres").lstrip("/") or "postgres",
        )

    def connect_alone(self) -> psycopg.Connection[Any]:
        """A connection of its own, outside any pool (for a lock held across pool use),
        in autocommit, giving up after 10 seconds."""
        import psycopg  # here, so reading the settings never needs the driver

        return psycopg.connect(**self.connection_args(), autocommit=True, connect_timeout=10)

    def connection_args(self) -> dict[str, Any]:
        """Where and as whom to connect, as psycopg's keywords (no password: None)."""
        return {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "password": self.password or None,
            "dbname": self.dbname,
        }


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    postgres: PostgresAddress | None
    broker_url: str
    pg_pool_size: int
    pg_max_overflow: int
    open_tenants: int
    ready_max_lag_events: int = 1000
    ready_max_lag_seconds: int = 60
    read_postgres: PostgresAddress | None = None  # regional queries read here (a hot standby)
    master_key: str | None = None
    master_key_file: Path | None = None
    document_max_bytes: int = 20 * 1024 * 1024
    events_exchange: str = "ledger.events"
    audit_anchor: Path | None = None  # kept outside the service: tenants/audit_anchor.py

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        url = env.get("LEDGER_DATABASE_URL", "").strip()
        return cls(
            data_dir=Path(env.get("LEDGER_DATA_DIR", "var/data")).resolve(),
            postgres=PostgresAddress.parse(url) if url else None,
            broker_url=env.get("LEDGER_BROKER_URL", "memory://"),
            pg_pool_size=_positive(env, "LEDGER_PG_POOL_SIZE", 8),
            pg_max_overflow=_positive(env, "LEDGER_PG_MAX_OVERFLOW", 4, allow_zero=True),
            open_tenants=_positive(env, "LEDGER_OPEN_TENANTS", 64),
            ready_max_lag_events=_positive(env, "LEDGER_READY_MAX_LAG_EVENTS", 1000),
            ready_max_lag_seconds=_positive(env, "LEDGER_READY_MAX_LAG_SECONDS", 60),
            read_postgres=_read_address(env),
            master_key=env.get("LEDGER_MASTER_KEY") or None,
            master_key_file=Path(env["LEDGER_MASTER_KEY_FILE"]).resolve()
            if env.get("LEDGER_MASTER_KEY_FILE")
            else None,
            document_max_bytes=_positive(env, "LEDGER_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024),
            events_exchange=_exchange(env),
            audit_anchor=Path(env["LEDGER_AUDIT_ANCHOR"]).resolve()
            if env.get("LEDGER_AUDIT_ANCHOR", "").strip()
            else None,
        )


def _read_address(env: Mapping[str, str]) -> PostgresAddress | None:
    url = env.get("LEDGER_READ_DATABASE_URL", "").strip()
    if not url:
        return None
    if not env.get("LEDGER_DATABASE_URL", "").strip():
        raise InvalidValueError(
            "LEDGER_READ_DATABASE_URL needs LEDGER_DATABASE_URL (the primary) too; set both or "
            "unset it."
        )
    return PostgresAddress.parse(url)


def _exchange(env: Mapping[str, str]) -> str:
    name = env.get("LEDGER_EVENTS_EXCHANGE", "").strip() or "ledger.events"
    if len(name) > 255 or not _EXCHANGE_NAME.fullmatch(name) or name.startswith("amq."):
        raise InvalidValueError(
            f"LEDGER_EVENTS_EXCHANGE must be letters, digits, '.', '_' or '-' (up to 255), not "
            f"starting 'amq.' (got {name!r}); fix or unset it for 'ledger.events'."
        )
    return name


def _positive(env: Mapping[str, str], key: str, default: int, *, allow_zero: bool = False) -> int:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < (0 if allow_zero else 1):
        raise InvalidValueError(
            f"{key} must be a whole number above zero (got {raw!r}); fix or unset it."
        )
    return value
