"""Regions and tenants as event-sourced aggregates, so onboarding history is auditable too.

Pure: stdlib and ``eventsourcing.domain`` only, like ``domain/``.
"""

from __future__ import annotations

import re
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import LedgerAggregate, SingleRecord

PLATFORM_NAMESPACE = uuid5(NAMESPACE_URL, "https://partnership-ledger.invalid/platform")
SLUG = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")


def check_slug(slug: str, what: str) -> str:
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise InvalidValueError(
            f"{what} slug {slug!r} is not valid: use 3-40 lower-case letters, digits and hyphens, "
            "starting with a letter (e.g. 'west-midlands')."
        )
    return slug


def check_name(name: str, what: str) -> str:
    if not isinstance(name, str) or not name.strip() or len(name) > 120:
        raise InvalidValueError(f"{what} name must be 1-120 characters; give the name people use.")
    return name.strip()


class TenantStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    OFFBOARDED = "offboarded"
    # a backup restored beside the partnership it was taken of, to inspect an old state: read
    # only (nothing is recorded for a tenant that is not active) and never one of its region's
    # partnerships, so no regional figure counts its cases and money a second time
    COPY = "copy"

    @property
    def in_region(self) -> bool:
        """Whether the tenant counts among its region's partnerships."""
        return self not in (TenantStatus.OFFBOARDED, TenantStatus.COPY)


class Region(LedgerAggregate):
    """A group of tenants, usually the area of one police force and its PCC."""

    @staticmethod
    def create_id(slug: str) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"region:{slug}")

    @event("Created")
    def __init__(self, slug: str, name: str) -> None:
        self.slug = slug
        self.name = name

    def rename(self, name: str) -> None:
        self._renamed(name=check_name(name, "Region"))

    @event("Renamed")
    def _renamed(self, name: str) -> None:
        self.name = name


class Tenant(LedgerAggregate):
    """One Community Safety Partnership; its cases live in a store of its own."""

    @staticmethod
    def create_id(slug: str) -> UUID:
        return uuid5(PLATFORM_NAMESPACE, f"tenant:{slug}")

    @event("Registered")
    def __init__(self, slug: str, name: str, region: str) -> None:
        self.slug = slug
        self.name = name
        self.region = region
        self.status = TenantStatus.ACTIVE

    def check_not_offboarded(self) -> None:
        if self.status == TenantStatus.OFFBOARDED:
            raise InvalidTransitionError(
                f"Tenant {self.slug!r} has been offboarded; register a new tenant instead."
            )

    def rename(self, name: str) -> None:
        self.check_not_offboarded()
        self._renamed(name=check_name(name, "Tenant"))

    @event("Renamed")
    def _renamed(self, name: str) -> None:
        self.name = name

    def move_to(self, region: str) -> None:
        self.check_not_offboarded()
        if region == self.region:
            raise InvalidTransitionError(f"Tenant {self.slug!r} is already in region {region!r}.")
        self._moved(region=region)

    @event("MovedRegion")
    def _moved(self, region: str) -> None:
        self.region = region

    def place_on(self, server: str) -> None:
        """Record which database server holds the tenant's store ("" = the platform's own)."""
        self.check_not_offboarded()
        if server == getattr(self, "server", ""):
            raise InvalidTransitionError(f"Tenant {self.slug!r} already lives on that server.")
        self._placed(server=server)

    @event("Placed")
    def _placed(self, server: str) -> None:
        self.server = server

    def keep_as_copy(self, of: str) -> None:
        """Mark a tenant just registered for a restored backup as a copy of ``of``."""
        if self.status != TenantStatus.ACTIVE:
            raise InvalidTransitionError(f"Tenant {self.slug!r} is {self.status}, not a new one.")
        self._kept_as_copy(of=of)

    @event("KeptAsCopy")
    def _kept_as_copy(self, of: str) -> None:
        self.status = TenantStatus.COPY
        self.copy_of = of

    def restore_store(self, head: int) -> None:
        """Record that the tenant's store was replaced by a backup ending at ``head``: what was
        recorded after the backup is gone, and positions after ``head`` are numbered again."""
        self._store_restored(head=head)

    @event("StoreRestored")
    def _store_restored(self, head: int) -> None:
        self.restores = getattr(self, "restores", 0) + 1

    def suspend(self, reason: str) -> None:
        if self.status != TenantStatus.ACTIVE:
            raise InvalidTransitionError(
                f"Tenant {self.slug!r} is {self.status}; only an active tenant can be suspended."
            )
        self._suspended(reason=check_name(reason, "Suspension reason"))

    @event("Suspended")
    def _suspended(self, reason: str) -> None:
        self.status = TenantStatus.SUSPENDED

    def reinstate(self) -> None:
        if self.status != TenantStatus.SUSPENDED:
            raise InvalidTransitionError(
                f"Tenant {self.slug!r} is {self.status}; only a suspended tenant can be reinstated."
            )
        self._reinstated()

    @event("Reinstated")
    def _reinstated(self) -> None:
        self.status = TenantStatus.ACTIVE

    def offboard(self, reason: str) -> None:
        self.check_not_offboarded()
        self._offboarded(reason=check_name(reason, "Offboarding reason"))

    @event("Offboarded")
    def _offboarded(self, reason: str) -> None:
        self.status = TenantStatus.OFFBOARDED


class Directory(SingleRecord):
    """The list of every region and tenant slug, so they can be listed without scanning history."""

    ID = uuid5(PLATFORM_NAMESPACE, "directory")

    @event("Started")
    def __init__(self) -> None:
        self.regions: tuple[str, ...] = ()
        self.tenants: tuple[str, ...] = ()

    @event("RegionListed")
    def list_region(self, slug: str) -> None:
        self.regions = (*self.regions, slug)

    @event("TenantListed")
    def list_tenant(self, slug: str) -> None:
        self.tenants = (*self.tenants, slug)
