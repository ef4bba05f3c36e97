"""Relay and worker running side by side in one process, as ``ledger projections run`` does.

The API process can embed the same thing (``ProjectionService(platform).start()``); with the
default ``memory://`` broker this is the only arrangement that works, because kombu's
in-memory transport lives inside one process.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from adapters.messaging import Broker
from projections.backoff import Backoff
from projections.port import ViewStore
from projections.relay import Relay
from projections.store import open_views
from projections.views import all_models
from projections.worker import QUEUE, Worker
from tenants.platform import Platform

log = logging.getLogger(__name__)


class ProjectionService:
    def __init__(
        self,
        platform: Platform,
        *,
        relay: bool = True,
        worker: bool = True,
        queue: str = QUEUE,
        bindings: Sequence[str] = ("#",),
    ) -> None:
        """``queue``/``bindings`` let several workers split the regions (``west-midlands.#``)."""
        self.platform = platform
        self.views: ViewStore = open_views(platform)
        url, exchange = platform.settings.broker_url, platform.settings.events_exchange
        self.relay = Relay(platform, self.views, Broker(url, exchange=exchange)) if relay else None
        self.worker = (
            Worker(
                platform, self.views, all_models(), Broker(url, exchange=exchange), queue, bindings
            )
            if worker
            else None
        )
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []
        self.error: BaseException | None = None

    def start(self) -> ProjectionService:
        """Catch up first (so views are current when this returns), arm the relay's doorbell, then
        follow in the background.

        The doorbell used to be armed by the relay thread's first round, after this returned:
        at full scale that round leases and LISTENs to 343 sources, and a command committed
        meanwhile never rang; it waited for the first sweep pass to reach its source (figure
        f's first probes after start, README Performance)."""
        if self.worker is not None:
            backoff = Backoff("projection worker start")
            while True:  # a broker or database still starting up is waited for, not fatal
                try:
                    self.worker.start()
                    break
                except Exception as e:  # noqa: BLE001
                    if self.stopping.is_set():
                        raise
                    backoff.failed(e, self.stopping)
                    self.worker.disconnect()
        if self.relay is not None:
            from projections.generations import install

            install(self.views, all_models())
            try:  # listen to every source before saying it runs: a commit from now on rings
                self.relay.refresh_tenants()
            except Exception:  # noqa: BLE001 - the relay's loop retries, sweeping every source
                log.warning("the relay could not watch every source yet", exc_info=True)
                self.relay.doorbell.reset()
        for name, loop in (("relay", self.relay), ("worker", self.worker)):
            if loop is not None:
                thread = threading.Thread(
                    target=self._guard, args=(loop.run,), name=f"projections-{name}", daemon=True
                )
                thread.start()
                self.threads.append(thread)
        return self

    def _guard(self, run: Callable[[threading.Event], None]) -> None:
        try:
            run(self.stopping)
        except BaseException as e:  # noqa: BLE001 - reported by wait() and the CLI
            log.exception("projection loop stopped")
            self.error = e
            self.stopping.set()

    def wait(self, timeout: float | None = None) -> None:
        """Block until stopped (or ``timeout``); re-raise a loop's error so the process exits non-zero."""
        self.stopping.wait(timeout)
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=10)
        for part in (self.relay, self.worker):
            if part is not None:
                part.close()
                try:
                    part.broker.close()
                except Exception:  # noqa: BLE001 - a broken connection may fail to close
                    pass
        self.views.close()
