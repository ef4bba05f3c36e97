"""Figure c: the import path's events/s beside the database ingesting the very same rows raw.

Baseline on PostgreSQL: ``COPY ... FROM STDIN`` of the rows the import wrote (same ids,
versions, topics and encoded states, so the same bytes; ids re-keyed per tenant, as tenants
share deterministic ids like the review index's) into a table shaped like a tenant's
events table, indexes included. On SQLite: one ``executemany`` INSERT per tenant of those rows
into a copy of the events table. Only the baseline's writing is timed, as only the import's
importing is (``PartnershipLedger.imports.history``, ``adapters/bulk.py``).
"""

from __future__ import annotations

import hashlib
import sqlite3
import time

from benchmarks.context import Context
from benchmarks.report import Row
from benchmarks.timing import rate, ratio, scalar
from tenants.ledger import PartnershipLedger
from tenants.registry import store_area

SAMPLE_EVENTS = 300_000


def measure(ctx: Context) -> None:
    totals = ctx.loader.totals
    ours = rate(totals.events, totals.save_seconds)
    if ctx.kind == "postgres":
        base, rows, target = _copy_baseline(ctx), "PostgreSQL COPY of the same rows", 0.5
    else:
        base, rows, target = _sqlite_baseline(ctx), "SQLite executemany of the same rows", 0.6
    ctx.report.add(
        Row(
            "c",
            ctx.kind,
            f"bulk import events/s ({totals.events:,} events, import_history)",
            ours,
            "ev/s",
            rows,
            base,
            ratio(ours, base),
            f">= {target}",
            (ratio(ours, base) or 0) >= target,
            f"generating them took {totals.generate_seconds:.0f}s more",
        )
    )
    ctx.report.facts[f"events loaded ({ctx.kind})"] = f"{totals.events:,}"


def _tables(ctx: Context) -> list[tuple[str, str]]:
    return [
        (store_area(p.slug), PartnershipLedger.app_name(p.slug) + "_events")
        for p in ctx.shape.tenants
    ]


def _copy_baseline(ctx: Context) -> float:
    tables, count, sample = _tables(ctx), 0, []
    with ctx.store.connect() as conn:
        for s, t in tables:
            sample.append(  # ids re-keyed per tenant (same size): tenants share deterministic ids
                f"SELECT md5('{s}' || originator_id::text)::uuid, originator_version, topic, state "
                f"FROM {s}.{t}"
            )
            count += scalar(conn, f"SELECT count(*) FROM {s}.{t}")
            if count >= SAMPLE_EVENTS:
                break
        with conn.cursor().copy(f"COPY ({' UNION ALL '.join(sample)}) TO STDOUT") as out:
            data = b"".join(bytes(b) for b in out)
        schema, table = tables[0]
        conn.execute("CREATE SCHEMA IF NOT EXISTS bench_copy")
        conn.execute(f"CREATE TABLE bench_copy.events (LIKE {schema}.{table} INCLUDING ALL)")
        started = time.perf_counter()
        with (
            conn.transaction(),
            conn.cursor().copy(
                "COPY bench_copy.events (originator_id, originator_version, topic, state) FROM STDIN"
            ) as copy,
        ):
            copy.write(data)
        seconds = time.perf_counter() - started
        conn.execute("DROP SCHEMA bench_copy CASCADE")
    return rate(count, seconds)


def _sqlite_baseline(ctx: Context) -> float:
    data_dir = ctx.store.data_dir
    target = sqlite3.connect(data_dir / "bench_copy.sqlite", isolation_level=None)
    count, seconds, created = 0, 0.0, False
    for area, _ in _tables(ctx):
        table = "stored_events"  # the library's SQLite table name, one file per tenant
        source = sqlite3.connect(data_dir / f"{area}.sqlite")
        if not created:
            ddl = source.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
            ).fetchone()
            target.execute(ddl[0].replace(table, "events", 1))
            created = True
        rows = [
            (hashlib.md5((area + i).encode()).hexdigest(), v, t, b)
            for i, v, t, b in source.execute(
                f"SELECT originator_id, originator_version, topic, state FROM {table}"
            )
        ]
        source.close()
        started = time.perf_counter()
        target.execute("BEGIN")
        target.executemany(
            "INSERT INTO events (originator_id, originator_version, topic, state) "
            "VALUES (?, ?, ?, ?)",
            rows,
        )
        target.execute("COMMIT")
        seconds += time.perf_counter() - started
        count += len(rows)
        if count >= SAMPLE_EVENTS:
            break
    target.close()
    return rate(count, seconds)
