"""Messaging with kombu: one topic exchange carries every tenant's events to the read models.

Only this package imports kombu, so the broker (RabbitMQ when hosted, kombu's in-memory
transport when embedded) is chosen by ``LEDGER_BROKER_URL`` and nowhere else.
"""

from adapters.messaging.broker import EVENTS_EXCHANGE, Broker, routing_key
from adapters.messaging.consumer import Consumer, Delivery

__all__ = ["EVENTS_EXCHANGE", "Broker", "Consumer", "Delivery", "routing_key"]
