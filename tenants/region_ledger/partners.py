"""The region's partner directory (``region.partners``): add bodies, map free-text names to
them; the other regional services check partners against it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from domain.errors import DuplicateError, InvalidValueError
from domain.recording import LedgerAggregate
from domain.region import Partner, PartnerDirectory, Sector
from tenants.application import LedgerApplication
from tenants.ledger.service import Service

A = TypeVar("A")
N = TypeVar("N", bound=LedgerAggregate)


class RegionService(Service):
    """What the region's services share: the region, its partnerships, loading its records."""

    def __init__(
        self, app: LedgerApplication, region_slug: str, region_tenants: Callable[[], set[str]]
    ) -> None:
        super().__init__(app)
        self.region_slug, self.region_tenants = region_slug, region_tenants

    def stored(self, cls: type[A], aggregate_id: UUID, what: str, at: datetime | None = None) -> A:
        """The record, or (``at``) the record as it stood when the ledger had recorded up to
        that instant: what a board paper of that day was built from."""
        missing = f"No {what} in region {self.region_slug!r}; check the reference."
        return self.load(aggregate_id, cls, missing, at)

    def every(self, opened: type, at: datetime | None = None) -> list[Any]:
        """Every record whose first event is ``opened`` (``CommissioningBudget.Opened``), in
        the order they were opened: a region holds a handful of each kind. With ``at``, each
        as recorded by that instant, and those opened later left out."""
        ids = self.app.originators_of(opened)
        if at is None:
            return [self.app.repository.get(i) for i in ids]
        return [found for i in ids if (found := self.replayed(i, at)) is not None]

    def save_new(self, aggregate: N, what: str) -> N:
        """Save a just-opened record, refused if one with its reference already exists."""
        if aggregate.id in self.app.repository:
            raise DuplicateError(f"A {what} already exists.")
        self.save(aggregate)
        return aggregate


class Partners(RegionService):
    def directory(self) -> PartnerDirectory:
        return self.find_or(PartnerDirectory.create_id(), PartnerDirectory, PartnerDirectory)

    def check(self, key: str) -> Partner:
        """The directory entry, or a 422 that lists the valid keys."""
        return self.directory().get(key)

    def all(self) -> tuple[Partner, ...]:
        return tuple(self.directory().partners.values())

    def names(self) -> dict[str, str]:
        """Every body by key, as the directory names it (``PartnerDirectory.names``)."""
        return self.directory().names

    def add(
        self, key: str, name: str, sector: Sector | str, on: date, tenant: str | None = None
    ) -> Partner:
        if tenant is not None and tenant not in self.region_tenants():
            valid = ", ".join(sorted(self.region_tenants()))
            raise InvalidValueError(
                f"'{tenant}' is not a partnership of region {self.region_slug!r}; "
                f"its partnerships: {valid}."
            )
        directory = self.directory()
        self.perform(directory.add, key, name, sector, tenant, on)
        return directory.partners[key]

    def map_name(self, name: str, key: str, on: date) -> Partner:
        directory = self.directory()
        self.perform(directory.map_name, name, key, on)
        return directory.partners[key]
