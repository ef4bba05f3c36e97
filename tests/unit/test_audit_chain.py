"""The hash chain and seals, in memory."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from domain.audit import GENESIS, AuditSeal, RecordedEvent, extend
from domain.errors import InvalidTransitionError, InvalidValueError

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def chain(events: list[RecordedEvent]) -> str:
    link = GENESIS
    for e in events:
        link = extend(link, e)
    return link


def history() -> list[RecordedEvent]:
    oid = uuid4()
    return [
        RecordedEvent(n, oid, n, "domain.reviews:X.Notified", f'{{"n":{n}}}'.encode())
        for n in range(1, 6)
    ]


def test_any_change_to_an_earlier_event_changes_the_link() -> None:
    events = history()
    original = chain(events)
    altered = [*events]
    altered[1] = RecordedEvent(2, events[1].originator_id, 2, events[1].topic, b'{"n":99}')
    assert chain(altered) != original
    assert chain(events[:2] + events[3:]) != original  # one removed
    assert chain([events[1], events[0], *events[2:]]) != original  # reordered
    assert chain(history()[:0]) == GENESIS


def test_a_seal_cannot_go_backwards_or_carry_a_malformed_link() -> None:
    seal = AuditSeal(tenant="birmingham")
    seal.seal(5, chain(history()), 5, NOW)
    with pytest.raises(InvalidTransitionError, match="shorter"):
        seal.seal(4, GENESIS, 4, NOW)
    with pytest.raises(InvalidValueError):
        seal.seal(6, "not-hex", 6, NOW)
    assert len(seal.seals) == 1
