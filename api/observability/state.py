"""Gauges read from the stores when Prometheus scrapes: lag, backlog, set-aside events, seals.

Read at scrape time (at most every ``CACHE_SECONDS``) rather than pushed, so whichever
worker answers the scrape reports the same truth, and nothing is computed unless asked.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from projections.port import ViewStore
from projections.status import RELAY, ViewStatus, status
from tenants.platform import Platform
from tenants.platform_stores import histories

log = logging.getLogger(__name__)
CACHE_SECONDS = 5.0


def set_aside_counts(found: Iterable[ViewStatus]) -> Counter[tuple[str, str]]:
    """Events each view set aside per tenant, from the status's dead-letter records.

    ``ViewStatus.set_aside`` (the projections' dead letters, each with its ``tenant``) is read
    if the status carries it; a status without it has nothing set aside to report.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for view in found:
        for letter in getattr(view, "set_aside", ()):
            counts[(view.name, str(letter.tenant))] += 1
    return counts


class StateCollector(Collector):
    def __init__(
        self,
        platform: Platform,
        views: Callable[[], ViewStore],  # opens the primary's read-model store; closed after use
    ) -> None:
        self.platform, self.views = platform, views
        self._lock = threading.Lock()
        self._cached: tuple[float, list[Metric]] = (0.0, [])

    def collect(self) -> Iterator[Metric]:
        with self._lock:
            at, metrics = self._cached
            if time.monotonic() - at > CACHE_SECONDS:
                metrics = self._gather()
                self._cached = (time.monotonic(), metrics)
        yield from metrics

    def _gather(self) -> list[Metric]:
        events = GaugeMetricFamily(
            "ledger_projection_lag_events",
            "Events recorded in a tenant's store that a read model has not applied yet.",
            labels=["view", "tenant"],
        )
        seconds = GaugeMetricFamily(
            "ledger_projection_lag_seconds",
            "Age of the oldest event a read model has not applied yet (0 when current; NaN if "
            "that event cannot be read: run `ledger audit verify`).",
            labels=["view", "tenant"],
        )
        backlog = GaugeMetricFamily(
            "ledger_relay_backlog_events",
            "Events recorded in a tenant's store that the relay has not published yet.",
            labels=["tenant"],
        )
        aside = GaugeMetricFamily(
            "ledger_set_aside_events",
            "Events a projection worker set aside (dead-lettered) instead of applying.",
            labels=["view", "tenant"],
        )
        seal_age = GaugeMetricFamily(
            "ledger_audit_seal_age_seconds",
            "Seconds since a history was last sealed (+Inf if never): each tenant's, each "
            "region's own ledger (@region) and the platform's own stores (store:...).",
            labels=["tenant"],
        )
        up = GaugeMetricFamily(
            "ledger_state_scrape_ok", "1 if the stores answered this scrape's questions."
        )
        ok = 1
        try:
            views = self.views()  # the primary's: status() checks the tables, which writes
            try:
                found = status(views, self.platform)
                self._lag(found, events, seconds, backlog)
                self._set_aside(found, aside)
            finally:
                views.close()
            self._seals(seal_age)
        except Exception:  # noqa: BLE001 - a scrape must answer even when a store does not
            log.exception("metrics: reading projection or audit state failed")
            ok = 0
        up.add_metric([], ok)
        return [events, seconds, backlog, aside, seal_age, up]

    def _lag(
        self,
        found: list[ViewStatus],
        events: GaugeMetricFamily,
        seconds: GaugeMetricFamily,
        backlog: GaugeMetricFamily,
    ) -> None:
        ages: dict[tuple[str, int], float] = {}
        for view in found:
            for s in view.sources:
                if view.name == RELAY:
                    backlog.add_metric([s.source], s.lag)
                    continue
                events.add_metric([view.name, s.source], s.lag)
                key = (s.source, s.position)
                if key not in ages:
                    ages[key] = self._age_after(s.source, s.position) if s.lag > 0 else 0.0
                seconds.add_metric([view.name, s.source], ages[key])

    @staticmethod
    def _set_aside(found: list[ViewStatus], family: GaugeMetricFamily) -> None:
        counts = set_aside_counts(found)
        for view in found:
            if view.name != RELAY:
                for s in view.sources:
                    family.add_metric([view.name, s.source], counts.pop((view.name, s.source), 0))
        for (view_name, tenant), count in counts.items():  # a source no longer listed
            family.add_metric([view_name, tenant], count)

    def _age_after(self, source: str, position: int) -> float:
        """Seconds since the first event after ``position`` in ``source`` was recorded; NaN if
        that event cannot be read (altered, or its key gone). Its time is inside the sealed
        body: one unreadable event must not blank every other tenant's metrics, and the lag in
        events and ``ledger audit verify`` still show it."""
        from projections.sources import Sources

        with Sources(self.platform, frozenset()).app(source) as app:
            notes = app.recorder.select_notifications(position, 1, inclusive_of_start=False)
            if not notes:
                return 0.0
            try:
                event = app.mapper.to_domain_event(notes[0])
            except Exception as e:  # noqa: BLE001 - any failure to read that one event
                log.warning(
                    "metrics: the event after position %d of %s cannot be read (%s); run "
                    "`ledger audit verify %s`",
                    position,
                    source,
                    type(e).__name__,
                    source,
                )
                return math.nan
            stamp: Any = getattr(event, "timestamp", None)
        if not isinstance(stamp, datetime):
            return 0.0
        return max(0.0, (datetime.now(tz=UTC) - stamp).total_seconds())

    def _seals(self, family: GaugeMetricFamily) -> None:
        """Every history ``ledger audit seal`` seals, by the name its seals go by: an alert on
        the age then fires for the registry, users and seals stores as for a tenant."""
        now = datetime.now(tz=UTC)
        for name in histories(self.platform):
            seals = self.platform.audit.seals(name)
            age = (now - seals[-1].sealed_at).total_seconds() if seals else math.inf
            family.add_metric([name], age)
