"""Stores written by earlier code still load: the committed fixtures of each store kind.

``tests/fixtures/stores`` holds one small history (a case through its lifecycle with IMRs,
findings, recommendations and actions, costs, a correction, a vault entry and a chronology
entry; a region's pooled budget; users and a token; an audit seal) as the code of
2026-12-02 wrote it, on SQLite (the data folder) and PostgreSQL (a plain ``pg_dump``), under
a master key made for them. Opened with the current code, every aggregate, the audit chain
and the regional views rebuilt from the events must read as they were recorded.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from adapters.settings import Settings
from projections.asof import as_of
from projections.queries import dhr_counts
from tenants.platform import Platform, bootstrap
from tests.conftest import fresh_database
from tests.fixtures.make_stores import (
    HERE,
    MASTER_KEY,
    OFFICER,
    POT,
    REGION,
    TENANT,
    load_sqlite_dumps,
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    data = tmp_path / "data"
    env = {"LEDGER_DATA_DIR": str(data), "LEDGER_MASTER_KEY": MASTER_KEY}
    if request.param == "sqlite":
        load_sqlite_dumps(HERE / "sqlite", data)  # fresh files: opening a store may write
        platform = bootstrap(Settings.from_environ(env))
        yield platform
        platform.close()
        return
    with fresh_database("ledger_old_store") as url:
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(HERE / "postgres.sql"), url],
            check=True,
            capture_output=True,
        )
        platform = bootstrap(Settings.from_environ({**env, "LEDGER_DATABASE_URL": url}))
        yield platform
        platform.close()


def test_an_old_tenant_store_loads_every_area_of_the_case(old_platform: Platform) -> None:
    with old_platform.ledgers.lease(TENANT, writing=False) as ledger:
        (review,) = ledger.reviews.all()
        assert (review.reference, review.pseudonym, str(review.status)) == (
            "FIX-DHR-01",
            "Alexis",  # the correction
            "published",
        )
        assert [(i.agency, i.received_on) for i in review.imrs] == [
            ("Police", date(2017, 6, 10)),
            ("Adult Social Care", date(2017, 6, 19)),
            ("Clinical Commissioning Group", date(2017, 6, 28)),
            ("Housing", date(2017, 7, 7)),
        ]
        plan = ledger.plan.master()
        assert sorted(line.recommendation_reference for line in plan) == ["R1", "R2", "R3", "R4"]
        assert {line.review_id for line in plan} == {review.id}
        cost = ledger.costs.of_review(review.id)
        assert (cost.total_estimate, cost.total_actual) == (850_000, 900_000)
        details = ledger.vault.entry(review.id).details
        assert details is not None and details.victim_name == "Test Person"
        rows = ledger.chronology.merged(review.id).rows
        assert [getattr(r, "what_happened", None) for r in rows] == [
            "Officers attended a call to the address"
        ]
        verification = old_platform.audit.verify(ledger)
        assert verification.intact and verification.seals_checked == 1


def test_an_old_region_ledger_users_and_registry_load(old_platform: Platform) -> None:
    assert [t.slug for t in old_platform.registry.tenants()] == [TENANT]
    user = old_platform.access.user(OFFICER)
    assert (str(user.role), user.tenants) == ("csp_officer", (TENANT,))
    with old_platform.region_ledgers.lease(REGION, writing=False) as region:
        (listing,) = region.funding.budgets()
        assert listing.reference == POT
        statement = region.pooled.statement(listing.budget_id, "2016/17")
        assert (statement.contributions, statement.spend, statement.closing_reserve) == (
            500_000,
            300_000,
            200_000,
        )


def test_the_regional_views_rebuild_from_an_old_store(old_platform: Platform) -> None:
    with as_of(old_platform, datetime.now(UTC), REGION) as views:
        total = dhr_counts(views, REGION).total
    assert (total.notified, total.commenced, total.completed) == (1, 1, 1)


def test_an_old_store_takes_new_events(old_platform: Platform) -> None:
    with old_platform.ledgers.lease(TENANT) as ledger:
        (review,) = ledger.reviews.all()
        ledger.reviews.correct(review.id, "pseudonym", "Alex", "Back to the first pseudonym")
        assert ledger.reviews.get(review.id).pseudonym == "Alex"
