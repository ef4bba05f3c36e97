"""A fresh store per run: the ``ledger_bench`` PostgreSQL database, or a folder of SQLite files.

Each run drops and recreates its own database so figures never include leftovers, and nothing
outside ``ledger_bench`` (or the bench folder) is ever touched.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import psycopg

from adapters.settings import Settings

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
BENCH_DB = os.environ.get("LEDGER_BENCH_DB", "ledger_bench")  # own name when several run at once
# Figure f's RabbitMQ: its own vhost when several run at once (amqp://guest:guest@127.0.0.1:5672/h19)
BROKER = os.environ.get("LEDGER_BENCH_BROKER", "amqp://guest:guest@127.0.0.1:5672//")


@dataclass(frozen=True)
class BenchStore:
    kind: str  # "sqlite" | "postgres"
    workdir: Path

    @property
    def dsn(self) -> str:
        return f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{BENCH_DB}"

    @property
    def data_dir(self) -> Path:
        return self.workdir / "sqlite"

    def environ(self, **extra: str) -> dict[str, str]:
        """``LEDGER_*`` variables for this store, for in-process settings and child processes."""
        env = {"LEDGER_DATA_DIR": str(self.data_dir), "LEDGER_BROKER_URL": BROKER}
        if self.kind == "postgres":
            env["LEDGER_DATABASE_URL"] = self.dsn
        env.update(extra)
        return env

    def child_environ(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGER_")}
        env.update(self.environ(**extra))
        return env

    def settings(self, **extra: str) -> Settings:
        return Settings.from_environ(self.environ(**extra))

    def recreate(self) -> None:
        if self.kind == "postgres":
            with psycopg.connect(
                dbname="postgres", host=PG_HOST, port=PG_PORT, user=PG_USER, autocommit=True
            ) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {BENCH_DB}")
        shutil.rmtree(self.data_dir, ignore_errors=True)
        self.data_dir.mkdir(parents=True, exist_ok=True)

    def connect(self) -> psycopg.Connection[tuple[object, ...]]:
        """A plain connection of the benchmark's own, for baselines and monitoring."""
        return psycopg.connect(self.dsn, autocommit=True)
