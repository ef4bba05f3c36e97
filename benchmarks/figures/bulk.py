"""Figure c: the import path's events/s beside the store ingesting the very same rows raw.

Only the import's importing is timed (``PartnershipLedger.imports.history``, ``adapters/bulk.py``);
only the baseline's writing is. The baseline writes, for every tenant, the rows its import stored
(same ids, versions, topics and encrypted states, read back in the order they were stored), in the
same transactions: one per import call the loader made (``LoadTotals.calls``; the loader imports
in three stages, so about three per tenant), because each call must land whole or not at all and
so commits on its own. Each tenant's rows go into a scratch copy of its own events table, indexes
included, as the import writes one table per tenant. On PostgreSQL: ``COPY ... FROM STDIN (FORMAT
BINARY)``, the format the import sends; on SQLite: one ``executemany`` INSERT per transaction into
a file per tenant with the store's journal (write-ahead log, checkpointed every
``WAL_CHECKPOINT_PAGES`` pages, as ``checkpointing_often`` sets it).

Until this pass the baseline wrote 300,000 rows at most (a third of a full-scale import), in one
transaction per tenant into one file in SQLite's rollback-journal mode, or in one transaction in
all into one table as text ``COPY`` on PostgreSQL: fewer commits than the import is allowed, but
a dearer journal and text parsing. The row's note gives the same rows written in one transaction
per tenant too, so runs on either side of the change can be compared.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg

from adapters.library.eventsourcing import WAL_CHECKPOINT_PAGES
from benchmarks.context import Context
from benchmarks.report import Row
from benchmarks.timing import rate, ratio
from tenants.ledger import PartnershipLedger
from tenants.registry import store_area

TABLE = "stored_events"  # the library's SQLite table name, one file per tenant


def measure(ctx: Context) -> None:
    totals = ctx.loader.totals
    ours = rate(totals.events, totals.save_seconds)
    tenants = [(slug, totals.calls.get(slug, [])) for slug in (p.slug for p in ctx.shape.tenants)]
    per_tenant = [(slug, [sum(calls)]) for slug, calls in tenants]
    if ctx.kind == "postgres":
        base, once = _copy_baseline(ctx, tenants), _copy_baseline(ctx, per_tenant)
        rows, target = "PostgreSQL binary COPY of the same rows, same transactions", 0.5
    else:
        base, once = _sqlite_baseline(ctx, tenants), _sqlite_baseline(ctx, per_tenant)
        rows, target = "SQLite executemany of the same rows, same transactions", 0.6
    calls = sum(len([c for c in counts if c]) for _, counts in tenants)
    ctx.report.add(
        Row(
            "c",
            ctx.kind,
            f"bulk import events/s ({totals.events:,} events in {calls:,} calls, import_history)",
            ours,
            "ev/s",
            rows,
            base,
            ratio(ours, base),
            f">= {target}",
            (ratio(ours, base) or 0) >= target,
            f"generating them took {totals.generate_seconds:.0f}s more; the same rows in one "
            f"transaction per tenant: {once:,.0f} ev/s (ratio {ratio(ours, once) or 0:.2f})",
        )
    )
    ctx.report.facts[f"events loaded ({ctx.kind})"] = f"{totals.events:,}"


def _spans(counts: list[int]) -> Iterator[tuple[int, int]]:
    """``(offset, count)`` of each transaction's rows among a tenant's rows in stored order."""
    offset = 0
    for count in counts:
        if count:
            yield offset, count
        offset += count


def _copy_baseline(ctx: Context, tenants: list[tuple[str, list[int]]]) -> float:
    count, seconds = 0, 0.0
    with ctx.store.connect() as conn:
        conn.execute("CREATE SCHEMA bench_copy")
        try:
            for n, (slug, counts) in enumerate(tenants):
                source = f"{store_area(slug)}.{PartnershipLedger.app_name(slug)}_events"
                target = f"bench_copy.events_{n}"
                conn.execute(f"CREATE TABLE {target} (LIKE {source} INCLUDING ALL)")
                # its own sequence: the copied default would take ids from the tenant's
                conn.execute(f"CREATE SEQUENCE {target}_ids")
                conn.execute(
                    f"ALTER TABLE {target} ALTER COLUMN notification_id "
                    f"SET DEFAULT nextval('{target}_ids')"
                )
                for offset, rows in _spans(counts):
                    data = _binary_rows(conn, source, offset, rows)  # not timed
                    started = time.perf_counter()
                    with (
                        conn.transaction(),
                        conn.cursor().copy(
                            f"COPY {target} (originator_id, originator_version, topic, state) "
                            "FROM STDIN (FORMAT BINARY)"
                        ) as copy,
                    ):
                        copy.write(data)
                    seconds += time.perf_counter() - started
                    count += rows
        finally:
            conn.execute("DROP SCHEMA bench_copy CASCADE")
    return rate(count, seconds)


def _binary_rows(
    conn: psycopg.Connection[tuple[object, ...]], table: str, offset: int, rows: int
) -> bytes:
    query = (
        f"COPY (SELECT originator_id, originator_version, topic, state FROM {table} "
        f"ORDER BY notification_id OFFSET {offset} LIMIT {rows}) TO STDOUT (FORMAT BINARY)"
    )
    with conn.cursor().copy(query) as out:
        return b"".join(bytes(block) for block in out)


def _sqlite_baseline(ctx: Context, tenants: list[tuple[str, list[int]]]) -> float:
    data_dir = ctx.store.data_dir
    scratch = data_dir / "bench_copy"
    scratch.mkdir()
    count, seconds = 0, 0.0
    try:
        for slug, counts in tenants:
            area = store_area(slug)
            with closing(sqlite3.connect(data_dir / f"{area}.sqlite")) as source:
                schema = [
                    sql
                    for (sql,) in source.execute(
                        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL",
                        (TABLE,),
                    )
                ]
                stored = source.execute(
                    "SELECT originator_id, originator_version, topic, state "
                    f"FROM {TABLE} ORDER BY rowid"
                ).fetchall()
            with closing(_scratch_store(scratch / f"{area}.sqlite", schema)) as target:
                for offset, rows in _spans(counts):
                    batch = stored[offset : offset + rows]
                    started = time.perf_counter()
                    target.execute("BEGIN")
                    target.executemany(
                        f"INSERT INTO {TABLE} (originator_id, originator_version, topic, state) "
                        "VALUES (?, ?, ?, ?)",
                        batch,
                    )
                    target.execute("COMMIT")
                    seconds += time.perf_counter() - started
                    count += len(batch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return rate(count, seconds)


def _scratch_store(path: Path, schema: list[str]) -> sqlite3.Connection:
    """An empty copy of a tenant's events table (its indexes too), journalled as the store's."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    for sql in schema:
        conn.execute(sql)
    return conn
