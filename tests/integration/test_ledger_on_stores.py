"""A partnership's whole ledger on real stores: lifecycle, restart, isolation, seeds.

Each test runs on embedded SQLite and on the PostgreSQL server (``store_kind``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

import pytest

from domain.errors import NotFoundError
from domain.recording import LedgerAggregate, acting_as
from tenants.demo.cases import CASES
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.demo.money import leicestershire_2016_17, leicestershire_pooled_budget
from tenants.demo.plans import add_plan
from tenants.platform import Platform
from tests.projections.support import WEST_MIDLANDS


def a_tenant(platform: Platform, unique: Callable[[str], str], stem: str = "csp") -> str:
    region = unique("region")
    if region not in {r.slug for r in platform.registry.regions()}:
        platform.registry.create_region(region, unique("Region"))
    slug = unique(stem)
    platform.register_tenant(slug, stem.title(), region)
    return slug


def published_case(reference: str) -> DemoCase:
    return DemoCase(reference, "Mary", date(2014, 3, 2), Stage.PUBLISHED)


def test_a_published_case_survives_a_restart_unchanged(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    first = make_platform()
    tenant = a_tenant(first, unique)
    with acting_as("officer-1"), first.ledgers.lease(tenant) as ledger:
        review_id = record(ledger, published_case("DHR-2014-01"))
        add_plan(ledger, review_id, published_case("DHR-2014-01"))
        before = ledger.reviews.get(review_id)
        plan_before = ledger.plan.master(as_of=date(2016, 3, 31))
    first.close()
    again = make_platform()
    with again.ledgers.lease(tenant) as ledger:
        after = ledger.reviews.get(review_id)
        assert after == before
        assert str(after.status) == "published"
        assert ledger.plan.master(as_of=date(2016, 3, 31)) == plan_before
        assert len(list(ledger.events.get(review_id))) == before.version
        assert {
            cast(LedgerAggregate.Event, e).recorded_by for e in ledger.events.get(review_id)
        } == {"officer-1"}


def test_one_tenant_cannot_read_another_tenants_case(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    alpha, beta = a_tenant(platform, unique, "alpha"), a_tenant(platform, unique, "beta")
    with platform.ledgers.lease(alpha) as ledger_a:
        review_id = record(ledger_a, published_case("DHR-SHARED-REF"))
    with platform.ledgers.lease(beta) as ledger_b:
        with pytest.raises(NotFoundError):
            ledger_b.reviews.get(review_id)
        with pytest.raises(NotFoundError):
            ledger_b.reviews.id_for("DHR-SHARED-REF")
        assert ledger_b.reviews.all() == []
        assert list(ledger_b.notification_log.select(start=1, limit=10)) == []


def test_the_west_midlands_demo_reproduces_the_seed_table(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    for csp, (_, commenced, completed) in WEST_MIDLANDS.items():
        tenant = a_tenant(platform, unique, csp)
        with platform.ledgers.lease(tenant) as ledger:
            for case in CASES.get(csp, []):
                record(ledger, case)
            reviews = ledger.reviews.all()
        held = [r for r in reviews if r.decision and str(r.decision.outcome) != "not_hold"]
        assert (len(held), sum(r.submitted_on is not None for r in reviews)) == (
            commenced,
            completed,
        ), csp


def test_the_pooled_budget_statement_is_the_same_after_a_restart(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    first = make_platform()
    tenant = a_tenant(first, unique)
    with first.ledgers.lease(tenant) as ledger:
        pot = leicestershire_pooled_budget(ledger)
        leicestershire_2016_17(ledger, pot)
        statement = ledger.pooled.statement(pot, "2016/17")
    first.close()
    with make_platform().ledgers.lease(tenant) as ledger:
        assert ledger.pooled.statement(pot, "2016/17") == statement
        assert statement.opening_reserve == 2_550_000 and statement.reconciles
