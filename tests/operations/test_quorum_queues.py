"""The workers' queues on RabbitMQ are quorum queues (replicated), on the real broker.

Each test binds its queue to an events exchange of its own, so it hears no other test's events
and may run beside them in any worker."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from kombu import Connection, Queue

from adapters.messaging import Broker, Consumer
from adapters.messaging.broker import QueueTypeError
from tests.projections.conftest import AMQP_URL


@pytest.fixture
def amqp_url() -> str:
    with Connection(AMQP_URL, connect_timeout=5) as conn:
        conn.connect()
    return AMQP_URL


@pytest.fixture
def queue_name(amqp_url: str) -> Iterator[str]:
    name = f"ledger.test.quorum.{uuid.uuid4().hex[:8]}"
    yield name
    with Connection(amqp_url) as conn, conn.channel() as channel:
        channel.queue_delete(name)


@pytest.fixture
def events_exchange(amqp_url: str) -> Iterator[str]:
    name = f"ledger.test.events.{uuid.uuid4().hex[:8]}"
    yield name
    with Connection(amqp_url) as conn, conn.channel() as channel:
        channel.exchange_delete(name)


def test_a_workers_queue_is_a_quorum_queue_that_delivers_and_acknowledges(
    amqp_url: str, queue_name: str, events_exchange: str
) -> None:
    broker = Broker(amqp_url, exchange=events_exchange)
    try:
        queue = broker.queue(queue_name, ("quorum-test.#",))
        broker.declare(queue)
        consumer = Consumer(broker, queue)
        broker.publish_all([("quorum-test.t.Review.Notified", {"n": 1})])
        taken = consumer.take(10, wait=5)
        assert [d.body for d in taken] == [{"n": 1}]
        for delivery in taken:
            delivery.ack()
        consumer.close()
    finally:
        broker.close()
    # RabbitMQ refuses to redeclare it as a classic queue: it really is a quorum queue
    with Connection(amqp_url) as conn, conn.channel() as channel:
        classic = Queue(
            queue_name,
            exchange=broker.exchange,
            durable=True,
            queue_arguments={"x-queue-type": "classic"},
        )
        with pytest.raises(Exception, match="x-queue-type"):
            classic.bind(channel).declare()


def test_a_leftover_classic_queue_is_reported_with_what_to_do(
    amqp_url: str, queue_name: str, events_exchange: str
) -> None:
    with Connection(amqp_url) as conn, conn.channel() as channel:
        Queue(queue_name, durable=True, queue_arguments={"x-queue-type": "classic"}).bind(
            channel
        ).declare()
    broker = Broker(amqp_url, exchange=events_exchange)
    try:
        with pytest.raises(QueueTypeError, match="rabbitmqctl delete_queue"):
            broker.declare(broker.queue(queue_name))
    finally:
        broker.close()
