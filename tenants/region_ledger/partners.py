"""Use cases on the region's partner directory: add bodies, map free-text names to them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.errors import InvalidValueError, NotFoundError
from domain.region import Partner, PartnerDirectory, Sector

if TYPE_CHECKING:
    from eventsourcing.application import Application

    _Base = Application[Any]
else:
    _Base = object

A = TypeVar("A")


class RegionSupport(_Base):
    region_slug: str
    region_tenants: Callable[[], set[str]]

    def _region_get(self, cls: type[A], aggregate_id: UUID, what: str) -> A:
        found: object
        try:
            found = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            found = None
        if not isinstance(found, cls):
            raise NotFoundError(f"No {what} in region {self.region_slug!r}; check the reference.")
        return found

    def directory(self) -> PartnerDirectory:
        try:
            found: PartnerDirectory = self.repository.get(PartnerDirectory.create_id())
        except AggregateNotFoundError:
            found = PartnerDirectory()
        return found

    def check_partner(self, key: str) -> Partner:
        """The directory entry, or a 422 that lists the valid keys."""
        return self.directory().get(key)


class PartnerUseCases(RegionSupport):
    def partners(self) -> tuple[Partner, ...]:
        return tuple(self.directory().partners.values())

    def add_partner(
        self, key: str, name: str, sector: Sector | str, on: date, tenant: str | None = None
    ) -> Partner:
        if tenant is not None and tenant not in self.region_tenants():
            valid = ", ".join(sorted(self.region_tenants()))
            raise InvalidValueError(
                f"'{tenant}' is not a partnership of region {self.region_slug!r}; "
                f"its partnerships: {valid}."
            )
        directory = self.directory()
        directory.add(key, name, sector, tenant, on)
        self.save(directory)
        return directory.partners[key]

    def map_partner_name(self, name: str, key: str, on: date) -> Partner:
        directory = self.directory()
        directory.map_name(name, key, on)
        self.save(directory)
        return directory.partners[key]
