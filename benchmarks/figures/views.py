"""Figures d and e: the regional read models' catch-up and rebuild rates, and their query latency.

d. After each import stage the read models catch up from the tenants' stores (what a worker
   does on a cold start); at full data they are also rebuilt from nothing. Both are compared
   with reading the same notification logs and decoding the same events with the bare library.
e. Regional queries (``dhr_counts`` and ``timeliness``, the seeds' tables) over random regions
   at 10%, 30% and 100% of the data; each stage's p95 is set beside the 10% stage's, so 'flat'
   reads as a ratio near 1. The same on a business date (``on=``: counts, timeliness and
   actions as they stood on a random past day), beside the live view's p95 of the same stage.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from random import Random
from typing import Any

from benchmarks.context import Context
from benchmarks.progress import Progress, say
from benchmarks.report import Row
from benchmarks.timing import percentile, rate, ratio
from projections.catchup import catch_up, catch_up_all
from projections.model import REGISTRY_SOURCE, qualname_of
from projections.queries import action_counts, dhr_counts, timeliness
from projections.rebuild import rebuild
from projections.sources import Sources
from projections.store import open_views
from projections.views import all_models

QUERIES = 300


class Views:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.models = all_models()
        self.wanted = frozenset().union(*(m.topics_of_interest() for m in self.models))
        self.views: Any = None
        self.first_p95: float | None = None
        self.loaded_before = 0

    def after_stage(self, fraction: float) -> None:
        ctx = self.ctx
        if self.views is None:
            self.views = open_views(ctx.platform)
        events = ctx.loader.totals.events - self.loaded_before
        self.loaded_before = ctx.loader.totals.events
        sources = Sources(ctx.platform, self.wanted)
        progress = Progress(
            f"projections catch up to {fraction:.0%}", len(ctx.shape.tenants), "tenants"
        )
        started = time.perf_counter()
        catch_up(self.views, self.models, sources, REGISTRY_SOURCE)
        slugs = [plan.slug for plan in ctx.shape.tenants]
        catch_up_all(self.views, self.models, sources, slugs, done=lambda _: progress.advance())
        caught = rate(events, time.perf_counter() - started)
        progress.finish()
        self.latency(fraction)
        if fraction < 1.0:
            return
        raw = self.raw_read_rate()
        ctx.report.add(
            Row(
                "d",
                ctx.kind,
                f"projection catch-up events/s (last {events:,} events)",
                caught,
                "ev/s",
                "bare read + decode of the same logs",
                raw,
                ratio(caught, raw),
                ">= 0.5",
                (ratio(caught, raw) or 0) >= 0.5,
            )
        )
        say(f"rebuilding the read models from {ctx.loader.totals.events:,} events")
        started = time.perf_counter()
        rebuild(self.views, ctx.platform, self.models)
        rebuilt = rate(ctx.loader.totals.events, time.perf_counter() - started)
        ctx.report.add(
            Row(
                "d",
                ctx.kind,
                "projection rebuild events/s (all events)",
                rebuilt,
                "ev/s",
                "bare read + decode of the same logs",
                raw,
                ratio(rebuilt, raw),
                ">= 0.5",
                (ratio(rebuilt, raw) or 0) >= 0.5,
            )
        )

    def latency(self, fraction: float) -> None:
        ctx, rng, samples = self.ctx, Random(5), []
        for i in range(QUERIES if not ctx.quick else QUERIES // 2):
            region = rng.choice(ctx.shape.regions)
            query = dhr_counts if i % 2 else timeliness
            started = time.perf_counter()
            query(self.views, region)
            samples.append((time.perf_counter() - started) * 1000)
        p95 = percentile(samples, 95)
        if self.first_p95 is None:
            self.first_p95 = p95
        ctx.report.add(
            Row(
                "e",
                ctx.kind,
                f"regional view p95 at {fraction:.0%} ({ctx.loader.totals.events:,} events)",
                p95,
                "ms",
                "p95 at 10%",
                self.first_p95,
                ratio(p95, self.first_p95),
                "p95 < 25 ms, flat",
                p95 < 25,
                f"p50 {percentile(samples, 50):.1f} / p99 {percentile(samples, 99):.1f} ms",
            )
        )
        self.latency_on(fraction, p95)

    def latency_on(self, fraction: float, live_p95: float) -> None:
        """Views on a business date are computed from the live models' dates, never replayed."""
        ctx, rng, samples = self.ctx, Random(7), []
        queries = (dhr_counts, timeliness, action_counts)
        for i in range(QUERIES if not ctx.quick else QUERIES // 2):
            region, day = (
                rng.choice(ctx.shape.regions),
                date(2013, 4, 1) + timedelta(rng.randrange(4000)),
            )
            started = time.perf_counter()
            queries[i % 3](self.views, region, on=day)
            samples.append((time.perf_counter() - started) * 1000)
        p95 = percentile(samples, 95)
        ctx.report.add(
            Row(
                "e",
                ctx.kind,
                f"regional view on=DATE p95 at {fraction:.0%}",
                p95,
                "ms",
                "live view p95, same stage",
                live_p95,
                ratio(p95, live_p95),
                "p95 < 25 ms",
                p95 < 25,
                f"p50 {percentile(samples, 50):.1f} / p99 {percentile(samples, 99):.1f} ms",
            )
        )

    def raw_read_rate(self) -> float:
        """The library alone: page through each tenant's notifications, decode what views need."""
        count, started = 0, time.perf_counter()
        for plan in self.ctx.shape.tenants:
            with self.ctx.platform.ledgers.lease(plan.slug, writing=False) as app:
                after = 0
                while notes := app.recorder.select_notifications(
                    after, 1000, inclusive_of_start=False
                ):
                    for note in notes:
                        if qualname_of(note.topic) in self.wanted:
                            app.mapper.to_domain_event(note)
                    count += len(notes)
                    after = notes[-1].id
        return rate(count, time.perf_counter() - started)

    def close(self) -> None:
        if self.views is not None:
            self.views.close()
