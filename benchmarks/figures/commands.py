"""Figure a: command throughput in process — the real use case beside the bare library.

Both sides do the same unit of work, one at a time: load an aggregate, run a command that
checks and records one event, append it and commit. The ledger's side goes through
``platform.ledgers.lease(slug)`` and ``record_action_progress`` on actions spread over every
tenant; the baseline is eventsourcing's own ``Application`` with a minimal aggregate of the
same history length, on the same store, encrypting with the same AES-GCM cipher (configured
through the library's ``CIPHER_TOPIC``), so the ratio measures the ledger, not encryption.

Both sides are timed warm. The bare library's notes are seeded through ``save`` on the pool it
is timed on, so its statements are already prepared on every connection; the ledger's data
came in through the bulk import (COPY), so on PostgreSQL every pooled connection would
otherwise prepare each tenant's statements inside the timed window (psycopg prepares per
connection, and each tenant's tables make distinct texts). One untimed slice of each side's
own commands runs first, as a running server has (the shared pool hands out its latest
connection, so few connections need warming; at full scale some of the 300 tenants' statements
are still first prepared in the timed window).
"""

from __future__ import annotations

import base64
import time
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from adapters.crypto.sealed import new_key
from benchmarks.context import Context
from benchmarks.report import Row
from benchmarks.stores import BENCH_DB, PG_HOST, PG_PORT, PG_USER
from benchmarks.timing import rate, ratio
from domain.recording import acting_as

TODAY = date.today()
SLICES = 5


class Note(Aggregate):
    """The smallest aggregate that still loads, decides and records."""

    @event("Started")
    def __init__(self) -> None:
        self.count = 0

    def add(self, text: str) -> None:
        if not text:
            raise ValueError("text required")
        self._added(text=text)

    @event("Added")
    def _added(self, text: str) -> None:
        self.count += 1


def raw_app(ctx: Context) -> Application[Any]:
    """The library configured only through its documented environment variables."""
    if ctx.kind == "postgres":
        with ctx.store.connect() as conn:
            conn.execute("CREATE SCHEMA IF NOT EXISTS bench_raw")
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": BENCH_DB,
            "POSTGRES_HOST": PG_HOST,
            "POSTGRES_PORT": str(PG_PORT),
            "POSTGRES_USER": PG_USER,
            "POSTGRES_PASSWORD": "",
            "POSTGRES_SCHEMA": "bench_raw",
        }
    else:
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(ctx.store.data_dir / "bench_raw.sqlite"),
        }
    cipher = {
        "CIPHER_TOPIC": "adapters.crypto.cipher:StaticKeyCipher",
        "CIPHER_KEY": base64.b64encode(new_key()).decode("ascii"),
    }
    return Application(env={**env, **cipher, "CREATE_TABLE": "y"})


def measure(ctx: Context) -> float:
    """Adds figure a's row; returns the ledger's commands/s (figure b compares against it)."""
    targets = ctx.live_actions(20_000)
    window = ctx.window(10.0)
    raw = raw_app(ctx)
    history = _mean_version(ctx, targets[:200])
    notes = _seed_notes(raw, len(set(targets)) or 1, history)
    base_runs, our_runs = [], []
    _loop(window / SLICES, lambda i: _raw_command(raw, notes[-1 - i % len(notes)]))  # warm-up
    _loop(window / SLICES, lambda i: _ledger_command(ctx, *targets[-1 - i % len(targets)]))
    for _ in range(SLICES):  # alternate short slices so both sides share the machine's noise
        base_runs.append(_loop(window / SLICES, lambda i: _raw_command(raw, notes[i % len(notes)])))
        our_runs.append(
            _loop(window / SLICES, lambda i: _ledger_command(ctx, *targets[i % len(targets)]))
        )
    raw.close()
    base, ours = sum(base_runs) / SLICES, sum(our_runs) / SLICES
    ctx.report.add(
        Row(
            "a",
            ctx.kind,
            "commands/s in process (record action progress)",
            ours,
            "cmd/s",
            f"bare eventsourcing, {history}-event aggregate",
            base,
            ratio(ours, base),
            ">= 0.9",
            (ratio(ours, base) or 0) >= 0.9,
        )
    )
    return ours


def _loop(window: float, command: Any) -> float:
    done, started = 0, time.perf_counter()
    with acting_as("bench-officer"):
        while time.perf_counter() - started < window:
            command(done)
            done += 1
    return rate(done, time.perf_counter() - started)


def _ledger_command(ctx: Context, slug: str, action_id: UUID) -> None:
    with ctx.platform.ledgers.lease(slug) as ledger:
        ledger.actions.record_progress(action_id, TODAY, "Weekly update: on track")


def _raw_command(app: Application[Any], note_id: UUID) -> None:
    note: Note = app.repository.get(note_id)
    note.add("Weekly update: on track")
    app.save(note)


def _seed_notes(app: Application[Any], count: int, history: int) -> list[UUID]:
    ids = []
    for _ in range(min(count, 5000)):
        note = Note()
        for _ in range(max(0, history - 1)):
            note.add("earlier update")
        app.save(note)
        ids.append(note.id)
    return ids


def _mean_version(ctx: Context, targets: list[tuple[str, UUID]]) -> int:
    books = ctx.loader.books
    versions = [books[slug].aggregates[aid].version for slug, aid in targets]
    return max(1, round(sum(versions) / max(1, len(versions))))
