"""Imported history reaches the regional views like any save: the doorbell rings, the relay relays.

On PostgreSQL the import ``NOTIFY``s the tenant table's channel (what the relay's doorbell and
the library's subscriptions listen to); on SQLite the relay notices the file change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import psycopg
import pytest
from eventsourcing.postgres import PostgresApplicationRecorder

from adapters.messaging import Broker
from projections.doorbell import ListeningDoorbell
from projections.queries import dhr_counts
from projections.relay import Relay
from projections.store import open_views
from projections.views import all_models
from projections.worker import Worker
from tenants.platform import Platform, bootstrap
from tests.conftest import PG_SERVER, settings_for
from tests.integration.test_bulk_import import case, tenant
from tests.projections.support import wait_for


@pytest.mark.postgres
@pytest.mark.parametrize("store_kind", ["postgres"], indirect=True)  # SQLite: the next test
def test_postgres_subscribers_are_woken_by_an_import(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    assert platform.settings.postgres is not None
    _, slug = tenant(platform, unique)
    doorbell = ListeningDoorbell(platform.settings.postgres)
    try:
        with platform.ledgers.lease(slug) as app:
            recorder = cast(PostgresApplicationRecorder, app.recorder)
            doorbell.watch(slug, recorder.channel_name)
            app.imports.history([case("DHR-2016-001")])
        assert slug in wait_for(lambda: doorbell.wait(0.5), "the import's NOTIFY", timeout=10)
    finally:
        doorbell.close()


@pytest.fixture
def own_platform(store_kind: str, tmp_path: Path) -> Iterator[Platform]:
    """A store of this test's own: a worker catches up every tenant it finds, and the audit
    tests deliberately corrupt their tenants' events in the session's shared database."""
    name = f"ledger_bulk_{uuid.uuid4().hex[:8]}"
    if store_kind == "postgres":
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    platform = bootstrap(settings_for(store_kind, tmp_path, f"{PG_SERVER}/{name}"))
    yield platform
    platform.close()
    if store_kind == "postgres":
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_regional_views_count_imported_cases(
    own_platform: Platform, unique: Callable[[str], str]
) -> None:
    platform = own_platform
    region, slug = tenant(platform, unique)
    views = open_views(platform)
    url, exchange = platform.settings.broker_url, platform.settings.events_exchange
    relay = Relay(platform, views, Broker(url, exchange=exchange))
    worker = Worker(
        platform,
        views,
        all_models(),
        Broker(url, exchange=exchange),
        queue=f"ledger.test.{uuid.uuid4().hex[:8]}",
    )
    worker.start()
    try:
        relay.refresh_tenants()
        with platform.ledgers.lease(slug) as app:
            app.imports.history([case(f"DHR-2016-{n:03}") for n in range(1, 31)])
        wait_for(lambda: relay.pump({slug}), "the relay to publish the imported events")
        wait_for(
            lambda: (worker.step(wait=0.05), dhr_counts(views, region).total.commenced == 30)[1],
            "the worker to count 30 imported cases",
        )
    finally:
        for part in (relay, worker):
            part.close()
            part.broker.close()
        views.close()
