"""Processes opening the same new store at once must not trip over each other's DDL."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from adapters.crypto.master import MasterKey
from adapters.postgres import PostgresStores
from adapters.settings import PostgresAddress
from tenants.ledger import PartnershipLedger
from tests.conftest import TEST_MASTER_KEY

OPENERS = 6


@pytest.fixture
def address(postgres_url: str) -> Iterator[PostgresAddress]:
    yield PostgresAddress.parse(postgres_url)


@pytest.mark.postgres
def test_many_processes_opening_a_new_tenant_store_at_once_all_succeed(
    address: PostgresAddress,
) -> None:
    """As when the API registers a tenant while the relay and a worker discover it."""
    slug = f"race-{uuid.uuid4().hex[:8]}"
    area = "tenant_" + slug.replace("-", "_")
    master = MasterKey(TEST_MASTER_KEY, Path("unused"))
    stores = [PostgresStores(address, 2, 1, master) for _ in range(OPENERS)]
    start, failures = threading.Barrier(OPENERS), []

    def open_store(store: PostgresStores) -> None:
        start.wait()
        try:
            PartnershipLedger(
                slug, factory=store.factory(area, PartnershipLedger.app_name(slug))
            ).close()
        except Exception as e:  # noqa: BLE001 - the test reports whatever went wrong
            failures.append(e)

    threads = [threading.Thread(target=open_store, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert failures == []
        ledger = PartnershipLedger(
            slug, factory=stores[0].factory(area, PartnershipLedger.app_name(slug))
        )
        ledger.reviews.notify(
            "DHR-1", date(2020, 1, 2), date(2020, 1, 9), "Ann", "dhr", "unexpected_death"
        )
        assert [r.reference for r in ledger.reviews.all()] == ["DHR-1"]
    finally:
        for s in stores:
            s.close()
