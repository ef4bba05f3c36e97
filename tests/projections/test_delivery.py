"""Relay and worker driven step by step: duplicates are skipped, gaps are filled from the store."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from adapters.messaging import Broker
from projections.queries import dhr_counts
from projections.queries.reading import snapshot
from projections.relay import Relay
from projections.store import open_views
from projections.views import all_models
from projections.worker import Worker
from tenants.platform import Platform
from tests.projections.support import open_case, wait_for


@pytest.fixture
def pair(platform: Platform, queue_name: str) -> Iterator[tuple[Relay, Worker]]:
    views = open_views(platform)
    url, exchange = platform.settings.broker_url, platform.settings.events_exchange
    relay = Relay(platform, views, Broker(url, exchange=exchange))
    worker = Worker(platform, views, all_models(), Broker(url, exchange=exchange), queue=queue_name)
    worker.start()
    yield relay, worker
    for part in (relay, worker):
        part.close()
        part.broker.close()
    views.close()


def record_costed_case(platform: Platform, slug: str, ref: str) -> None:
    with platform.ledgers.lease(slug) as app:
        rid = open_case(app, ref, date(2015, 1, 1))
        app.reviews.commission(rid, date(2015, 2, 1), "chair", "author", 850_000)


def region_with_tenant(platform: Platform) -> tuple[str, str]:
    suffix = uuid.uuid4().hex[:6]
    region, slug = f"region-{suffix}", f"csp-{suffix}"
    platform.registry.create_region(region, f"Region {suffix}")
    platform.register_tenant(slug, f"CSP {slug}", region)
    return region, slug


def drain_until(worker: Worker, done: object) -> None:
    wait_for(lambda: (worker.step(wait=0.05), done() if callable(done) else done)[1], "the worker")


def cost_of(worker: Worker, slug: str) -> int:
    with snapshot(worker.views) as snap:
        found = snap.all("SELECT SUM(agreed_cost_pence) FROM {cases} WHERE tenant = ?", (slug,))
    return int(found[0][0] or 0)


def test_redelivered_events_are_counted_once(
    platform: Platform, pair: tuple[Relay, Worker]
) -> None:
    relay, worker = pair
    region, slug = region_with_tenant(platform)
    record_costed_case(platform, slug, "DHR-1")
    relay.refresh_tenants()
    relay.pump()
    drain_until(worker, lambda: dhr_counts(worker.views, region).total.commenced == 1)

    relay.positions[slug] = (
        0  # as if the relay crashed before saving: everything is published again
    )
    assert relay.pump() > 0
    record_costed_case(platform, slug, "DHR-2")
    relay.pump()
    drain_until(worker, lambda: dhr_counts(worker.views, region).total.commenced == 2)

    assert cost_of(worker, slug) == 2 * 850_000


def test_a_gap_in_the_messages_is_filled_from_the_store(
    platform: Platform, pair: tuple[Relay, Worker]
) -> None:
    relay, worker = pair
    region, slug = region_with_tenant(platform)
    relay.refresh_tenants()
    relay.pump()
    record_costed_case(platform, slug, "DHR-1")
    with platform.ledgers.lease(slug) as app:
        relay.positions[slug] = app.recorder.max_notification_id() or 0  # DHR-1's messages are lost
    record_costed_case(platform, slug, "DHR-2")
    relay.pump()

    drain_until(worker, lambda: dhr_counts(worker.views, region).total.commenced == 2)
    assert cost_of(worker, slug) == 2 * 850_000
    assert (
        dhr_counts(worker.views, region, since=date(2015, 1, 1) - timedelta(days=1)).total.notified
        == 2
    )
