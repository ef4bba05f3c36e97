"""/readyz tells a load balancer whether the regional views are kept up to date, and if not,
which part is missing or how far behind they are (both stores)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from projections.health import readiness
from projections.service import ProjectionService
from projections.views import all_models
from tenants.platform import Platform
from tests.conftest import fresh_database
from tests.projections.support import open_case, wait_for


@pytest.fixture
def strict_app(make_platform: object) -> Iterator[Flask]:
    platform = make_platform(LEDGER_READY_MAX_LAG_EVENTS="3")  # type: ignore[operator]
    app = create_app({"PLATFORM": platform, "TESTING": True})
    yield app
    views = app.extensions.get("ledger.views")
    if views is not None:
        views.close()


def readyz(client: FlaskClient) -> tuple[int, dict[str, object]]:
    r = client.get("/readyz")
    return r.status_code, r.get_json()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database of its own: readiness counts the lag of every tenant the worker can see, and
    the session's shared database holds other tests' tenants (some tampered with on purpose)."""
    with fresh_database("ledger_ready") as url:
        yield url


def test_not_ready_while_no_projections_run_then_ready_once_they_do(
    platform: Platform, client: FlaskClient
) -> None:
    status, found = readyz(client)
    assert status == 503 and found["status"] == "unavailable"
    assert "projections relay is not running" in str(found["checks"])
    service = ProjectionService(platform).start()
    try:
        wait_for(lambda: readyz(client)[0] == 200, "readiness with projections running")
        assert readyz(client)[1]["checks"] == {"store": "ok", "broker": "ok", "projections": "ok"}
    finally:
        service.stop()
    status, found = readyz(client)  # stopped on purpose: its heartbeat goes with it
    assert status == 503 and "is not running" in str(found["checks"])


def test_lagging_views_make_it_unready_saying_by_how_much(strict_app: Flask) -> None:
    client = strict_app.test_client()
    platform: Platform = strict_app.extensions["ledger.platform"]
    service = ProjectionService(platform).start()
    try:
        wait_for(lambda: readyz(client)[0] == 200, "readiness with projections running")
        assert service.worker is not None
        service.worker.heart.models = []  # keep beating, but stop applying:
        service.stopping.set()
        for thread in service.threads:
            thread.join(timeout=10)
        service.stopping.clear()
        region, slug = f"r-{uuid.uuid4().hex[:6]}", f"t-{uuid.uuid4().hex[:6]}"
        platform.registry.create_region(region, f"Region {region}")
        platform.register_tenant(slug, "T", region)
        with platform.ledgers.lease(slug) as app:
            for n in range(3):
                open_case(app, f"DHR-{n}", date(2024, 1, 1))
        assert service.relay is not None
        service.relay.refresh_tenants()
        service.relay.pump()  # published, not applied: the views lag
        service.relay.heart.beat(force=True)
        service.worker.heart.beat(force=True)
        status, found = readyz(client)
        assert status == 503
        assert re.search(r"regional views lag \d+ events behind \(limit 3\)", str(found["checks"]))
    finally:
        service.stop()


def test_a_region_ledgers_events_are_no_lag_for_the_partnerships_views(
    platform: Platform, client: FlaskClient
) -> None:
    """The OPCC's directory and money are applied by the region's own read models; counting
    them against every partnership's models kept /readyz at 503 for ever after the demo."""
    region, slug = f"r-{uuid.uuid4().hex[:6]}", f"t-{uuid.uuid4().hex[:6]}"
    platform.registry.create_region(region, f"Region {region}")
    platform.register_tenant(slug, "T", region)
    with platform.region_ledgers.lease(region) as ledger:
        for n in range(5):
            ledger.partners.add(f"body-{n}", f"Body {n}", "police", date(2024, 1, 1))
    service = ProjectionService(platform).start()
    try:
        wait_for(lambda: readyz(client)[0] == 200, "readiness once the views caught up")
        assert service.worker is not None
        service.worker.heart.beat(force=True)
        status, found = readyz(client)
        assert status == 200, found
        # not merely within the limits (60 s of lag is allowed): no lag at all
        assert readiness(service.views, all_models(), 0, 0.0).lag_events == 0
    finally:
        service.stop()
