"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, jsonify
from kombu import Connection

from api.context import platform, requires
from api.policy import Permission

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
    """The event store and the message broker are reachable."""
    checks = {"store": _store_ok(), "broker": _broker_ok()}
    ready = all(checks.values())
    body = {
        "status": "ready" if ready else "unavailable",
        "checks": {k: "ok" if v else "unreachable" for k, v in checks.items()},
    }
    return jsonify(body), 200 if ready else 503


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
