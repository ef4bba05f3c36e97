"""The import path: generated aggregates stored in bulk through each tenant's ledger.

``PartnershipLedger.imports.history(aggregates)`` (``adapters/bulk.py``) maps each batch with the
tenant's own mapper and appends it in one transaction (binary COPY on PostgreSQL, executemany
on SQLite), which is how a migration from a council's spreadsheet would load history.
Generating (running domain commands) and importing are timed apart: figure c is the importing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from benchmarks.data.book import TenantBook
from benchmarks.data.shape import Shape
from benchmarks.data.tenant import schedule_tenant
from benchmarks.progress import Progress, say
from domain.recording import acting_as
from tenants.platform import Platform

BATCH_EVENTS = 20_000  # events per import transaction (one tenant's stage is usually fewer)


@dataclass
class LoadTotals:
    events: int = 0
    save_seconds: float = 0.0
    generate_seconds: float = 0.0
    per_stage: list[int] = field(default_factory=list)
    calls: dict[str, list[int]] = field(default_factory=dict)
    """Per tenant, the events of each import call in order: one transaction each, which the
    baseline of figure c repeats with the same rows."""


class Loader:
    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.books: dict[str, TenantBook] = {}
        self.totals = LoadTotals()

    def register(self, platform: Platform) -> None:
        say(f"registering {len(self.shape.regions)} regions, {len(self.shape.tenants)} tenants")
        for region in self.shape.regions:
            platform.registry.create_region(region, region.replace("-", " ").title())
        progress = Progress("tenants", len(self.shape.tenants))
        for plan in self.shape.tenants:
            platform.register_tenant(plan.slug, plan.name, plan.region)
            progress.advance()
        progress.finish()

    def stage(self, platform: Platform, fraction: float) -> int:
        """Import every tenant's history up to ``fraction`` of its steps; returns events saved."""
        progress = Progress(f"import to {fraction:.0%}", len(self.shape.tenants), "tenants")
        saved = 0
        with acting_as("bench-import"):
            for plan in self.shape.tenants:
                started = time.perf_counter()
                book = self.books.get(plan.slug) or self.books.setdefault(
                    plan.slug, schedule_tenant(self.shape, plan)
                )
                book.run_until(fraction, self.shape.horizon)
                batches = _batches(list(book.pending()))
                self.totals.generate_seconds += time.perf_counter() - started
                calls = self.totals.calls.setdefault(plan.slug, [])
                started = time.perf_counter()
                with platform.ledgers.lease(plan.slug) as ledger:
                    for batch, _count in batches:
                        stored = ledger.imports.history(batch)
                        saved += stored
                        calls.append(stored)
                self.totals.save_seconds += time.perf_counter() - started
                progress.advance()
        progress.finish()
        self.totals.events += saved
        self.totals.per_stage.append(self.totals.events)
        return saved


def _batches(aggregates: list[Any]) -> list[tuple[list[Any], int]]:
    out: list[tuple[list[Any], int]] = []
    batch: list[Any] = []
    count = 0
    for aggregate in aggregates:
        batch.append(aggregate)
        count += len(aggregate.pending_events)
        if count >= BATCH_EVENTS:
            out.append((batch, count))
            batch, count = [], 0
    if batch:
        out.append((batch, count))
    return out
