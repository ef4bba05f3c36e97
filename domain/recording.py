"""Who recorded a change travels with every event, so an auditor never has to guess.

The acting user is set once per request (or CLI command) in a ``ContextVar``; every
event picks it up as a field when it is created, and never again on replay.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import field
from typing import Any, ClassVar, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.ids import ledger_id

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

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        """Copy what a command could mutate in place; share the immutable rest.

        The repository hands out a copy of each cached aggregate so that a failed command
        cannot corrupt the cache. Aggregates here keep state only in immutable values
        (str, int, date, UUID, enums, tuples, frozen dataclasses) and in dicts, lists and
        sets of them — a unit test holds every aggregate to that — so only the containers
        need copying. A generic deep copy spent a third of a command rebuilding dates.
        """
        clone = object.__new__(type(self))
        clone.__dict__.update({k: _copy_containers(v) for k, v in self.__dict__.items()})
        return clone


class SingleRecord(LedgerAggregate):
    """A record a store keeps once (its review index, a region's partner directory): its id
    is fixed, ``ID``."""

    ID: ClassVar[UUID]

    @classmethod
    def create_id(cls) -> UUID:
        return cls.ID


class CaseRecord(LedgerAggregate):
    """A record kept beside one case (its chronology, documents, vault, findings, costs):
    one per case, so its id is the case's id under the record's ``KIND``."""

    KIND: ClassVar[str]

    @classmethod
    def create_id(cls, review_id: UUID) -> UUID:
        return ledger_id(cls.KIND, str(review_id))


class ReferencedRecord(LedgerAggregate):
    """A record people refer to by its reference (a budget, a commissioned service): its id
    is the reference under the record's ``KIND``, so a reference names one record."""

    KIND: ClassVar[str]

    @classmethod
    def create_id(cls, reference: str) -> UUID:
        return ledger_id(cls.KIND, reference)


class TenantRecord(LedgerAggregate):
    """A record a tenant keeps once (its plan settings, its plan's index): its id is the
    tenant's slug under the record's ``KIND``."""

    KIND: ClassVar[str]

    @classmethod
    def create_id(cls, tenant_slug: str) -> UUID:
        return ledger_id(cls.KIND, tenant_slug)


def _copy_containers(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy_containers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_containers(v) for v in value]
    if isinstance(value, set):
        return set(value)
    return value
