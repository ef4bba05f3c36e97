"""Each tenant's events live in its own store, reachable only through the registry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from domain.errors import InvalidTransitionError, NotFoundError
from tenants.platform import Platform


def two_tenants(platform: Platform, unique: Callable[[str], str]) -> tuple[str, str]:
    region = unique("region")
    platform.registry.create_region(region, unique("R"))
    a, b = unique("alpha"), unique("beta")
    platform.register_tenant(a, "Alpha", region)
    platform.register_tenant(b, "Beta", region)
    return a, b


def test_tenants_have_separate_store_areas(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    a, b = two_tenants(platform, unique)
    with platform.ledgers.lease(a) as ledger_a, platform.ledgers.lease(b) as ledger_b:
        assert ledger_a.tenant_slug == a and ledger_b.tenant_slug == b
        assert ledger_a.recorder is not ledger_b.recorder
    assert platform.registry.tenant(a).store_area != platform.registry.tenant(b).store_area


def test_an_unregistered_tenant_cannot_be_opened(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    with pytest.raises(NotFoundError):
        with platform.ledgers.lease(unique("ghost")):
            pass


def test_a_suspended_tenant_can_be_read_but_not_written(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    a, _ = two_tenants(platform, unique)
    platform.registry.suspend_tenant(a, "investigation")
    with pytest.raises(InvalidTransitionError, match="reinstates"):
        with platform.ledgers.lease(a):
            pass
    with platform.ledgers.lease(a, writing=False) as ledger:
        assert ledger.tenant_slug == a


def test_idle_tenants_are_closed_and_reopen_intact(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform(LEDGER_OPEN_TENANTS="2")
    region = unique("region")
    platform.registry.create_region(region, unique("R"))
    slugs = [unique(f"csp{n}") for n in range(5)]
    for slug in slugs:
        platform.register_tenant(slug, slug, region)
    assert platform.ledgers.open_count() <= 2
    for (
        slug
    ) in slugs:  # reopening after eviction must find its store (and, on PostgreSQL, its row type)
        with platform.ledgers.lease(slug) as ledger:
            ledger.reviews.notify(
                "DHR-1", date(2020, 1, 2), date(2020, 1, 9), "Ann", "dhr", "unexpected_death"
            )
    for slug in slugs:
        with platform.ledgers.lease(slug) as ledger:
            assert [r.reference for r in ledger.reviews.all()] == ["DHR-1"]
    assert platform.ledgers.open_count() <= 2
