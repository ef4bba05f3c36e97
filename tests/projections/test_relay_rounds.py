"""The relay's rounds on a real store and broker: a ring heard before its commit is visible
is not lost to the sweep, a ring that is never early (PostgreSQL's) is not read again, a rung
source is relayed while a sweep is still under way, and a tenant whose watching failed is
watched on the next round."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from adapters.messaging import Broker
from projections.doorbell import ListeningDoorbell
from projections.relay import Relay
from projections.schedule import Rechecks, Sweep
from projections.service import ProjectionService
from projections.store import open_views
from tenants.platform import Platform
from tests.projections.support import open_case
from tests.projections.test_delivery import region_with_tenant


class ScriptedDoorbell:
    """Our own Doorbell protocol, answering from a script: the ring's timing is the point."""

    rings_early = True  # as SQLite's: a ring may come before its commit shows

    def __init__(self) -> None:
        self.rings: list[set[str]] = []
        self.failing: set[str] = set()  # slugs whose watch() raises, as a dropped connection

    def watch(self, slug: str, key: str) -> None:
        if slug in self.failing:
            raise ConnectionError("the doorbell's connection dropped")

    def wait(self, timeout: float) -> set[str] | None:
        return self.rings.pop(0) if self.rings else set()

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def relay(platform: Platform) -> Iterator[Relay]:
    views = open_views(platform)
    settings = platform.settings
    relay = Relay(platform, views, Broker(settings.broker_url, exchange=settings.events_exchange))
    relay.doorbell.close()
    relay.doorbell = ScriptedDoorbell()
    yield relay
    relay.close()
    relay.broker.close()
    views.close()


def _idle_sweep() -> Sweep:
    sweep = Sweep(every=3600.0)
    sweep.next_at = float("inf")  # no pass due: only the doorbell and rechecks move events
    return sweep


def test_a_ring_heard_before_the_commit_shows_is_read_again_until_it_does(
    platform: Platform, relay: Relay
) -> None:
    _, slug = region_with_tenant(platform)
    relay.refresh_tenants()
    relay.pump()
    sweep, rechecks = _idle_sweep(), Rechecks(window=60.0)
    doorbell = relay.doorbell
    assert isinstance(doorbell, ScriptedDoorbell)

    doorbell.rings = [{slug}]  # the file changed, the commit is not visible yet
    assert relay.step(sweep, rechecks) == 0
    with platform.ledgers.lease(slug) as app:  # now it is
        open_case(app, "DHR-1", date(2015, 1, 1))

    assert relay.step(sweep, rechecks) > 0  # no new ring, no sweep: the recheck found it
    assert not rechecks


def test_a_ring_that_finds_nothing_is_read_again_only_if_rings_can_be_early(
    platform: Platform, relay: Relay
) -> None:
    _, slug = region_with_tenant(platform)
    relay.refresh_tenants()
    relay.pump()
    doorbell = relay.doorbell
    assert isinstance(doorbell, ScriptedDoorbell)

    doorbell.rings_early = False  # PostgreSQL: a ring comes once its commit is visible
    doorbell.rings = [{slug}]  # for events a sweep already relayed
    rechecks = Rechecks(window=60.0)
    assert relay.step(_idle_sweep(), rechecks) == 0
    assert not rechecks  # nothing to wait for: the next round waits on the doorbell again

    doorbell.rings_early = True  # SQLite: the same ring may precede its commit
    doorbell.rings = [{slug}]
    assert relay.step(_idle_sweep(), rechecks) == 0
    assert rechecks.due() == {slug}


def test_the_real_doorbell_rings_once_the_commit_shows(platform: Platform) -> None:
    """Each store's own doorbell: a commit is relayed in one round with no sweep; on
    PostgreSQL a ring for events already relayed leaves nothing to read again."""
    views = open_views(platform)
    settings = platform.settings
    relay = Relay(platform, views, Broker(settings.broker_url, exchange=settings.events_exchange))
    try:
        _, slug = region_with_tenant(platform)
        relay.refresh_tenants()
        relay.pump()
        relay.doorbell.wait(0.05)  # forget the rings of setting the tenant up
        rechecks = Rechecks(window=60.0)

        with platform.ledgers.lease(slug) as app:
            open_case(app, "DHR-1", date(2015, 1, 1))
        assert relay.step(_idle_sweep(), rechecks) > 0
        assert not rechecks

        with platform.ledgers.lease(slug) as app:
            open_case(app, "DHR-2", date(2015, 1, 1))
        assert relay.pump() > 0  # a sweep relays it before the ring is answered
        relay.step(_idle_sweep(), rechecks)
        assert bool(rechecks) == relay.doorbell.rings_early
        assert relay.doorbell.rings_early == (platform.settings.postgres is None)
    finally:
        relay.close()
        relay.broker.close()
        views.close()


def test_a_tenant_whose_watching_failed_is_watched_next_round(
    platform: Platform, relay: Relay
) -> None:
    """The registry's position was taken as seen before its tenants were watched, so after
    a failure half-way the tenant was neither rung nor swept until the registry changed."""
    _, slug = region_with_tenant(platform)
    doorbell = relay.doorbell
    assert isinstance(doorbell, ScriptedDoorbell)
    doorbell.failing = {slug}
    with pytest.raises(ConnectionError):
        relay.refresh_tenants()

    doorbell.failing = set()
    assert slug in relay.refresh_tenants()
    assert slug in relay.regions


def test_a_rung_source_is_relayed_though_a_sweep_is_under_way(
    platform: Platform, relay: Relay
) -> None:
    _, first = region_with_tenant(platform)
    _, second = region_with_tenant(platform)
    relay.refresh_tenants()
    relay.pump()
    sources = list(relay.regions)
    sweep = Sweep(every=3600.0)
    assert sweep.next(sources) == sources[0]  # a pass has begun and has most sources left
    with platform.ledgers.lease(second) as app:
        open_case(app, "DHR-1", date(2015, 1, 1))
    doorbell = relay.doorbell
    assert isinstance(doorbell, ScriptedDoorbell)
    doorbell.rings = [{second}]
    before = relay.positions[second]

    relay.step(sweep, Rechecks())

    assert relay.positions[second] > before
    assert first in relay.positions


def test_the_service_watches_every_source_before_it_says_it_runs(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit made once ``start`` returned rings: the relay thread's first round used to
    arm the doorbell, and what was committed before that waited for the first sweep."""
    _, slug = region_with_tenant(platform)
    service = ProjectionService(platform, worker=False)
    relay = service.relay
    assert relay is not None
    monkeypatch.setattr(relay, "run", lambda stopping: stopping.wait())  # no round of its own
    try:
        service.start()
        assert slug in relay.regions
        if isinstance(relay.doorbell, ListeningDoorbell):
            assert slug in relay.doorbell.channels.values()
    finally:
        service.stop()
