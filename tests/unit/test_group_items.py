"""A group's own plan items: an item cannot fall due, nor have progress, before the day it
joined the plan, and items stored before those rules still load."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import InvalidValueError
from domain.region import PartnershipGroup
from domain.region.groups import ItemStatus
from tests.unit.refusals import assert_refused

ADDED = date(2026, 4, 2)


def board() -> PartnershipGroup:
    return PartnershipGroup.form("da-board", "DA board", "board", "county", [], date(2026, 4, 1))


def test_an_item_due_before_the_day_it_was_recorded_is_refused() -> None:
    group = board()
    assert_refused(
        group,
        InvalidValueError,
        group.add_item,
        "B-01",
        "Train receptionists",
        "county",
        date(2026, 4, 1),
        ADDED,
        match=r"The due date \(2026-04-01\) is before the date the item was recorded",
    )


@pytest.mark.parametrize("due_on", [ADDED, date(2026, 9, 30), None])
def test_an_item_due_on_or_after_the_day_it_was_recorded_or_undated_is_added(
    due_on: date | None,
) -> None:
    group = board()
    group.add_item("B-01", "Train receptionists", "county", due_on, ADDED)
    assert group.item("B-01").due_on == due_on


def test_an_item_stored_due_before_it_was_recorded_still_loads() -> None:
    """Rules hold new commands, not the events already stored: replay does not check them."""
    group = board()
    group._item_added("B-00", "Kept from before the rule", "county", date(2025, 1, 1), ADDED)
    copy: Any = None
    for stored in group.collect_events():
        copy = stored.mutate(copy)
    assert copy.item("B-00").due_on == date(2025, 1, 1)


def test_progress_dated_before_the_item_was_recorded_is_refused() -> None:
    group = board()
    group.add_item("B-01", "Train receptionists", "county", None, ADDED)
    assert_refused(
        group,
        InvalidValueError,
        group.update_item,
        "B-01",
        "Trainer booked",
        date(2026, 4, 1),
        True,
        match=r"The date of the update \(2026-04-01\) is before the date the item was recorded",
    )
    assert group.item("B-01").status is ItemStatus.OPEN


def test_progress_on_the_day_the_item_was_recorded_is_recorded() -> None:
    group = board()
    group.add_item("B-01", "Train receptionists", "county", None, ADDED)
    group.update_item("B-01", "Trainer booked", ADDED)
    assert group.item("B-01").updates == ((ADDED, "Trainer booked"),)


def test_an_item_stored_with_progress_before_it_was_recorded_still_loads() -> None:
    group = board()
    group.add_item("B-00", "Kept from before the rule", "county", None, ADDED)
    group._item_updated("B-00", "Done before it was recorded", date(2025, 1, 1), True)
    copy: Any = None
    for stored in group.collect_events():
        copy = stored.mutate(copy)
    loaded = copy.item("B-00")
    assert loaded.updates == ((date(2025, 1, 1), "Done before it was recorded"),)
    assert loaded.status is ItemStatus.COMPLETED and loaded.completed_on == date(2025, 1, 1)
