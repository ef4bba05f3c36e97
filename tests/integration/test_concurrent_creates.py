"""Officers of one partnership creating different cases at once must all succeed."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from tenants.platform import Platform


def test_concurrent_notifications_in_one_tenant_all_land(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    region, tenant = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("R"))
    platform.register_tenant(tenant, f"CSP {tenant}", region)

    def notify(n: int) -> None:
        with platform.ledgers.lease(tenant) as ledger:
            ledger.reviews.notify(
                f"DHR-{n}", date(2020, 1, 2), date(2020, 1, 9), "Ann", "dhr", "unexpected_death"
            )

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(notify, range(12)))
    with platform.ledgers.lease(tenant) as ledger:
        assert sorted(r.reference for r in ledger.reviews.all()) == sorted(
            f"DHR-{n}" for n in range(12)
        )
