"""A case's history reads every record kept about the case, in the order recorded, an event
that cannot be read in its place."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import uuid4

from domain.recording import CaseRecord
from tenants.ledger.history import CASE_RECORDS
from tenants.unreadable import Unreadable, in_recorded_order


def kinds(base: type) -> Iterator[type]:
    subs: list[type] = base.__subclasses__()
    for sub in subs:
        yield sub
        yield from kinds(sub)


def test_a_cases_history_reads_every_kind_of_record_kept_beside_a_case() -> None:
    assert set(kinds(CaseRecord)) == set(CASE_RECORDS)


@dataclass
class Event:
    name: str
    timestamp: datetime


def at(minute: int) -> datetime:
    return datetime(2025, 1, 1, 9, minute, tzinfo=UTC)


def test_an_unreadable_event_stays_after_the_one_before_it_in_its_record() -> None:
    lost = Unreadable(uuid4(), 2, "domain.actionplan.action:Action.Started", "why")
    first = [Event("a1", at(1)), lost, Event("a3", at(5))]
    second = [Event("b1", at(2)), Event("b2", at(4))]

    merged = in_recorded_order([first, second])

    assert [e.name for e in merged] == ["a1", "Started", "b1", "b2", "a3"]
    assert (lost.record, lost.name) == ("Action", "Started")
