"""``RegionLedger``: what belongs to a region (a PCC area) rather than to one partnership.

Its own store beside its tenants' (schema ``region_<slug>`` / ``region_<slug>.sqlite``),
opened through the same store factory, so it is isolated, backed up and encrypted like a
tenant's. The OPCC's budget lines, decisions and hosted pooled budgets use the money services
of a tenant's ledger (``region.funding``, ``region.pooled``) with partners checked against the
region's directory (``region.partners``); the work partnerships share has its own services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.persistence import InfrastructureFactory

from domain.errors import InvalidValueError
from domain.region import VALUE_OBJECTS as REGION
from tenants.application import LedgerApplication, aggregate_cache
from tenants.ledger.funding import Funding
from tenants.ledger.funding_pooled import Pooled
from tenants.ledger.value_objects import VALUE_OBJECTS as TENANT
from tenants.region_ledger.partners import Partners
from tenants.region_ledger.shared import Commissioning, Demand, Groups, Services

ReviewCheck = Callable[[str, UUID], bool]


def store_area(region_slug: str) -> str:
    """The region's store area (schema ``region_<slug>`` or its file), which names its
    application too (``RegionLedger.app_name``): the tables inside are named after it."""
    return "region_" + region_slug.replace("-", "_")


class RegionLedger(LedgerApplication):
    env: ClassVar[dict[str, str]] = aggregate_cache(256)
    value_objects = (*TENANT, *REGION)

    def __init__(
        self,
        region_slug: str,
        factory: InfrastructureFactory[Any] | None = None,
        env: dict[str, str] | None = None,
        tenants: Callable[[], set[str]] | None = None,
        review_exists: ReviewCheck | None = None,
    ) -> None:
        self.region_slug = region_slug
        self.tenant_slug = "@" + region_slug  # how audit seals and projections name this store
        self.name = self.app_name(region_slug)
        self.region_tenants = tenants or (lambda: set())
        self.review_exists = review_exists or (lambda tenant, review: False)
        super().__init__(factory, env)
        shared = (self, region_slug, self.region_tenants)
        self.partners = Partners(*shared)
        self.commissioning = Commissioning(*shared, self.partners)
        self.services = Services(*shared, self.partners)
        self.groups = Groups(*shared, self.partners)
        self.demand = Demand(*shared, self.partners)
        self.funding = RegionFunding(self, self.partners)
        self.pooled = RegionPooled(self, self.partners, self.review_exists)

    app_name = staticmethod(store_area)


class RegionFunding(Funding):
    """The OPCC's budget lines: grants are allocated to partnerships of the directory."""

    def __init__(self, app: LedgerApplication, partners: Partners) -> None:
        super().__init__(app)
        self.partners = partners

    def allocate(
        self, budget_line_id: UUID, number: str, tenant: str, amount: int, allocated_on: date
    ) -> None:
        csp = self.partners.directory().get_csp(tenant)
        assert csp.tenant is not None
        super().allocate(budget_line_id, number, csp.tenant, amount, allocated_on)


class RegionPooled(Pooled):
    """Pooled budgets the OPCC hosts: partners are bodies of the directory, and spend for one
    DHR names the partnership whose review it is."""

    def __init__(
        self, app: LedgerApplication, partners: Partners, review_exists: ReviewCheck
    ) -> None:
        super().__init__(app)
        self.partners, self.review_exists = partners, review_exists

    def add_partner(self, budget_id: UUID, partner: str, name: str, joined_on: date) -> None:
        entry = self.partners.directory().get(partner)
        super().add_partner(budget_id, entry.key, name or entry.name, joined_on)

    def spend(
        self,
        budget_id: UUID,
        allocation: str,
        amount: int,
        spent_on: date,
        reason: str,
        review_id: UUID | None = None,
        tenant: str | None = None,
    ) -> None:
        """Spend for one DHR names the partnership whose review it is: a partner of the pot."""
        if review_id is not None:
            self.check_review_of_partner(budget_id, tenant, review_id)
        self.record_spend(budget_id, allocation, amount, spent_on, reason, review_id)

    def check_review_of_partner(self, budget_id: UUID, tenant: str | None, review: UUID) -> None:
        pot = self.get(budget_id)
        directory = self.partners.directory()
        csp = directory.for_tenant(tenant or "")
        if csp is None or csp.key not in pot.partners:
            valid = sorted(p.tenant for k in pot.partners if (p := directory.partners[k]).tenant)
            raise InvalidValueError(
                f"Spend on a review must name the partnership whose review it is, and it must "
                f"be a partner of this pot; partnerships of the pot: {', '.join(valid)}."
            )
        if not self.review_exists(csp.tenant or "", review):
            raise InvalidValueError(
                f"Partnership '{tenant}' has no review {review}; check the review's id."
            )

    def partner_tenants(self, budget_id: UUID) -> set[str]:
        """Tenant slugs of the partnerships that pay into a pot: who may read it."""
        directory = self.partners.directory()
        pot = self.get(budget_id)
        return {
            t
            for k in pot.partners
            if k in directory.partners and (t := directory.partners[k].tenant)
        }
