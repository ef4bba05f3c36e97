"""Load the demo: regions, tenants, then each tenant's cases. Safe to run again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from domain.errors import NotFoundError
from domain.recording import acting_as
from tenants.demo.cases import CASES
from tenants.demo.lifecycle import DemoCase, record
from tenants.demo.money import DEMO_ACTOR, add_costs
from tenants.demo.plans import add_plan
from tenants.demo.regions import REGIONS
from tenants.platform import Platform


@dataclass(frozen=True)
class DemoStep:
    tenant: str
    case: DemoCase


def ensure_tenants(platform: Platform) -> None:
    existing_regions = {r.slug for r in platform.registry.regions()}
    existing_tenants = {t.slug for t in platform.registry.tenants()}
    with acting_as(DEMO_ACTOR):
        for region in REGIONS:
            if region.slug not in existing_regions:
                platform.registry.create_region(region.slug, region.name)
            for slug, name in region.tenants:
                if slug not in existing_tenants:
                    platform.register_tenant(slug, name, region.slug)


def steps() -> Iterator[DemoStep]:
    for tenant, cases in CASES.items():
        for case in cases:
            yield DemoStep(tenant, case)


def load_case(platform: Platform, step: DemoStep) -> bool:
    """Record one case unless its reference exists already; True when something was added."""
    with acting_as(DEMO_ACTOR), platform.ledgers.lease(step.tenant) as ledger:
        try:
            ledger.review_id_for(step.case.reference)
            return False
        except NotFoundError:
            review = record(ledger, step.case)
            add_plan(ledger, review, step.case)
            add_costs(ledger, review, step.case)
            return True
