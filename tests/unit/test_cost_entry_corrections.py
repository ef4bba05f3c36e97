"""One cost incurred (an invoice) put right on its own: its amount or its date, held to the
rules recording held it to, with its category's total following and the old value kept."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest

from domain.calendar import uk_today
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.funding import ReviewCost
from tests.unit.refusals import assert_refused

INCIDENT = date(2016, 1, 10)
WHY = "typed the amount of the wrong invoice"


def invoiced() -> ReviewCost:
    cost = ReviewCost.start(uuid.uuid4())
    cost.record_actual("chair", 500_000, date(2016, 3, 1), "Chair invoice 1", incident_on=INCIDENT)
    cost.record_actual("chair", 250_000, date(2016, 5, 1), "Chair invoice 2", incident_on=INCIDENT)
    cost.record_actual("author", 800_000, date(2016, 6, 1), "Author invoice", incident_on=INCIDENT)
    return cost


def replayed(events: Sequence[Any]) -> ReviewCost:
    found = None
    for e in events:
        found = e.mutate(found)
    assert isinstance(found, ReviewCost)
    return found


def test_each_cost_incurred_is_kept_numbered_in_the_order_recorded() -> None:
    cost = invoiced()
    assert [(e.number, e.category, e.amount) for e in cost.summary().incurred] == [
        (1, "chair", 500_000),
        (2, "chair", 250_000),
        (3, "author", 800_000),
    ]
    assert cost.first_dated == date(2016, 3, 1)


def test_a_corrected_amount_moves_its_category_total_by_the_difference() -> None:
    cost = invoiced()
    cost.collect_events()
    cost.correct("incurred.2.amount", 25_000, WHY, incident_on=INCIDENT)
    event: Any = cost.collect_events()[-1]
    assert (event.field, event.value, event.previous, event.reason) == (
        "incurred.2.amount",
        25_000,
        250_000,
        WHY,
    )
    assert event.effective_on == date(2016, 5, 1) and event.amount is None
    assert cost.actuals[cost.summary().actuals[0][0]] == 525_000
    assert cost.total_actual == 525_000 + 800_000
    assert cost.incurred[1].amount == 25_000 and cost.incurred[0].amount == 500_000


def test_a_corrected_date_keeps_the_amount_and_says_what_it_moves() -> None:
    cost = invoiced()
    cost.collect_events()
    cost.correct("incurred.1.incurred_on", "2016-02-01", "the invoice's date", incident_on=INCIDENT)
    event: Any = cost.collect_events()[-1]
    assert (event.previous, event.value, event.amount) == (
        date(2016, 3, 1),
        date(2016, 2, 1),
        500_000,
    )
    assert cost.incurred[0].incurred_on == date(2016, 2, 1) and cost.total_actual == 1_550_000
    assert cost.first_dated == date(2016, 2, 1)
    # a whole-category correction still takes effect on its last entry's date
    assert cost.last_dated["actual.chair"] == date(2016, 5, 1)


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("incurred.1.incurred_on", "2016-01-09", "before the incident the review is about"),
        ("incurred.1.incurred_on", (uk_today() + timedelta(days=1)).isoformat(), "after today"),
        ("incurred.1.incurred_on", "1 March", "calendar date"),
        ("incurred.1.amount", 0, "The cost"),
        ("incurred.1.amount", -5, "cannot be negative"),
        ("incurred.1.amount", 500_000, "nothing to correct"),
        ("incurred.4.amount", 1, "numbered 1 to 3"),
        ("incurred.1.description", "x", "incurred.<number>.amount"),
    ],
)
def test_an_entry_is_held_to_the_rules_recording_held_it_to(
    field: str, value: object, match: str
) -> None:
    cost = invoiced()
    cost.collect_events()
    assert_refused(
        cost, InvalidValueError, cost.correct, field, value, WHY, match=match, incident_on=INCIDENT
    )


def test_a_category_correction_stored_before_entries_still_means_what_it_meant() -> None:
    """An ``actual.chair`` correction replaced the chair's total; an entry corrected after it
    moves that corrected total by its own difference."""
    cost = invoiced()
    cost.correct("actual.chair", 700_000, "the total was keyed wrongly")
    events = cost.collect_events()
    vars(events[-1]).pop("amount")  # as the old code wrote it: no amount at all
    again = replayed(events)
    assert again.total_actual == 700_000 + 800_000
    again.correct("incurred.1.amount", 400_000, WHY, incident_on=INCIDENT)
    assert again.total_actual == 600_000 + 800_000
    message = "correct one of: .*incurred.3.incurred_on"
    with pytest.raises(InvalidValueError, match=message):
        again.correct("actual.venue", 1, "x")


def test_an_entry_cannot_take_a_total_corrected_down_on_its_own_below_nothing() -> None:
    """The chair's total was corrected to £1,000 by itself; its £5,000 invoice can then come
    down by £1,000 at most, or the chair would have cost less than nothing."""
    cost = invoiced()
    cost.correct("actual.chair", 100_000, "the total was keyed wrongly")
    cost.collect_events()
    assert_refused(
        cost,
        InvalidTransitionError,
        cost.correct,
        "incurred.1.amount",
        399_999,
        WHY,
        match=r"chair costs total £1,000.00 as corrected.*at least £4,000.00",
        incident_on=INCIDENT,
    )
    cost.correct("incurred.1.amount", 400_000, WHY, incident_on=INCIDENT)
    assert cost.total_actual == 0 + 800_000
