"""What every figure gets: the store, the platform on it, the loaded data, and the report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from random import Random
from uuid import UUID

from benchmarks.data.load import Loader
from benchmarks.data.shape import Shape
from benchmarks.report import Report
from benchmarks.stores import BenchStore
from domain.actionplan import Action, ActionStatus
from tenants.platform import Platform


@dataclass
class Context:
    store: BenchStore
    platform: Platform
    loader: Loader
    report: Report
    shape: Shape
    workdir: Path
    quick: bool  # scale < 0.5: shorter measuring windows

    @property
    def kind(self) -> str:
        return self.store.kind

    def window(self, seconds: float) -> float:
        """How long a timed loop runs: shorter for quick runs, never so short it is noise."""
        return max(2.0, seconds / 2) if self.quick else seconds

    def live_actions(self, count: int, seed: int = 1) -> list[tuple[str, UUID]]:
        """Actions still in progress, across all tenants: what officers post progress on."""
        found = [
            (slug, a.id)
            for slug, book in self.loader.books.items()
            for a in book.aggregates.values()
            if isinstance(a, Action) and a.status == ActionStatus.IN_PROGRESS
        ]
        if not found:
            found = [
                (slug, a.id)
                for slug, book in self.loader.books.items()
                for a in book.aggregates.values()
                if isinstance(a, Action)
            ]
        rng = Random(seed)
        return [rng.choice(found) for _ in range(count)]
