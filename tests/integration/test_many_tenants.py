"""300 tenants live at once within PostgreSQL's default max_connections (100)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from adapters.stores import PostgresStores
from tenants.platform import Platform

TENANTS = 300


@pytest.mark.postgres
@pytest.mark.parametrize("store_kind", ["postgres"], indirect=True)
def test_three_hundred_tenants_share_one_bounded_pool(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform(
        LEDGER_PG_POOL_SIZE="4", LEDGER_PG_MAX_OVERFLOW="2", LEDGER_OPEN_TENANTS="300"
    )
    assert isinstance(platform.stores, PostgresStores)
    region = unique("nation")
    platform.registry.create_region(region, unique("Synthetic"))
    slugs = [unique(f"t{n:03d}") for n in range(TENANTS)]
    for slug in slugs:
        platform.register_tenant(slug, slug, region)
    for slug in slugs:
        with platform.ledgers.lease(slug) as ledger:
            ledger.reviews.notify(
                "DHR-1", date(2021, 5, 1), date(2021, 5, 3), "Ann", "dhr", "unexpected_death"
            )
    assert platform.ledgers.open_count() == TENANTS
    assert platform.stores.shared.pool.get_stats()["pool_size"] <= 6
    assert platform.stores.server_connections() < 100
    with platform.ledgers.lease(slugs[-1]) as last:
        assert [r.reference for r in last.reviews.all()] == ["DHR-1"]
