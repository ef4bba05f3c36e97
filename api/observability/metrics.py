"""The metric families the processes record, and how /metrics gathers them.

Under gunicorn several worker processes serve requests, so counters and histograms are
kept in prometheus-client's multiprocess files (``PROMETHEUS_MULTIPROC_DIR``, which
``ledger serve`` sets to a private temporary folder before this module is imported) and
summed when scraped. State that lives in the stores (projection lag, relay backlog, seal
age) is read at scrape time by ``state.StateCollector`` instead of being pushed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

METRICS = CollectorRegistry(auto_describe=True)

REQUEST_SECONDS = Histogram(
    "ledger_http_request_duration_seconds",
    "Time to answer an HTTP request, by route (the URL rule, never the raw path) and status.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=METRICS,
)
COMMANDS = Counter(
    "ledger_commands",
    "Events recorded by commands, by tenant (or platform application) and event type.",
    ["tenant", "event_type"],
    registry=METRICS,
)


def multiprocess_dir() -> str | None:
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")
    return path if path and os.path.isdir(path) else None


def exposition(state: Sequence[Collector]) -> bytes:
    """The text a Prometheus server scrapes: this process's (or all workers') families plus state."""
    registry = CollectorRegistry(auto_describe=False)
    for collector in state:
        registry.register(collector)
    if multiprocess_dir():
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(METRICS) + generate_latest(registry)


def record_saved(tenant: str, recordings: Sequence[Any]) -> None:
    """Count each stored event by its class (``DomesticHomicideReview.Decided``)."""
    for recording in recordings:
        event = getattr(recording, "domain_event", recording)
        COMMANDS.labels(tenant, type(event).__qualname__).inc()
