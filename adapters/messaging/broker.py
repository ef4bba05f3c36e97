"""Connections, the events exchange and confirmed publishing.

Publisher confirms matter because the relay saves its position only once the broker has
taken responsibility for a message; without them a crash could lose events silently.

A batch is published in one go and its confirms awaited together: waiting for each message's
confirm before sending the next cost one round trip to the broker (a quorum queue's log write)
per event, 25-45 ms each on a loaded machine, and a command of four events reached the
workers one message at a time (figure f's tail, README Performance).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kombu import Connection, Exchange, Queue

from adapters.library.amqp import publish_without_waiting

EVENTS_EXCHANGE = Exchange("ledger.events", type="topic", durable=True)  # the default name
_WORD = re.compile(r"[^A-Za-z0-9_-]+")
CONFIRM_TIMEOUT = 30.0  # seconds without any confirm before a batch counts as failed


def routing_key(region: str, tenant: str, aggregate: str, event: str) -> str:
    """``region.tenant.aggregate.event``; dots inside a word would split it, so they become '_'."""
    return ".".join(_WORD.sub("_", part) or "_" for part in (region, tenant, aggregate, event))


class QueueTypeError(RuntimeError):
    """The broker already has the queue with another type (a classic queue from before)."""


class Broker:
    """One kombu connection; ``memory://`` keeps everything inside this process.

    Workers' queues on RabbitMQ are quorum queues: replicated (Raft) across the cluster's
    nodes, so losing one broker node loses no accepted message and no consumer stalls.
    """

    def __init__(
        self, url: str, queue_type: str = "quorum", exchange: str = EVENTS_EXCHANGE.name
    ) -> None:
        """``exchange``: the topic exchange's name (``Settings.events_exchange``); two
        deployments, or two tests, on one vhost keep apart by giving each its own."""
        self.url = url
        self.queue_type = queue_type
        self.exchange = Exchange(exchange, type="topic", durable=True)
        self.in_memory = url.startswith("memory://")
        self.connection = self._connect()
        self._confirming: Any = None  # the channel batches are published on (RabbitMQ)
        self._producer: Any = None
        self._sent = 0  # delivery tags handed out on that channel
        self._unconfirmed: set[int] = set()
        self._refused = False

    def _connect(self) -> Connection:
        options: dict[str, Any] = (
            {"polling_interval": 0.02} if self.in_memory else {"confirm_publish": True}
        )
        return Connection(self.url, transport_options=options, heartbeat=0, connect_timeout=10)

    def reconnect(self) -> None:
        """Drop the connection (it may be dead already) and connect again, waiting with
        kombu's own retry; raises if the broker is still away, for the caller to back off."""
        try:
            self.connection.release()
        except Exception:  # noqa: BLE001 - a dead connection may fail to close
            pass
        self.connection = self._connect()
        self._confirming = self._producer = None
        self.connection.ensure_connection(max_retries=2, interval_start=0.2, interval_max=1)

    def queue(self, name: str, bindings: Sequence[str] = ("#",)) -> Queue:
        """A durable queue bound to the exchange by topic patterns (``west-midlands.#``)."""
        from kombu import binding

        arguments = None if self.in_memory else {"x-queue-type": self.queue_type}
        return Queue(
            name,
            exchange=self.exchange,
            bindings=[binding(self.exchange, routing_key=b) for b in bindings],
            durable=True,
            auto_delete=False,
            queue_arguments=arguments,
        )

    def declare(self, queue: Queue) -> None:
        try:
            with self.connection.channel() as channel:
                queue.bind(channel).declare()
        except Exception as e:
            if "x-queue-type" not in str(e):
                raise
            raise QueueTypeError(
                f"RabbitMQ already has queue {queue.name!r} of another type ({e}). Workers "
                "catch up from the stores, so nothing is lost: stop the workers, delete it "
                f"(`rabbitmqctl delete_queue {queue.name}`) and start them again."
            ) from e

    def publish_all(self, messages: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Publish persistent messages; on RabbitMQ each returns only once the broker confirmed it.

        Raises if the broker refuses or the connection drops, so the caller keeps its position.
        On RabbitMQ the whole batch is sent, then its confirms are awaited together.
        """
        if not self.in_memory:
            self._publish_confirmed(messages)
            return
        producer = self.connection.Producer(
            exchange=self.exchange, serializer="json", auto_declare=True
        )
        publish = self.connection.ensure(producer, producer.publish, max_retries=3)
        for key, body in messages:
            publish(body, routing_key=key, delivery_mode=2)

    def _publish_confirmed(self, messages: Sequence[tuple[str, dict[str, Any]]]) -> None:
        producer = self._confirming_producer()
        for key, body in messages:
            producer.publish(body, routing_key=key, delivery_mode=2)
            self._sent += 1
            self._unconfirmed.add(self._sent)
        while self._unconfirmed and not self._refused:
            self.connection.drain_events(timeout=CONFIRM_TIMEOUT)  # raises on time-out
        if self._refused:
            self._confirming = self._producer = None  # the tags are spent: a fresh channel
            self._unconfirmed.clear()
            self._refused = False
            raise RuntimeError("RabbitMQ refused (nacked) a message; it will be sent again")

    def _confirming_producer(self) -> Any:
        if self._confirming is None or not self._confirming.is_open:
            channel = self.connection.channel()
            publish_without_waiting(channel)  # the confirms are awaited per batch
            channel.confirm_select()
            channel.events["basic_ack"].add(self._confirmed)
            channel.events["basic_nack"].add(self._nacked)
            self._confirming, self._sent = channel, 0
            self._unconfirmed.clear()
            self._producer = self.connection.Producer(
                channel, exchange=self.exchange, serializer="json", auto_declare=True
            )
        return self._producer

    def _confirmed(self, tag: int, multiple: bool) -> None:
        if multiple:
            self._unconfirmed = {t for t in self._unconfirmed if t > tag}
        else:
            self._unconfirmed.discard(tag)

    def _nacked(self, tag: int, multiple: bool) -> None:
        self._refused = True
        self._confirmed(tag, multiple)

    def close(self) -> None:
        self.connection.release()
