"""A tenant's store restored from a backup, with relay and worker driven step by step: the
regional views follow the restored store (what the lost one recorded after the backup leaves
them, what is recorded after the restore enters them), and a copy restored beside its
partnership to inspect an old state counts nowhere in its region."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from adapters.messaging import Broker
from domain.errors import InvalidTransitionError
from projections.port import ViewStore
from projections.queries import dhr_counts
from projections.queries.reading import snapshot
from projections.rebuild import rebuild
from projections.relay import Relay
from projections.store import open_views
from projections.views import all_models
from projections.worker import Worker
from tenants.backup import backup_tenant, restore_tenant
from tenants.model import TenantStatus
from tenants.platform import Platform
from tests.projections.support import open_case

TODAY = date(2026, 1, 1)


class Pipeline:
    """A relay and a worker of their own, as ``ledger projections run`` starts them."""

    def __init__(self, platform: Platform, views: ViewStore, queue: str) -> None:
        url, exchange = platform.settings.broker_url, platform.settings.events_exchange
        self.relay = Relay(platform, views, Broker(url, exchange=exchange))
        self.worker = Worker(platform, views, all_models(), Broker(url, exchange=exchange), queue)
        self.worker.start()

    def drain(self) -> None:
        for _ in range(10):
            relayed = self.relay.pump() + len(self.relay.refresh_tenants())
            applied = 0
            while taken := self.worker.step(wait=0.05):
                applied += taken
            if not relayed and not applied:
                return
        raise AssertionError("the relay and worker kept finding work")

    def close(self) -> None:
        for part in (self.relay, self.worker):
            part.close()
            part.broker.close()


@pytest.fixture
def views(platform: Platform) -> Iterator[ViewStore]:
    store = open_views(platform)
    yield store
    store.close()


@pytest.fixture
def pipelines(platform: Platform, views: ViewStore) -> Iterator[list[Pipeline]]:
    """Start one with ``started(pipelines)``; all are closed afterwards."""
    made: list[Pipeline] = []
    yield made
    for p in made:
        p.close()


def started(platform: Platform, views: ViewStore, pipelines: list[Pipeline]) -> Pipeline:
    pipelines.append(Pipeline(platform, views, f"ledger.test.{uuid.uuid4().hex[:8]}"))
    return pipelines[-1]


def region_with_tenant(platform: Platform) -> tuple[str, str]:
    suffix = uuid.uuid4().hex[:6]
    region, slug = f"region-{suffix}", f"csp-{suffix}"
    platform.registry.create_region(region, f"Region {suffix}")
    platform.register_tenant(slug, f"CSP {suffix}", region)
    return region, slug


def counted(views: ViewStore, region: str) -> dict[str, int]:
    return {r.tenant: r.notified for r in dhr_counts(views, region, today=TODAY).rows}


def references(views: ViewStore, slug: str) -> list[str]:
    with snapshot(views) as snap:
        rows = snap.all("SELECT reference FROM {cases} WHERE tenant = ?", (slug,))
    return sorted(str(r[0]) for r in rows)


def test_a_restored_store_is_projected_afresh_and_a_rebuild_agrees(
    platform: Platform, views: ViewStore, pipelines: list[Pipeline], tmp_path: Path
) -> None:
    region, slug = region_with_tenant(platform)
    live = started(platform, views, pipelines)
    with platform.ledgers.lease(slug) as app:
        open_case(app, "DHR-1", date(2020, 1, 1))
    backup = tmp_path / "tenant.backup"
    backup_tenant(platform, slug, backup)
    with platform.ledgers.lease(slug) as app:  # recorded after the backup: lost with the store
        open_case(app, "DHR-2", date(2020, 2, 1))
        open_case(app, "DHR-3", date(2020, 3, 1))
    live.drain()
    assert counted(views, region) == {slug: 3}

    # the runbook: suspend, drop the lost store, restore, reinstate; then work goes on
    platform.registry.suspend_tenant(slug, "store lost")
    platform.ledgers.forget(slug)
    platform.stores.drop_area(platform.registry.tenant(slug).store_area)
    restore_tenant(platform, backup)
    platform.reinstate_tenant(slug)
    with platform.ledgers.lease(slug) as app:  # numbered from the backup's head again
        open_case(app, "DHR-4", date(2020, 4, 1))
    live.drain()
    assert references(views, slug) == ["DHR-1", "DHR-4"]
    assert counted(views, region) == {slug: 2}

    restarted = started(platform, views, pipelines)
    with platform.ledgers.lease(slug) as app:
        open_case(app, "DHR-5", date(2020, 5, 1))
    restarted.drain()
    assert references(views, slug) == ["DHR-1", "DHR-4", "DHR-5"]

    rebuild(views, platform, all_models())
    assert references(views, slug) == ["DHR-1", "DHR-4", "DHR-5"]
    assert counted(views, region) == {slug: 3}


def test_a_rebuild_swaps_in_views_of_a_store_that_ends_below_them(
    platform: Platform, views: ViewStore, pipelines: list[Pipeline]
) -> None:
    """Views left ahead of their store (a restore made before restores reset them) are put
    right by a rebuild, which must not wait for positions the store will not reach."""
    region, slug = region_with_tenant(platform)
    live = started(platform, views, pipelines)
    with platform.ledgers.lease(slug) as app:
        open_case(app, "DHR-1", date(2020, 1, 1))
    live.drain()
    with views.writing() as tx:  # as read from a lost store that had gone further
        tx.execute(
            "UPDATE view_tracking SET notification_id = notification_id + 50 WHERE source = ?",
            (slug,),
        )
    rebuild(views, platform, all_models())
    assert counted(views, region) == {slug: 1}


def test_a_copy_restored_beside_its_partnership_counts_nowhere_in_the_region(
    platform: Platform, views: ViewStore, pipelines: list[Pipeline], tmp_path: Path
) -> None:
    region, slug = region_with_tenant(platform)
    live = started(platform, views, pipelines)
    with platform.ledgers.lease(slug) as app:
        open_case(app, "DHR-1", date(2020, 1, 1))
        open_case(app, "DHR-2", date(2020, 2, 1))
    backup = tmp_path / "tenant.backup"
    backup_tenant(platform, slug, backup)
    copy = f"{slug}-copy"
    restore_tenant(platform, backup, as_slug=copy)
    live.drain()

    assert counted(views, region) == {slug: 2}
    info = platform.registry.tenant(copy)
    assert info.status is TenantStatus.COPY and "copy" in info.name
    assert copy not in platform.region_ledgers._member_slugs(region)
    with snapshot(views) as snap:
        assert snap.all("SELECT status FROM {tenants} WHERE slug = ?", (copy,)) == [("copy",)]
    with platform.ledgers.lease(copy, writing=False) as app:  # there to inspect
        assert sorted(r.reference for r in app.reviews.all()) == ["DHR-1", "DHR-2"]
    with pytest.raises(InvalidTransitionError), platform.ledgers.lease(copy):
        pass  # and never recorded in: it is not the partnership
    rebuild(views, platform, all_models())
    assert counted(views, region) == {slug: 2}
