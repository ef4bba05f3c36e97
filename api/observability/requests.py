"""Per request: an id (header ``X-Request-ID``), one JSON log line, one latency observation.

The log line names the route (the URL rule, ``/api/v1/tenants/<tenant>/reviews/<review>``),
the tenant slug, the user's id, status and duration: never the raw path's ids, the query
string, headers, bodies or the user's name, so it carries no personal data or tokens.
"""

from __future__ import annotations

import hmac
import os
import re
import time
import uuid

import structlog
from flask import Flask, Response, current_app, g, request

from api.context import PLATFORM_KEY, requires
from api.observability import metrics
from api.observability.logs import configure_structlog
from api.observability.state import StateCollector
from api.policy import Permission
from api.problems import problem
from projections.store import open_views
from tenants.application import observe_saves
from tenants.platform import Platform

HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
STATE_KEY = "ledger.metrics.state"
log = structlog.get_logger("ledger.request")


def request_id() -> str | None:
    return g.get("request_id")


def _start() -> None:
    offered = request.headers.get(HEADER, "")
    g.request_id = offered if _SAFE_ID.match(offered) else uuid.uuid4().hex
    g.request_started = time.perf_counter()
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(request_id=g.request_id)


def _finish(response: Response) -> Response:
    started = g.get("request_started")
    if started is None:
        return response
    elapsed = time.perf_counter() - started
    route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
    status = response.status_code
    metrics.REQUEST_SECONDS.labels(request.method, route, str(status)).observe(elapsed)
    response.headers[HEADER] = g.request_id
    user = g.get("user")
    tenant = (request.view_args or {}).get("tenant")
    log.info(
        "request",
        method=request.method,
        route=route,
        status=status,
        duration_ms=round(elapsed * 1000, 2),
        tenant=tenant,
        user_id=str(user.id) if user is not None else None,
    )
    structlog.contextvars.clear_contextvars()
    return response


def _metrics_allowed() -> bool:
    """Loopback callers not forwarded by a proxy, or anyone with ``LEDGER_METRICS_TOKEN``."""
    token = os.environ.get("LEDGER_METRICS_TOKEN", "")
    if token:
        scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(offered.strip(), token)
    forwarded = request.headers.get("X-Forwarded-For") or request.headers.get("Forwarded")
    return not forwarded and (request.remote_addr or "") in ("127.0.0.1", "::1")


@requires(Permission.PUBLIC)  # guarded here, by address or its own token, not by user tokens
def metrics_view() -> Response:

    if not _metrics_allowed():
        return problem(
            403,
            "Forbidden",
            "Metrics are served to this host only; scrape from localhost or send "
            "'Authorization: Bearer $LEDGER_METRICS_TOKEN'.",
        )
    state = current_app.extensions[STATE_KEY]
    return Response(metrics.exposition([state]), mimetype="text/plain; version=0.0.4")


def install(app: Flask) -> None:
    """Register before anything else, so the auth guard's refusals are timed and logged too."""
    configure_structlog()
    observe_saves(metrics.record_saved)
    platform: Platform = app.extensions[PLATFORM_KEY]

    app.extensions[STATE_KEY] = StateCollector(platform, lambda: open_views(platform))
    app.before_request(_start)
    app.after_request(_finish)
    app.add_url_rule("/metrics", "metrics", metrics_view)
