"""The outbox relay: each tenant's notification log, from the relay's saved position, to the broker.

The stored events are the outbox: nothing is written twice, and the relay's position moves
only after the broker confirmed every message up to it. A crash in between republishes a
few messages, which the workers recognise and skip.
"""

from __future__ import annotations

import logging
import threading
import time

from adapters.library.eventsourcing import notification_channel
from adapters.messaging import Broker
from projections.backoff import Backoff
from projections.doorbell import Doorbell, FileDoorbell, ListeningDoorbell
from projections.health import Heart
from projections.messages import encode
from projections.model import region_source
from projections.port import ViewStore
from projections.restores import Restores, counts, follow
from projections.schedule import SWEEP_EVERY, Rechecks, Sweep
from projections.sources import leased
from tenants.platform import Platform
from tenants.region_ledger import store_area as region_area

log = logging.getLogger(__name__)
__all__ = ["SWEEP_EVERY", "Relay"]
SWEEP_SLICE = (
    0.02  # seconds of sweeping between two looks at the doorbell (projections/schedule.py)
)


class Relay:
    def __init__(
        self, platform: Platform, views: ViewStore, broker: Broker, batch: int = 500
    ) -> None:
        self.platform, self.views, self.broker, self.batch = platform, views, broker, batch
        self.regions: dict[str, str] = {}
        self.positions: dict[str, int] = {}
        self._registry_seen = -1
        pg = platform.settings.postgres
        self.doorbell: Doorbell = ListeningDoorbell(pg) if pg else FileDoorbell()
        self.heart = Heart(views, "relay")
        self.restores = Restores()

    def refresh_tenants(self) -> set[str]:
        """Pick up tenants registered (or moved) since the last look: one cheap query when nothing changed.

        Returns the newly seen tenants, whose history is relayed at once. Their doorbell is
        armed here (``ProjectionService.start`` calls this before it says it runs): a commit
        made before is found by the first sweep, one made after rings.
        """
        latest = self.platform.registry.recorder.max_notification_id() or 0
        if latest == self._registry_seen:
            return set()
        new = set()
        restored = counts(self.platform)
        follow(self.views, restored)  # a restored store is relayed again from its start
        for source in self.restores.changed(restored):
            self.positions[source] = 0  # whoever reset the saved position, this one is stale
        with self.views.reading() as tx:
            saved = {
                str(s): int(n)
                for s, n in tx.fetchall("SELECT source, notification_id FROM relay_positions")
            }
        for info in self.platform.registry.tenants():
            if info.slug not in self.regions:
                with self.platform.ledgers.lease(info.slug, writing=False) as app:
                    key = notification_channel(app.recorder)
                    path = getattr(self.platform.stores, "path", None)
                self.doorbell.watch(
                    info.slug, key if key else str(path(info.store_area) if path else "")
                )
                self.positions[info.slug] = saved.get(info.slug, 0)
                new.add(info.slug)
            self.regions[info.slug] = info.region
        for region in self.platform.registry.regions():
            source = region_source(region.slug)
            if source not in self.regions:
                with leased(self.platform, source) as app:
                    key = notification_channel(app.recorder)
                path = getattr(self.platform.stores, "path", None)
                self.doorbell.watch(
                    source, key if key else str(path(region_area(region.slug)) if path else "")
                )
                self.positions[source] = saved.get(source, 0)
                new.add(source)
            self.regions[source] = region.slug
        # Only now: a failure half-way (a lease, a LISTEN) used to leave the tenants after it
        # unwatched and unswept until the registry next changed; now the next round retries.
        self._registry_seen = latest
        return new

    def pump(self, only: set[str] | None = None) -> int:
        return sum(self.pump_each(only).values())

    def pump_each(self, only: set[str] | None = None) -> dict[str, int]:
        """Relay what each source (every one, or ``only``) recorded; how many each published."""
        chosen = list(self.regions) if only is None else [s for s in only if s in self.regions]
        return {slug: self._pump_tenant(slug) for slug in chosen}

    def _pump_tenant(self, slug: str) -> int:
        published = 0
        while True:
            position = self.positions[slug]
            with leased(self.platform, slug) as app:
                notes = app.recorder.select_notifications(
                    position, self.batch, inclusive_of_start=False
                )
            if not notes:
                return published
            messages, prev = [], position
            for note in notes:
                messages.append(encode(self.regions[slug], slug, prev, note))
                prev = note.id
            self.broker.publish_all(messages)  # returns once confirmed
            self._save(slug, notes[-1].id)
            published += len(notes)

    def _save(self, slug: str, notification_id: int) -> None:
        with self.views.writing() as tx:
            tx.execute(
                "INSERT INTO relay_positions (source, notification_id) VALUES (?, ?)"
                " ON CONFLICT (source) DO UPDATE SET notification_id = excluded.notification_id",
                (slug, notification_id),
            )
        self.positions[slug] = notification_id

    def run(self, stopping: threading.Event) -> None:
        """Relay until stopped; a failing broker or database is retried with backoff, never fatal.

        Each round answers the doorbell first (and re-reads rung sources that showed nothing
        yet), then sweeps a slice of every source, so a missed ring is still caught within a
        pass without a pass ever holding a rung source back (``projections/schedule.py``).
        """
        sweep, rechecks = Sweep(SWEEP_EVERY), Rechecks()
        backoff = Backoff("relay")
        while not stopping.is_set():
            try:
                count = self.step(sweep, rechecks)
                if count:
                    log.debug("relayed %d events", count)
                self.heart.beat()
                backoff.succeeded()
            except Exception as e:  # noqa: BLE001 - every failure is retried
                backoff.failed(e, stopping)
                sweep.restart()  # sweep every source once it works again
                self.doorbell.reset()
                try:
                    self.broker.reconnect()
                except Exception:  # noqa: BLE001 - still away: the next round backs off again
                    pass

    def step(self, sweep: Sweep, rechecks: Rechecks) -> int:
        """One round: rung and rechecked sources, then up to ``SWEEP_SLICE`` of the sweep (new
        sources first)."""
        sweep.first(sorted(self.refresh_tenants()))  # new sources: read next, a slice at a time
        rung = self.doorbell.wait(0.0 if sweep.busy or rechecks else 0.25)
        if rung is None:  # the doorbell is not sure what it missed
            sweep.restart()
            rung = set()
        wanted = rung | rechecks.due()
        published = self.pump_each(wanted)
        if self.doorbell.rings_early:  # on PostgreSQL an empty ring was relayed already
            rechecks.heard(wanted, published)
        count = sum(published.values())
        deadline = time.monotonic() + SWEEP_SLICE
        while time.monotonic() < deadline and (source := sweep.next(self.regions)) is not None:
            count += self._pump_tenant(source)
        return count

    def close(self) -> None:
        self.doorbell.close()
        try:
            self.heart.stop()
        except Exception:  # noqa: BLE001 - the store may be away; the row then just ages
            pass
