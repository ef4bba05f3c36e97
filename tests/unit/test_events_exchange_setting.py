"""``LEDGER_EVENTS_EXCHANGE`` names the broker's events exchange: ``ledger.events`` unless set."""

from __future__ import annotations

import pytest

from adapters.messaging import Broker
from adapters.settings import Settings
from domain.errors import InvalidValueError


def test_the_events_exchange_is_ledger_events_unless_named() -> None:
    assert Settings.from_environ({}).events_exchange == "ledger.events"
    named = Settings.from_environ({"LEDGER_EVENTS_EXCHANGE": "ledger.events.staging"})
    assert named.events_exchange == "ledger.events.staging"


def test_a_broker_binds_its_queues_and_publishes_to_the_exchange_it_is_given() -> None:
    broker = Broker("memory://", exchange="ledger.events.staging")
    try:
        queue = broker.queue("q", ("west-midlands.#",))
        assert [b.exchange.name for b in queue.bindings] == ["ledger.events.staging"]
    finally:
        broker.close()
    default = Broker("memory://")
    try:
        assert default.exchange.name == "ledger.events"
    finally:
        default.close()


@pytest.mark.parametrize("name", ["amq.topic", "ledger events", "x" * 256, "ledger/events"])
def test_an_exchange_name_the_broker_would_refuse_is_refused_with_what_to_do(name: str) -> None:
    with pytest.raises(InvalidValueError, match="LEDGER_EVENTS_EXCHANGE"):
        Settings.from_environ({"LEDGER_EVENTS_EXCHANGE": name})
