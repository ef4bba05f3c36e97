"""Fixtures for the read-model tests.

PostgreSQL runs get a database of their own for the session, so the worker catches up only
this session's tenants and the ``projections`` schema starts empty; RabbitMQ runs get a queue
and an events exchange of their own (``LEDGER_EVENTS_EXCHANGE``), deleted afterwards, so they run
beside each other in any worker without seeing each other's messages. SQLite runs use kombu's
in-memory transport, as embedded.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from kombu import Connection

from projections.service import ProjectionService
from tenants.platform import Platform
from tests.conftest import fresh_database

AMQP_URL = os.environ.get("LEDGER_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with fresh_database("ledger_proj") as url:
        yield url


@pytest.fixture
def amqp_url() -> str:
    try:
        with Connection(AMQP_URL, connect_timeout=5) as conn:
            conn.connect()
    except OSError as e:
        pytest.fail(
            f"RabbitMQ is not reachable at {AMQP_URL} ({e}); start it with tests/services.sh."
        )
    return AMQP_URL


@pytest.fixture
def queue_name(request: pytest.FixtureRequest) -> Iterator[str]:
    """A queue of this test's own; deleted afterwards so nothing piles up in the broker."""
    name = f"ledger.test.{uuid.uuid4().hex[:8]}"
    yield name
    if "amqp_url" in request.fixturenames:
        with Connection(AMQP_URL) as conn, conn.channel() as channel:
            channel.queue_delete(name)


@pytest.fixture
def events_exchange() -> Iterator[str]:
    """An events exchange of this test's own on the broker; deleted afterwards (with it go
    its bindings, so no queue of another test hears this test's events)."""
    name = f"ledger.test.events.{uuid.uuid4().hex[:8]}"
    yield name
    with Connection(AMQP_URL) as conn, conn.channel() as channel:
        channel.exchange_delete(name)


@pytest.fixture
def platform(
    make_platform: Callable[..., Platform], store_kind: str, request: pytest.FixtureRequest
) -> Platform:
    """SQLite with the in-memory broker; PostgreSQL with the real RabbitMQ."""
    if store_kind == "postgres":
        request.node.add_marker(pytest.mark.rabbitmq)
        return make_platform(
            LEDGER_BROKER_URL=request.getfixturevalue("amqp_url"),
            LEDGER_EVENTS_EXCHANGE=request.getfixturevalue("events_exchange"),
        )
    return make_platform()


@pytest.fixture
def service(platform: Platform, queue_name: str) -> Iterator[ProjectionService]:
    """The projection worker, fed live from ``platform``'s stores and broker."""
    svc = ProjectionService(platform, queue=queue_name).start()
    yield svc
    svc.stop()
