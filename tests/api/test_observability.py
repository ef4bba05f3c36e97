"""Operators' view of a running service: request ids, Prometheus metrics, JSON log lines."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from prometheus_client.core import GaugeMetricFamily

from api.observability import logs
from api.observability.state import StateCollector, set_aside_counts
from projections.status import SourceStatus, ViewStatus
from tenants.platform import Platform
from tenants.platform_stores import platform_store, platform_stores, seal_store
from tests.api.conftest import World, body
from tests.api.test_reviews import CASE
from tests.integration.test_audit_tampering import flip_a_byte

FAMILIES = (
    "ledger_http_request_duration_seconds",
    "ledger_commands_total",
    "ledger_projection_lag_events",
    "ledger_projection_lag_seconds",
    "ledger_relay_backlog_events",
    "ledger_set_aside_events",
    "ledger_audit_seal_age_seconds",
)


def test_every_answer_carries_a_request_id_and_problems_quote_it(
    client: FlaskClient, world: World
) -> None:
    ok = client.get("/healthz")
    assert len(ok.headers["X-Request-ID"]) >= 16
    refused = client.get(f"/api/v1/tenants/{world.tenant}/reviews")
    assert refused.status_code == 401
    assert body(refused)["request_id"] == refused.headers["X-Request-ID"]
    offered = client.get("/healthz", headers={"X-Request-ID": "edge-1234abcd"})
    assert offered.headers["X-Request-ID"] == "edge-1234abcd"  # a proxy's id is kept
    forged = client.get("/healthz", headers={"X-Request-ID": 'x" {evil}'})
    assert forged.headers["X-Request-ID"] != 'x" {evil}'  # never echo what is not an id


def test_metrics_count_commands_by_tenant_and_time_requests_by_route(
    client: FlaskClient, world: World
) -> None:
    created = client.post(
        f"/api/v1/tenants/{world.tenant}/reviews", json=CASE, headers=world.auth("officer")
    )
    assert created.status_code == 201
    client.get(
        f"/api/v1/tenants/{world.tenant}/reviews/{body(created)['id']}",
        headers=world.auth("officer"),
    )
    text = client.get("/metrics").get_data(as_text=True)
    for family in FAMILIES:
        assert f"# TYPE {family} " in text, family
    assert (
        f'ledger_commands_total{{event_type="DomesticHomicideReview.Notified",tenant="{world.tenant}"}}'
        in text
    )
    route = 'route="/api/v1/tenants/<tenant>/reviews/<uuid:review>"'
    assert route in text and body(created)["id"] not in text  # the rule, never the ids
    assert f'ledger_relay_backlog_events{{tenant="{world.tenant}"}}' in text
    assert f'ledger_audit_seal_age_seconds{{tenant="{world.tenant}"}} +Inf' in text
    assert "ledger_state_scrape_ok 1.0" in text
    assert f'ledger_set_aside_events{{tenant="{world.tenant}",view="dhr"}} 0.0' in text


def test_the_seal_age_names_the_platforms_own_stores_so_their_alert_fires_too(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    """The registry, users and seals are sealed nightly as tenants are: one left unsealed
    must raise the same alert (OPERATIONS.md), so each is a label of its own."""
    seals = seal_store(platform)
    with platform_store(platform, seals) as store:
        platform.audit.seal(store)

    text = client.get("/metrics").get_data(as_text=True)

    ages = {
        line.split('"')[1]: line.rsplit(" ", 1)[1]
        for line in text.splitlines()
        if line.startswith("ledger_audit_seal_age_seconds{")
    }
    for name in platform_stores(platform):
        assert name in ages, (name, sorted(ages))
        assert (ages[name] == "+Inf") == (name != seals), (name, ages[name])
    assert ages["@" + world.region] == "+Inf" and ages[world.tenant] == "+Inf"


def test_metrics_are_only_for_this_host_or_the_metrics_token(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.get("/metrics").status_code == 200  # the test client calls from 127.0.0.1
    proxied = client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert proxied.status_code == 403 and "LEDGER_METRICS_TOKEN" in body(proxied)["detail"]
    remote = client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert remote.status_code == 403
    monkeypatch.setenv("LEDGER_METRICS_TOKEN", "s3cret-metrics")
    assert client.get("/metrics").status_code == 403  # with a token set, even loopback needs it
    ok = client.get(
        "/metrics",
        headers={"Authorization": "Bearer s3cret-metrics"},
        environ_base={"REMOTE_ADDR": "10.1.2.3"},
    )
    assert ok.status_code == 200


@dataclass(frozen=True)
class _Letter:  # the shape of a projections dead-letter record, as far as the gauge reads it
    tenant: str


@dataclass(frozen=True)
class _View:  # a ViewStatus as far as the gauge reads it, with the dead letters it carries
    name: str
    set_aside: tuple[_Letter, ...]


def test_set_aside_events_are_counted_per_view_and_tenant_from_the_status() -> None:
    found = [_View("dhr", (_Letter("b"), _Letter("b"), _Letter("a"))), _View("money", ())]
    assert set_aside_counts(found) == {("dhr", "b"): 2, ("dhr", "a"): 1}  # type: ignore[arg-type]
    family = GaugeMetricFamily("x", "x", labels=["view", "tenant"])
    plain = [ViewStatus("dhr", 1, 1, 1, (SourceStatus("a", 5, 5, 0),))]  # nothing set aside
    StateCollector._set_aside(plain, family)
    assert [(s.labels, s.value) for s in family.samples] == [({"view": "dhr", "tenant": "a"}, 0)]


def test_an_error_logged_with_its_traceback_keeps_quoted_values_out() -> None:
    formatter = logs.json_formatter()
    try:
        raise ValueError("value too long for type character varying(10): 'Zephyrine Quill'")
    except ValueError:
        record = logging.LogRecord(
            "api.problems", logging.ERROR, __file__, 1, "unhandled error", (), sys.exc_info()
        )
    line = json.loads(formatter.format(record))
    assert line["event"] == "unhandled error" and "ValueError" in line["exception"]
    assert "Zephyrine" not in line["exception"]


def test_an_event_that_cannot_be_read_leaves_the_other_metrics_standing(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    """An altered event in one tenant's store (not yet projected: its age is read from it)
    must not turn the whole scrape to ``ledger_state_scrape_ok 0`` for every tenant."""
    created = client.post(
        f"/api/v1/tenants/{world.tenant}/reviews", json=CASE, headers=world.auth("officer")
    )
    assert created.status_code == 201
    flip_a_byte(platform, world.tenant, UUID(body(created)["id"]), 1)

    text = client.get("/metrics").get_data(as_text=True)

    assert "ledger_state_scrape_ok 1.0" in text
    assert f'ledger_projection_lag_seconds{{tenant="{world.tenant}",view="dhr"}} NaN' in text
    assert f'ledger_relay_backlog_events{{tenant="{world.tenant}"}}' in text
    assert f'ledger_audit_seal_age_seconds{{tenant="{world.tenant}"}} +Inf' in text
