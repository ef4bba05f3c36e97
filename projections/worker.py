"""The projection worker: applies relayed events, and reads the store itself when it must.

Cold start: catch up every source from the store before consuming. Then each message is
applied if it follows the position, skipped if already applied (redelivery, relay restart),
and a message that leaves a gap makes the worker read the missing events from the store.
Messages are acknowledged only after their effects committed.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from adapters.messaging import Broker, Consumer, Delivery
from domain.errors import NotFoundError
from projections import generations
from projections.apply import GapError, apply_items, lowest_position
from projections.backoff import Backoff
from projections.catchup import catch_up, catch_up_all
from projections.health import Heart
from projections.messages import decode
from projections.model import REGISTRY_SOURCE, ReadModel
from projections.port import ViewStore
from projections.restores import Restores, counts, follow
from projections.sources import Sources
from tenants.platform import Platform

log = logging.getLogger(__name__)
QUEUE = "ledger.projections"


class Worker:
    def __init__(
        self,
        platform: Platform,
        views: ViewStore,
        models: Sequence[ReadModel],
        broker: Broker,
        queue: str = QUEUE,
        bindings: Sequence[str] = ("#",),
    ) -> None:
        self.platform, self.views, self.models, self.broker = platform, views, list(models), broker
        wanted = frozenset().union(*(m.topics_of_interest() for m in self.models))
        self.sources = Sources(platform, wanted)
        self.positions: dict[str, int] = {}
        self.queue = broker.queue(queue, bindings)
        self.consumer: Consumer | None = None
        self.heart = Heart(views, "worker", self.models)
        self.restores = Restores()

    def start(self) -> None:
        """Install the tables, bind the queue (so nothing published from now on is missed), catch up."""
        generations.install(self.views, self.models)
        self.broker.declare(self.queue)
        consumer = Consumer(self.broker, self.queue)
        try:
            self.restores.changed(self._follow_restores())
            everything = [REGISTRY_SOURCE, *self.sources.tenants(), *self.sources.regions()]
            self.positions.update(catch_up_all(self.views, self.models, self.sources, everything))
        except BaseException:
            consumer.close()
            raise
        self.consumer = consumer
        self.heart.beat(force=True)

    def catch_up(self, source: str) -> None:
        self.positions[source] = catch_up(self.views, self.models, self.sources, source)

    def step(self, wait: float = 0.25) -> int:
        """Apply one batch of messages (waiting up to ``wait`` for the first); return how many."""
        assert self.consumer is not None, "call start() first"
        self.sync_registry()
        deliveries = self.consumer.take(1000, wait)
        by_tenant: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for delivery in deliveries:
            if not _well_formed(delivery.body):  # the store is the truth: catch-up fills in
                log.warning("a malformed message was dropped")
                continue
            by_tenant[str(delivery.body["tenant"])].append(delivery.body)
        for slug, bodies in by_tenant.items():
            try:
                self._handle(slug, bodies)
            except NotFoundError:
                log.warning("messages for a tenant this platform does not know were dropped")
        _ack(deliveries)
        return len(deliveries)

    def sync_registry(self) -> None:
        """The registry is read directly: one cheap query tells whether anything changed."""
        latest = self.platform.registry.recorder.max_notification_id() or 0
        if latest > self._position(REGISTRY_SOURCE):
            self.catch_up(REGISTRY_SOURCE)
            for slug in self.restores.changed(self._follow_restores()):
                self.positions.pop(slug, None)  # its rows start again from the restored store
                self.catch_up(slug)

    def _follow_restores(self) -> dict[str, int]:
        """Reset the views of tenants whose store was restored (unless another process did)."""
        restored = counts(self.platform)
        follow(self.views, restored)
        return restored

    def _position(self, source: str) -> int:
        if source not in self.positions:
            self.positions[source] = lowest_position(self.views, self.models, source)
        return self.positions[source]

    def _handle(self, slug: str, bodies: list[dict[str, Any]]) -> None:
        position = self._position(slug)
        unique = {int(b["id"]): b for b in bodies if int(b["id"]) > position}
        fresh = [unique[i] for i in sorted(unique)]
        if not fresh:
            return  # all redelivered or already read from the store
        if int(fresh[0]["prev"]) > position or any(
            int(b["prev"]) != int(a["id"]) for a, b in zip(fresh, fresh[1:], strict=False)
        ):
            log.info("gap in the events of one tenant; reading its store directly")
            self.catch_up(slug)
            return
        try:
            notes = [decode(b) for b in fresh]
        except ValueError:  # a garbled message: read the same events from the store instead
            log.warning("an unreadable message; reading its tenant's store directly")
            self.catch_up(slug)
            return
        with self.sources.app(slug) as app:
            items = self.sources.decode(app, notes, int(fresh[0]["prev"]))
        try:
            apply_items(self.views, self.models, slug, items)
            self.positions[slug] = items[-1].notification_id
        except GapError:
            self.catch_up(slug)

    def run(self, stopping: threading.Event) -> None:
        """Consume until stopped; a failing broker or database is retried with backoff, and
        after reconnecting the worker catches up from the stores, so nothing is missed."""
        backoff = Backoff("projection worker")
        while not stopping.is_set():
            try:
                if self.consumer is None:
                    self.start()
                self.step()
                self.heart.beat()
                backoff.succeeded()
            except Exception as e:  # noqa: BLE001 - every failure is retried
                backoff.failed(e, stopping)
                self.disconnect()

    def disconnect(self) -> None:
        """Forget the consumer and what is applied (both re-read on the next start)."""
        if self.consumer is not None:
            self.consumer.close()
        self.consumer = None
        self.positions = {}
        try:
            self.broker.reconnect()
        except Exception:  # noqa: BLE001 - still away: start() fails and backs off again
            pass

    def close(self) -> None:
        if self.consumer is not None:
            self.consumer.close()
        try:
            self.heart.stop()
        except Exception:  # noqa: BLE001 - the store may be away; the row then just ages
            pass


def _well_formed(body: Any) -> bool:
    try:
        return (
            isinstance(body, dict)
            and int(body["id"]) > 0
            and int(body["prev"]) >= 0
            and bool(body["tenant"] and body["topic"] and body["state"] is not None)
        )
    except (KeyError, TypeError, ValueError):
        return False


def _ack(deliveries: Sequence[Delivery]) -> None:
    for delivery in deliveries:
        delivery.ack()
