"""What every area's service shares: the application it acts for, loading and saving through it.

A service is one domain area's use cases (``ledger.reviews``, ``ledger.actions``...): each
command loads its aggregates, runs one of their commands and saves them (``perform`` does the
usual one-aggregate case in a line); each query loads and answers. Saving always goes through
the application's ``save``, so its guards (If-Match, Idempotency-Key) and observers see every
change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import MethodType
from typing import Any, ParamSpec, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.errors import NotFoundError
from tenants.application import LedgerApplication

A = TypeVar("A")
P = ParamSpec("P")
R = TypeVar("R")


class Service:
    def __init__(self, app: LedgerApplication) -> None:
        self.app = app

    def save(self, *aggregates: Any) -> None:
        self.app.save(*aggregates)

    def perform(self, command: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run one command of a loaded aggregate (``self.get(review_id).decide``) and save that
        aggregate: a use case's get → command → save. A refused command saves nothing."""
        if not isinstance(command, MethodType):
            raise TypeError(f"{command!r} is not a command of a loaded aggregate.")
        result = command(*args, **kwargs)
        self.save(command.__self__)
        return result

    def find(self, aggregate_id: UUID, cls: type[A]) -> A | None:
        """The aggregate if it is stored and is a ``cls``, else None."""
        found: object
        try:
            found = self.app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, cls) else None

    def find_or(self, aggregate_id: UUID, cls: type[A], new: Callable[[], A]) -> A:
        """The stored ``cls``, or ``new()`` (not yet saved) until the first save."""
        found = self.find(aggregate_id, cls)
        return new() if found is None else found

    def load(self, aggregate_id: UUID, cls: type[A], missing: str) -> A:
        """The aggregate, or ``NotFoundError(missing)`` if it is not stored or not a ``cls``."""
        found = self.find(aggregate_id, cls)
        if found is None:
            raise NotFoundError(missing)
        return found

    def replayed(self, aggregate_id: UUID, at: datetime) -> Any:
        """The aggregate replayed to its last event recorded at or before ``at``, or None."""
        version = None
        stored: Any
        for stored in self.app.events.get(aggregate_id):
            if stored.timestamp > at:
                break
            version = stored.originator_version
        return None if version is None else self.app.repository.get(aggregate_id, version=version)
