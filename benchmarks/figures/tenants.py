"""Figure h: every tenant live at once on PostgreSQL, within its default max_connections (100).

32 client threads post progress on actions chosen at random over all tenants, so every
tenant's application is open and writing in the same few seconds. A monitor samples
``pg_stat_activity`` for the bench database; the peak is printed beside ``max_connections``.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from random import Random

from eventsourcing.persistence import IntegrityError

from benchmarks.context import Context
from benchmarks.report import Row
from benchmarks.timing import rate, scalar
from domain.recording import acting_as
from tenants.platform import bootstrap

THREADS = 32


def measure(ctx: Context) -> None:
    if ctx.kind != "postgres":
        ctx.report.add(
            Row(
                "h",
                ctx.kind,
                "tenants live at once vs server connections",
                note="SQLite has no server connections (one file per tenant)",
            )
        )
        return
    tenants = len(ctx.shape.tenants)
    platform = bootstrap(ctx.store.settings(LEDGER_OPEN_TENANTS=str(tenants)))
    by_tenant: dict[str, list[object]] = {}
    for slug, action_id in ctx.live_actions(20_000, seed=3):
        by_tenant.setdefault(slug, []).append(action_id)
    slugs = sorted(by_tenant)
    stop, done, touched, peak = threading.Event(), [0], set(), [0]
    lock = threading.Lock()

    def client(seed: int) -> None:
        rng = Random(seed)
        with acting_as("bench-officer"):
            while not stop.is_set():
                slug = rng.choice(slugs)
                try:
                    with platform.ledgers.lease(slug) as ledger:
                        ledger.actions.record_progress(
                            rng.choice(by_tenant[slug]),  # type: ignore[arg-type]
                            date.today(),
                            "update",
                        )
                except IntegrityError:
                    continue  # two clients on one action at once: the loser retries elsewhere
                with lock:
                    done[0] += 1
                    touched.add(slug)

    def monitor() -> None:
        with ctx.store.connect() as conn:
            while not stop.is_set():
                n = scalar(
                    conn, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                )
                peak[0] = max(peak[0], n - 1)  # not counting the monitor itself
                time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(THREADS)]
    threads.append(threading.Thread(target=monitor))
    started = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(ctx.window(15.0))
    stop.set()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    with ctx.store.connect() as conn:
        limit = scalar(conn, "SHOW max_connections")
    open_now = platform.ledgers.open_count()
    platform.close()
    ctx.report.add(
        Row(
            "h",
            ctx.kind,
            f"peak server connections, {len(touched)}/{tenants} tenants written "
            f"by {THREADS} threads ({open_now} apps open)",
            peak[0],
            "conns",
            "max_connections",
            limit,
            peak[0] / limit,
            "300 tenants < 100 conns",
            len(touched) >= min(tenants, 300) * 0.95 and peak[0] < limit,
            f"{rate(done[0], seconds):,.0f} cmd/s",
        )
    )
