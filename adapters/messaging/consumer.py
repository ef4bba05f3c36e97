"""Consuming in batches with explicit acknowledgement.

A message is acknowledged only after its effect has been committed, so a crash between
the two means redelivery, never loss; the read models skip what they already applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kombu import Message, Queue

from adapters.messaging.broker import Broker


@dataclass(frozen=True)
class Delivery:
    body: dict[str, Any]
    message: Message

    def ack(self) -> None:
        self.message.ack()


class Consumer:
    def __init__(self, broker: Broker, queue: Queue, prefetch: int = 500) -> None:
        self.broker = broker
        self._buffer: list[Delivery] = []
        self._consumer = broker.connection.Consumer(
            queues=[queue], callbacks=[self._received], accept=["json"], prefetch_count=prefetch
        )
        self._consumer.consume()

    def _received(self, body: Any, message: Message) -> None:
        self._buffer.append(Delivery(body, message))

    def take(self, max_items: int, wait: float) -> Sequence[Delivery]:
        """Wait up to ``wait`` seconds for a first message, then take whatever else is ready."""
        try:
            self.broker.connection.drain_events(timeout=wait)
            while len(self._buffer) < max_items:
                self.broker.connection.drain_events(timeout=0.001)
        except TimeoutError:
            pass
        taken, self._buffer = self._buffer, []
        return taken

    def close(self) -> None:
        try:
            self._consumer.cancel()
        except Exception:  # noqa: BLE001 - the connection may already be gone
            pass
