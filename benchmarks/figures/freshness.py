"""Figure f (and g's projection worker): command accepted → visible in the regional view.

``ledger projections run`` (relay + worker) runs as its own process over RabbitMQ, as in
production. Each probe notifies a new death in a random tenant through the real use case;
the clock starts when the command has committed and stops when that tenant's row in the
region's ``dhr_counts`` view shows it. Before starting, the relay is told the imported history
is already projected (the import path catches the views up straight from the stores), so it
does not re-send a million old events through the broker.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from random import Random

from adapters.messaging import Broker
from benchmarks.context import Context
from benchmarks.figures import procs
from benchmarks.report import Row
from benchmarks.timing import percentile
from domain.recording import acting_as
from projections.queries import dhr_counts
from projections.store import open_views
from projections.worker import QUEUE

PROBES, GIVE_UP, SLOW_MS = 60, 10.0, 100.0


def measure(ctx: Context) -> None:
    views = open_views(ctx.platform)
    _mark_relayed(ctx, views)
    _purge_queue(ctx)
    # The relay and worker read every tenant: the process keeps every application open, as the
    # benchmark's own does, instead of reopening (several round trips each) on every sweep.
    env = ctx.store.child_environ(LEDGER_OPEN_TENANTS=str(len(ctx.shape.tenants)))
    worker = procs.start(["projections", "run"], env, ctx.workdir / f"projections-{ctx.kind}.log")
    try:
        _wait_ready(ctx, views, worker)
        samples = [_probe(ctx, views, i) for i in range(PROBES if not ctx.quick else PROBES // 2)]
        peak = procs.peak_rss_mb(worker.pid)
    finally:
        procs.stop(worker)
        views.close()
    seen = [s for s in samples if s is not None]
    p95 = percentile(seen, 95) if seen else None
    p99 = percentile(seen, 99) if seen else None
    missed = len(samples) - len(seen)
    ctx.report.add(
        Row(
            "f",
            ctx.kind,
            f"freshness p95, command → regional view over RabbitMQ ({len(samples)} probes)",
            p95,
            "ms",
            "",
            None,
            None,
            "p95 < 100 ms, p99 < 250 ms",
            p95 is not None and p99 is not None and p95 < 100 and p99 < 250 and not missed,
            f"p50 {percentile(seen, 50):.0f} / p99 {percentile(seen, 99):.0f} ms"
            + (f"; {missed} not seen within {GIVE_UP:.0f}s" if missed else ""),
        )
    )
    base = procs.baseline_rss_mb(env, "import projections.service, api.cli")
    ctx.report.add(
        Row(
            "g",
            ctx.kind,
            "peak RSS of the projection worker (start-up catch-up + f)",
            peak,
            "MB",
            "process that only imports it",
            base,
            peak / base,
            "< 300 MB",
            peak < 300,
        )
    )


def _mark_relayed(ctx: Context, views: object) -> None:
    with views.writing() as tx:  # type: ignore[attr-defined]
        for plan in ctx.shape.tenants:
            with ctx.platform.ledgers.lease(plan.slug, writing=False) as app:
                head = app.recorder.max_notification_id() or 0
            tx.execute(
                "INSERT INTO relay_positions (source, notification_id) VALUES (?, ?) "
                "ON CONFLICT (source) DO UPDATE SET notification_id = excluded.notification_id",
                (plan.slug, head),
            )


def _purge_queue(ctx: Context) -> None:
    """Start from an empty queue: the durable queue keeps what a previous run (or the other
    store's run) left unconsumed, and the first probe waited while the worker dropped it
    (1-3 s at scale 0.05). Nothing is lost: the worker catches up from the stores."""
    broker = Broker(ctx.store.environ()["LEDGER_BROKER_URL"])
    try:
        broker.declare(broker.queue(QUEUE))
        with broker.connection.channel() as channel:
            channel.queue_purge(QUEUE)
    finally:
        broker.close()


def _wait_ready(ctx: Context, views: object, worker: object) -> None:
    """One probe that may take long: the worker's cold-start catch-up and queue binding; then
    the process's own word that relay and worker run. The probe alone can be seen through the
    start-up catch-up while the relay has not started, and the first timed probes then
    measured the rest of that catch-up."""
    if _probe(ctx, views, -1, give_up=120.0) is None:
        raise RuntimeError(
            "the projection worker never showed a new case; see its log in the workdir"
        )
    log, deadline = ctx.workdir / f"projections-{ctx.kind}.log", time.monotonic() + 120.0
    while b"projections running" not in log.read_bytes():
        if time.monotonic() > deadline:
            raise RuntimeError(f"the projection process never said it runs; see {log}")
        time.sleep(0.05)


def _probe(ctx: Context, views: object, n: int, give_up: float = GIVE_UP) -> float | None:
    rng = Random(n)
    plan = rng.choice(ctx.shape.tenants)
    before = _notified(views, plan.region, plan.slug)
    today = date.today()
    with acting_as("bench-officer"), ctx.platform.ledgers.lease(plan.slug) as ledger:
        ledger.reviews.notify(
            f"FRESH-{n + 1:04d}-{rng.randrange(10**6):06d}",
            today - timedelta(days=3),
            today,
            "Probe",
            "dhr",
            "intimate_partner_homicide",
        )
    started, committed = time.perf_counter(), time.time()
    while time.perf_counter() - started < give_up:
        if _notified(views, plan.region, plan.slug) > before:
            ms = (time.perf_counter() - started) * 1000
            if ms > SLOW_MS:  # for matching against the projection process's own timings
                sys.stderr.write(
                    f"  f: probe {n} in {plan.slug} committed {committed:.3f}: {ms:.0f} ms\n"
                )
            return ms
        time.sleep(0.002)
    sys.stderr.write(f"  f: probe {n} in {plan.slug} committed {committed:.3f}: not seen\n")
    return None


def _notified(views: object, region: str, slug: str) -> int:
    counts = dhr_counts(views, region, tenant=slug)  # type: ignore[arg-type]
    return counts.total.notified
