"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, jsonify
from kombu import Connection

from api.context import platform, requires
from api.policy import Permission
from api.resources.views import primary_views
from projections.health import readiness
from projections.views import all_models

blp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@blp.get("/healthz")
@requires(Permission.PUBLIC)
def healthz() -> Any:
    """The process is alive."""
    return jsonify(status="ok")


@blp.get("/readyz")
@requires(Permission.PUBLIC)
def readyz() -> Any:
    """The event store and the broker are reachable, and the regional views are kept up to
    date: the relay and a worker report in, and the lag is within the configured limits."""
    checks = {"store": _store_ok(), "broker": _broker_ok()}
    body: dict[str, Any] = {"checks": {k: "ok" if v else "unreachable" for k, v in checks.items()}}
    ready = all(checks.values())
    if checks["store"]:
        views = _projections()
        body["checks"]["projections"] = "ok" if views is None else "; ".join(views)
        ready = ready and views is None
    body = {"status": "ready" if ready else "unavailable", **body}
    return jsonify(body), 200 if ready else 503


def _projections() -> list[str] | None:
    """None when the regional views are kept up to date within the limits; else what is wrong."""
    settings = platform().settings
    try:
        found = readiness(
            primary_views(),
            all_models(),
            settings.ready_max_lag_events,
            settings.ready_max_lag_seconds,
        )
    except Exception:  # noqa: BLE001 - any failure means not ready
        log.warning("readiness: read-model store unreachable", exc_info=True)
        return ["read-model store unreachable"]
    return None if found.ready else list(found.problems)


def _store_ok() -> bool:
    try:
        platform().registry.directory_version()
        return True
    except Exception:  # noqa: BLE001 - any failure means not ready
        log.warning("readiness: event store unreachable", exc_info=True)
        return False


def _broker_ok() -> bool:
    url = platform().settings.broker_url
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # noqa: BLE001
        log.warning("readiness: broker unreachable")
        return False
