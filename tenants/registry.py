"""The tenant registry: which partnerships exist, in which region, and whether they may be used.

It is an event-sourced application of its own (store area ``platform``), so every onboarding,
move, suspension and offboarding is history an auditor can replay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from domain.errors import DuplicateError, NotFoundError
from tenants.application import LedgerApplication, aggregate_cache
from tenants.kept_current import KeptCurrent, event_topics
from tenants.model import (
    Directory,
    Region,
    Tenant,
    TenantStatus,
    check_name,
    check_reason,
    check_slug,
)
from tenants.recent import Recent
from tenants.status_notes import StatusChange, TenantNotes

T = TypeVar("T")


@dataclass(frozen=True)
class TenantInfo:
    slug: str
    name: str
    region: str
    status: TenantStatus
    server: str = (
        ""  # the PostgreSQL server holding its store, without password; "" = the platform's
    )
    restores: int = 0  # how many times its store was replaced by a backup (Tenant.StoreRestored)

    @property
    def store_area(self) -> str:
        return store_area(self.slug)


@dataclass(frozen=True)
class RegionInfo:
    slug: str
    name: str


def store_area(tenant_slug: str) -> str:
    """The schema (PostgreSQL) or file (SQLite) holding one tenant's events."""
    return "tenant_" + tenant_slug.replace("-", "_")


class TenantRegistry(LedgerApplication):
    name = "platform_registry"
    env: ClassVar[dict[str, str]] = aggregate_cache(1024)

    def __init__(self, *args: Any, notes: TenantNotes | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notes = notes  # where suspension and offboarding reasons are kept, encrypted
        self._recent: Recent[str, TenantInfo] = self.recent()
        # Every tenant and every region as the store holds them, brought up to date on each call
        # by reading only what was recorded since (tenants/kept_current.py): a regional page
        # lists 300 tenants with two queries, and a new name is checked against every other
        # without reading each again (creating the n-th region cost n reads, 340 ms at 1,500).
        self._tenants = KeptCurrent(
            self.recorder, Tenant.create_id, self.tenant, event_topics(Tenant)
        )
        self._regions = KeptCurrent(
            self.recorder, Region.create_id, self.region, event_topics(Region)
        )

    def create_region(self, slug: str, name: str) -> RegionInfo:
        check_slug(slug, "Region")
        name = check_name(name, "Region")
        self._save_new(
            lambda: Region(slug=slug, name=name),
            Directory.list_region,
            slug,
            lambda: self._check_region_name(name, slug),
        )
        return RegionInfo(slug, name)

    def rename_region(self, slug: str, name: str) -> None:
        region = self._region(slug)
        self._check_region_name(check_name(name, "Region"), slug)
        region.rename(name)
        self.save(region)

    def register_tenant(self, slug: str, name: str, region: str) -> TenantInfo:
        self._region(region)
        check_slug(slug, "Tenant")
        name = check_name(name, "Tenant")
        self._check_tenant_name(name, region, slug)
        return self.restore_tenant(slug, name, region)

    def restore_tenant(self, slug: str, name: str, region: str) -> TenantInfo:
        """Register a partnership whose store is being restored from a backup, under the name
        it had: a store accepted before names had to differ is never refused on its way back."""
        self._save_new(
            lambda: Tenant(slug=slug, name=name, region=region), Directory.list_tenant, slug
        )
        return self.tenant(slug)

    def restore_copy(self, slug: str, name: str, region: str, of: str) -> TenantInfo:
        """Register a backup of ``of`` restored beside it, to inspect: a copy is read only and
        none of its region's partnerships (``TenantStatus.COPY``)."""

        def make() -> Tenant:
            tenant = Tenant(slug=slug, name=name, region=region)
            tenant.keep_as_copy(of)
            return tenant

        self._save_new(make, Directory.list_tenant, slug)
        return self.tenant(slug)

    def store_restored(self, slug: str, head: int) -> None:
        """Record that ``slug``'s store was replaced by a backup ending at ``head``, so the
        read models, wherever they run, forget what they built from the lost store."""
        self._change(slug, lambda t: t.restore_store(head))

    def rename_tenant(self, slug: str, name: str) -> None:
        self._check_tenant_name(check_name(name, "Tenant"), self.tenant(slug).region, slug)
        self._change(slug, lambda t: t.rename(name))

    def move_tenant(self, slug: str, region: str) -> None:
        self._region(region)
        self._check_tenant_name(self.tenant(slug).name, region, slug)
        self._change(slug, lambda t: t.move_to(region))

    def _check_tenant_name(self, name: str, region: str, slug: str) -> None:
        """Within a region partnerships are told apart by name (the dashboard, the heat map,
        every board paper); an offboarded one or a restored copy is none of them, so its name may be
        reused."""
        for other in self.tenants(region):
            live = other.status.in_region
            if other.slug != slug and live and _alike(other.name, name):
                raise DuplicateError(
                    f"{self.region(region).name} already has a partnership called {other.name} "
                    f"({other.slug}); give this one a name people can tell apart, such as the "
                    "area it covers."
                )

    def _check_region_name(self, name: str, slug: str) -> None:
        """Regions are told apart by name across the platform (the header, the administrator's
        lists, a user's grants, every regional paper's title), as partnerships are within their
        region. A create checks after loading the directory it saves with, so when two
        administrators create one name at once, the second's retry sees the first's."""
        for other in self.regions():
            if other.slug != slug and _alike(other.name, name):
                raise DuplicateError(
                    f"There is already a region called {other.name} ({other.slug}); give this "
                    "one a name people can tell apart, such as the police force area it covers."
                )

    def place_tenant(self, slug: str, server: str) -> None:
        """Record that the tenant's store now lives on ``server`` (see ``tenants/moving.py``)."""
        self._change(slug, lambda t: t.place_on(server))

    def suspend_tenant(self, slug: str, reason: str) -> None:
        reason = check_reason(reason, "Suspension reason")
        self._noted_change(slug, TenantStatus.SUSPENDED, reason)

    def reinstate_tenant(self, slug: str) -> None:
        self._change(slug, lambda t: t.reinstate())

    def offboard_tenant(self, slug: str, reason: str) -> None:
        reason = check_reason(reason, "Offboarding reason")
        self._noted_change(slug, TenantStatus.OFFBOARDED, reason)

    def _noted_change(self, slug: str, status: TenantStatus, reason: str) -> None:
        """A suspension or an offboarding: its reason is written to the notes store (where
        typed words are encrypted) only once the tenant may take the change, so a refused
        change leaves no note behind."""
        tenant = self._tenant(slug)
        check, change = {
            TenantStatus.SUSPENDED: (tenant.check_suspendable, tenant.suspend),
            TenantStatus.OFFBOARDED: (tenant.check_not_offboarded, tenant.offboard),
        }[status]
        check()
        change(self._noted().write(slug, status, reason))
        self.save(tenant)

    def status_history(self, slug: str) -> list[StatusChange]:
        """The tenant's suspensions and offboardings with their reasons, oldest first."""
        return self._noted().history(self.events.get(self._tenant(slug).id))

    def _noted(self) -> TenantNotes:
        if self.notes is None:
            raise RuntimeError("This registry was opened without its notes store (bootstrap).")
        return self.notes

    def close(self) -> None:
        if self.notes is not None:
            self.notes.close()
        super().close()

    def recent_tenant(self, slug: str) -> TenantInfo:
        """``tenant(slug)`` as of at most a second ago: for the checks every request makes."""
        return self._recent.get(slug, lambda: self.tenant(slug))

    def tenant(self, slug: str) -> TenantInfo:
        t = self._get(
            Tenant, slug, f"No tenant {slug!r}; `ledger tenants list` shows the registered ones."
        )
        return TenantInfo(
            t.slug,
            t.name,
            t.region,
            TenantStatus(t.status),
            getattr(t, "server", ""),
            getattr(t, "restores", 0),
        )

    def region(self, slug: str) -> RegionInfo:
        r = self._region(slug)
        return RegionInfo(r.slug, r.name)

    def regions(self) -> list[RegionInfo]:
        """Every region as the store holds it now, here or after another process's change."""
        return self._regions.of(lambda: self._directory().regions)

    def tenants(self, region: str | None = None) -> list[TenantInfo]:
        """Every tenant (of ``region``) as the store holds it now."""
        found = self._tenants.of(lambda: self._directory().tenants)
        return [t for t in found if region is None or t.region == region]

    def directory_version(self) -> int:
        """Changes whenever a region or tenant is added: a cheap 'anything new?' check."""
        return self._directory().version

    def _region(self, slug: str) -> Region:
        return self._get(
            Region,
            slug,
            f"No region {slug!r}; `ledger regions list` shows them (a new one needs "
            "`ledger regions create` first).",
        )

    def _get(self, cls: type[T], slug: str, message: str) -> T:
        try:
            return self.repository.get(cls.create_id(slug))  # type: ignore[attr-defined]
        except AggregateNotFoundError:
            raise NotFoundError(message) from None

    def _tenant(self, slug: str) -> Tenant:
        return self._get(
            Tenant, slug, f"No tenant {slug!r}; `ledger tenants list` shows the registered ones."
        )

    def _change(self, slug: str, command: Callable[[Tenant], None]) -> None:
        tenant = self._tenant(slug)
        command(tenant)
        self.save(tenant)

    def _directory(self) -> Directory:
        found = self.find(Directory.ID, Directory)
        return Directory() if found is None else found

    def _save_new(
        self,
        make: Callable[[], Any],
        listing: Callable[[Directory, str], None],
        slug: str,
        check: Callable[[], None] = lambda: None,
    ) -> None:
        for _ in range(5):  # another process may list a slug at the same moment: reload and retry
            created, directory = make(), self._directory()
            if created.id in self.repository:
                raise DuplicateError(
                    f"{type(created).__name__} {slug!r} already exists; choose another slug."
                )
            check()
            listing(directory, slug)
            try:
                self.save(created, directory)
                return
            except IntegrityError:
                continue
        raise IntegrityError(
            "The tenant directory kept changing while saving; run the command again."
        )


def _alike(first: str, second: str) -> bool:
    """Names people would read as one: case and spacing aside."""
    return " ".join(first.casefold().split()) == " ".join(second.casefold().split())
