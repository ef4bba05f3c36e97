"""Load the demo: regions, tenants, then each tenant's cases. Safe to run again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from domain.calendar import uk_today
from domain.errors import NotFoundError
from domain.recording import acting_as
from tenants.demo.cases import CASES
from tenants.demo.imrs import ask_for_more_time
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.demo.money import DEMO_ACTOR, add_costs, load_money
from tenants.demo.people import agency_user_id, ensure_users, staff_ids
from tenants.demo.plans import add_plan
from tenants.demo.regions import REGIONS
from tenants.demo.research import load_research
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
    """Record one case unless its reference exists already; True when something was added.

    The partnership's demo officer records it and its lead signs it off, when they exist
    (``ensure_users`` first), so its history reads with their names.
    """
    officer, lead = staff_ids(platform, step.tenant)
    with acting_as(officer or DEMO_ACTOR), platform.ledgers.lease(step.tenant) as ledger:
        try:
            ledger.reviews.id_for(step.case.reference)
            return False
        except NotFoundError:
            today = uk_today()
            review = record(ledger, step.case, today, lead)
            police = agency_user_id(platform, platform.registry.tenant(step.tenant).region)
            ask_for_more_time(ledger, review, step.case.reference, today, police)
            add_plan(ledger, review, step.case, today, lead)
            if costs_dated_by(step.case, today):
                add_costs(ledger, review, step.case)
            return True


def costs_dated_by(case: DemoCase, today: date) -> bool:
    """Whether every cost ``add_costs`` records for the case (estimates 75 days after the
    incident, invoices at 300 once drafted) is dated by today; a recent case gets its costs
    when the demo is loaded after they fall due."""
    last = 300 if case.stage >= Stage.DRAFTED else 75
    return case.decided and case.incident_on + timedelta(days=last) <= today


def load_all(platform: Platform) -> int:
    """The whole demo in one call (tests, benchmarks): tenants, people, cases, money."""
    ensure_tenants(platform)
    ensure_users(platform)
    added = sum(load_case(platform, step) for step in steps())
    load_money(platform)
    load_research(platform)
    return added
