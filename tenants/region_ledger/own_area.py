"""What a region's ledger holds for one partnership's own area, for the partnership to read.

A partnership's people do not read the region's ledger (its budget lines, every area's
commissioning, the directory: OPCC staff and regional leads do), yet some of it is theirs: the
grants the Commissioner allocated to them and what was paid, the least a joint commissioning
budget must spend in their area beside what is allocated there (Stoke-on-Trent's £421,000 a
year, seed 004), and the services bought for their area, who provides them and until when.
Only lines that name the partnership (or its directory entry) are returned; another area's
figures stay with the region.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.funding import BudgetKind, FinancialYear
from domain.funding.grant_values import GrantAllocation
from domain.region.commissioning import AreaLine
from domain.region.services import funding_ended
from tenants.region_ledger.application import RegionLedger


@dataclass(frozen=True)
class Grant:
    """An allocation to the partnership under one decision on one of the region's lines."""

    line: str  # the budget line's name
    owner: str  # who holds the line (the Commissioner)
    allocation: GrantAllocation


@dataclass(frozen=True)
class MinimumSpend:
    """One year of a commissioning budget, as far as the partnership's area goes."""

    budget: str  # the budget's name
    year: FinancialYear
    line: AreaLine


@dataclass(frozen=True)
class ServiceInArea:
    name: str
    provider: str  # as the directory names it
    funded_to: date | None  # the latest end of its agreements; None before any

    def funding_ended(self, on: date) -> bool:
        return funding_ended(self.funded_to, on)


@dataclass(frozen=True)
class OwnArea:
    grants: tuple[Grant, ...]
    minimums: tuple[MinimumSpend, ...]  # newest year first
    services: tuple[ServiceInArea, ...]


def own_area(ledger: RegionLedger, tenant: str) -> OwnArea:
    """The region ledger's lines naming ``tenant``: grants to it, and the commissioning of its
    area (by its slug, or its directory entry's key where that differs)."""
    directory = ledger.partners.directory()  # read once: the partner's key and every name
    partner = directory.for_tenant(tenant)
    keys = {tenant} | ({partner.key} if partner else set())
    names = directory.names
    grants = tuple(
        Grant(line.name, line.owner, allocation)
        for listing in ledger.funding.budgets()
        if listing.kind == BudgetKind.BUDGET_LINE
        for line in (ledger.funding.line(listing.budget_id),)
        for allocation in line.allocations.values()
        if allocation.tenant == tenant
    )
    minimums = tuple(
        sorted(
            (
                MinimumSpend(budget.name, year.year, area)
                for budget in ledger.commissioning.all()
                for year in (budget.year(y) for y in budget.values)
                for area in year.areas
                if area.area in keys
            ),
            key=lambda m: (str(m.year), m.budget),
            reverse=True,
        )
    )
    services = tuple(
        ServiceInArea(
            service.name,
            names.get(service.provider, service.provider),
            service.funded_to,
        )
        for service in sorted(ledger.services.all(), key=lambda s: s.name)
        if service.area in keys
    )
    return OwnArea(grants, minimums, services)
