"""One tenant's aggregates while they are being generated, and the dated steps that build them.

Steps are closures over the book's aggregates, each stamped with the domain date it happens on.
Running them in date order, up to a fraction of the list, lets the loader import the data in
stages (10%, 30%, 100%) so view latency can be measured as the event count grows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.actionplan import ActionPlanIndex
from domain.errors import DomainError
from domain.funding import FundingIndex
from domain.reviews import ReviewIndex
from domain.themes import Taxonomy

Step = tuple[date, int, Callable[[], None]]


@dataclass
class TenantBook:
    slug: str
    region: str
    aggregates: dict[UUID, Any] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    total: int = 0  # steps within the horizon, fixed on the first run
    done: int = 0
    refused: int = 0

    def __post_init__(self) -> None:
        self.review_index = self.add(ReviewIndex())
        self.plan_index = self.add(ActionPlanIndex(tenant_slug=self.slug))
        self.taxonomy = self.add(Taxonomy.from_default(self.slug))
        self.funding_index = self.add(FundingIndex())

    def add(self, aggregate: Any) -> Any:
        self.aggregates[aggregate.id] = aggregate
        return aggregate

    def at(self, day: date, action: Callable[[], None]) -> None:
        """Schedule ``action`` on ``day``; same-day steps keep the order they were scheduled in."""
        self.steps.append((day, len(self.steps), action))

    def command(
        self, day: date, aggregate_id: UUID, method: str, *args: object, **kwargs: object
    ) -> None:
        """Schedule a command on an aggregate that an earlier step creates."""
        self.at(day, lambda: getattr(self.aggregates[aggregate_id], method)(*args, **kwargs))

    def run_until(self, fraction: float, horizon: date) -> None:
        """Run the next steps in date order until ``fraction`` of all steps have run."""
        if self.done == 0:
            self.steps = sorted(s for s in self.steps if s[0] <= horizon)
            self.total = len(self.steps)
        stop = max(self.done, round(self.total * fraction))
        for _day, _n, action in self.steps[: stop - self.done]:
            try:
                action()
            except DomainError:
                self.refused += 1  # a step after an earlier refusal: skip it, as an officer would
        del self.steps[: stop - self.done]  # free the closures already run
        self.done = stop

    def pending(self) -> Iterator[Any]:
        """Aggregates holding events not yet saved."""
        for aggregate in self.aggregates.values():
            if aggregate.pending_events:
                yield aggregate
