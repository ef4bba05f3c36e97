"""Who recorded a change travels with every event, so an auditor never has to guess.

The acting user is set once per request (or CLI command) in a ``ContextVar``; every
event picks it up as a field when it is created, and never again on replay.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import field

from eventsourcing.domain import Aggregate

SYSTEM_ACTOR = "system"

recorded_by_cvar: ContextVar[str] = ContextVar("recorded_by", default=SYSTEM_ACTOR)


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Attribute every event created inside the block to ``actor`` (a user id, never a name)."""
    token = recorded_by_cvar.set(actor)
    try:
        yield
    finally:
        recorded_by_cvar.reset(token)


class LedgerAggregate(Aggregate):
    """Base of every aggregate: events carry their recorder as well as their UTC timestamp."""

    class Event(Aggregate.Event):
        recorded_by: str = field(default_factory=recorded_by_cvar.get, init=False)
