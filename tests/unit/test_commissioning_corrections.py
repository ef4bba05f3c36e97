"""Correcting a commissioning budget's figures in memory: the year's value, an area's minimum,
one allocation's amount or area; each refused, with the bound that would pass, when the
budget's rule (no area left unable to reach its minimum) would break, and nothing recorded."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding import FinancialYear
from domain.region import CommissioningBudget

OPENED, BUDGETED = date(2017, 3, 1), date(2017, 3, 20)
Y = FinancialYear(2017)
WHY = "keyed from the wrong line of the decision"


def staffs() -> CommissioningBudget:
    """£1,836,000 a year: at least £600,000 in the county and £421,000 in the city (seed 004)."""
    made = CommissioningBudget.open("da", "DA services", "opcc", OPENED)
    made.budget_year(Y, 183_600_000, [("county", 60_000_000), ("city", 42_100_000)], BUDGETED)
    made.allocate(Y, "county", 60_000_000, "county refuge", date(2017, 4, 3))
    made.allocate(Y, "city", 42_100_000, "city outreach", date(2017, 4, 10))
    made.allocate(Y, "county", 10_000_000, "county IDVAs", date(2017, 5, 2))
    return made


def county_allocated(amount: int) -> CommissioningBudget:
    """Seed 004's year with one allocation to the county and the city's £421,000 still owed."""
    made = CommissioningBudget.open("da", "DA services", "opcc", OPENED)
    made.budget_year(Y, 183_600_000, [("county", 60_000_000), ("city", 42_100_000)], BUDGETED)
    made.allocate(Y, "county", amount, "county services", BUDGETED)
    return made


def refused(made: CommissioningBudget, error: type[Exception], match: str, *args: object) -> None:
    made.collect_events()  # what was recorded before; the refusal must add nothing
    version = made.version
    with pytest.raises(error, match=match):
        made.correct(*args)  # type: ignore[arg-type]
    assert made.version == version and not made.collect_events()


def test_an_allocation_keyed_ten_times_too_large_is_put_right_where_it_was_made() -> None:
    made = staffs()
    made.collect_events()
    made.correct("allocation.2017/18.3.amount", 1_000_000, WHY)
    event: Any = made.collect_events()[-1]
    assert (event.previous, event.value, event.effective_on) == (
        10_000_000,
        1_000_000,
        date(2017, 5, 2),
    )
    year = made.year(Y)
    assert {a.area: a.allocated for a in year.areas} == {"city": 42_100_000, "county": 61_000_000}
    assert year.unallocated == 183_600_000 - 103_100_000
    assert [(a.number, a.amount, a.purpose) for a in year.allocations][2] == (
        3,
        1_000_000,
        "county IDVAs",
    )


def test_an_allocation_recorded_against_the_wrong_area_moves_when_every_minimum_still_holds() -> (
    None
):
    made = staffs()
    made.correct("allocation.2017/18.3.area", "city", WHY)
    assert {a.area: a.allocated for a in made.year(Y).areas} == {
        "city": 52_100_000,
        "county": 60_000_000,
    }
    tight = CommissioningBudget.open("da", "DA services", "opcc", OPENED)
    tight.budget_year(Y, 102_100_000, [("county", 60_000_000), ("city", 42_100_000)], BUDGETED)
    tight.allocate(Y, "county", 60_000_000, "county refuge", BUDGETED)
    tight.allocate(Y, "city", 42_100_000, "city outreach", BUDGETED)
    refused(
        tight,
        InvalidTransitionError,
        "'city' \\(£421,000.00 short\\).*correct the amount first",
        "allocation.2017/18.2.area",
        "county",
        WHY,
    )


def test_an_allocation_may_grow_only_as_far_as_every_minimum_stays_reachable() -> None:
    made = county_allocated(100_000_000)
    refused(
        made,
        InvalidTransitionError,
        "too little to bring 'city' .* correct it to at most £1,415,000.00",
        "allocation.2017/18.1.amount",
        141_500_001,
        WHY,
    )
    made.correct("allocation.2017/18.1.amount", 141_500_000, WHY)
    assert made.year(Y).unallocated == 42_100_000


def test_the_years_value_cannot_fall_below_what_is_allocated_and_still_owed_to_minimums() -> None:
    made = county_allocated(70_000_000)
    refused(
        made,
        InvalidTransitionError,
        "no less than £1,121,000.00",
        "value.2017/18",
        100_000_000,
        WHY,
    )
    made.collect_events()
    made.correct("value.2017/18", 112_100_000, "the decision says £1,121,000")
    event: Any = made.collect_events()[-1]
    assert event.effective_on == BUDGETED and made.year(Y).unallocated == 42_100_000


def test_an_areas_minimum_is_corrected_up_to_what_the_rest_of_the_year_can_still_give() -> None:
    made = staffs()
    refused(
        made,
        InvalidTransitionError,
        "at most £1,136,000.00",
        "minimum.city.2017/18",
        113_600_001,
        WHY,
    )
    made.correct("minimum.city.2017/18", 113_600_000, WHY)
    city = next(a for a in made.year(Y).areas if a.area == "city")
    assert (city.minimum, city.short_of_minimum) == (113_600_000, 71_500_000)
    made.collect_events()
    made.correct("minimum.county.2017-18", 0, "the county has no minimum")
    corrected: Any = made.collect_events()[-1]
    assert corrected.field == "minimum.county.2017/18"  # one spelling kept
    assert next(a for a in made.year(Y).areas if a.area == "county").minimum == 0


def test_a_correction_names_a_figure_that_exists_and_says_why() -> None:
    made = staffs()
    refused(
        made, InvalidValueError, "value.<year>, minimum.<area>.<year>", "budget.2017/18", 1, WHY
    )
    refused(
        made,
        NotFoundError,
        "2018/19 is not budgeted \\(budgeted: 2017/18\\)",
        "value.2018/19",
        1,
        WHY,
    )
    refused(made, NotFoundError, "numbered 1 to 3", "allocation.2017/18.4.amount", 1, WHY)
    refused(
        made,
        NotFoundError,
        "'pan-area' has no minimum or allocation",
        "minimum.pan-area.2017/18",
        1,
        WHY,
    )
    refused(made, InvalidValueError, "Say why", "value.2017/18", 190_000_000, " ")
    refused(
        made,
        InvalidValueError,
        "nothing to correct",
        "allocation.2017/18.2.amount",
        42_100_000,
        WHY,
    )
    refused(made, InvalidValueError, "whole number of pence", "value.2017/18", "lots", WHY)


def test_corrected_budgets_replay_to_the_same_figures() -> None:
    made = staffs()
    made.correct("allocation.2017/18.3.amount", 1_000_000, WHY)
    made.correct("allocation.2017/18.3.area", "city", WHY)
    made.correct("minimum.city.2017/18", 43_000_000, WHY)
    events = made.collect_events()
    assert len(events) == 8
    copy = None
    for e in events:
        copy = e.mutate(copy)
    assert copy is not None and copy.year(Y) == made.year(Y)
