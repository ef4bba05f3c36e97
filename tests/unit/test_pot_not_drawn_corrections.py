"""A pooled budget's decision not to call a contribution, recorded with the wrong amount and put
right in memory: what the partner owes follows at once (in the deferred-to year too), the rules
that held the decision hold its correction, and a refusal records nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding import FinancialYear, PooledBudget

Y, NEXT = FinancialYear(2016), FinancialYear(2017)
WHY = "the board minute says £1,000, not £10,000"


def pot() -> PooledBudget:
    """Rutland agreed £2,500 a year and paid £500 for 2016/17; decision 1 did not call £1,000
    of 2016/17, decision 2 deferred £500 of it to 2017/18, for which Rutland paid £2,800."""
    made = PooledBudget.open("pot", "DHR pot", "office", date(2016, 4, 1))
    made.add_partner("rutland", "Rutland", date(2016, 4, 1))
    for year in (Y, NEXT):
        made.agree_contribution("rutland", year, 250_000, date(2016, 3, 1))
    made.receive_contribution("rutland", Y, 50_000, date(2016, 5, 1))
    made.not_draw_down("rutland", Y, date(2016, 6, 1), "reserve high", amount=100_000)
    made.not_draw_down(
        "rutland", Y, date(2016, 7, 1), "paid next year", amount=50_000, deferred_to=NEXT
    )
    made.receive_contribution("rutland", NEXT, 280_000, date(2017, 5, 1))
    made.collect_events()
    return made


def refused(made: PooledBudget, error: type[Exception], match: str, *args: object) -> None:
    before = list(made.not_drawn_decisions)
    with pytest.raises(error, match=match):
        made.correct(*args)  # type: ignore[arg-type]
    assert made.not_drawn_decisions == before and not made.collect_events()


def test_a_decision_not_to_call_keyed_wrong_is_put_right_on_the_day_it_was_decided() -> None:
    made = pot()
    assert made.outstanding("rutland", Y) == 50_000
    made.correct("not_drawn.1.amount", 60_000, WHY)
    event: Any = made.collect_events()[-1]
    assert type(event).__name__ == "NotDrawnDownCorrected"
    assert (event.previous, event.value, event.effective_on, event.partner) == (
        100_000,
        60_000,
        date(2016, 6, 1),
        "rutland",
    )
    assert made.outstanding("rutland", Y) == 90_000
    assert made.not_drawn_down() == (50_000, 60_000)


def test_correcting_a_deferral_moves_what_is_owed_in_the_later_year_too() -> None:
    made = pot()
    made.correct("not_drawn.2.amount", 40_000, "it was £400")
    assert made.due("rutland", Y) == 250_000 - 100_000 - 40_000
    assert made.due("rutland", NEXT) == 250_000 + 40_000
    assert made.outstanding("rutland", NEXT) == 10_000


def test_a_correction_is_held_to_what_deciding_was_held_to() -> None:
    made = pot()
    refused(
        made,
        InvalidTransitionError,
        "At most £1,500.00 of 'rutland''s contribution for 2016/17",
        "not_drawn.1.amount",
        150_001,
        WHY,
    )
    refused(
        made,
        InvalidTransitionError,
        "paid £2,800.00 for 2017/18.*at least £300.00",
        "not_drawn.2.amount",
        29_999,
        WHY,
    )
    made.correct("not_drawn.2.amount", 30_000, "the deferral was £300")
    assert made.outstanding("rutland", NEXT) == 0


def test_a_decision_correction_names_one_that_exists_and_says_why() -> None:
    made = pot()
    refused(made, NotFoundError, "numbered 1 to 2", "not_drawn.3.amount", 1, WHY)
    refused(made, NotFoundError, "numbered 1 to 2", "not_drawn.1.partner", "x", WHY)
    refused(made, InvalidValueError, "not_drawn.<number>.amount", "undrawn.1", 1, WHY)
    refused(made, InvalidValueError, "Say why", "not_drawn.1.amount", 60_000, "")
    refused(made, InvalidValueError, "nothing to correct", "not_drawn.1.amount", 100_000, WHY)
    refused(made, InvalidValueError, "more than zero", "not_drawn.1.amount", 0, WHY)


def test_a_closed_year_keeps_its_reserve_when_a_decision_in_it_is_corrected() -> None:
    """Not calling money moves none: the year's carried-forward reserve stands as it was."""
    made = pot()
    made.close_year(Y, date(2017, 4, 30))
    made.correct("not_drawn.1.amount", 60_000, WHY)
    assert made.closed[Y] == 50_000 and made.outstanding("rutland", Y) == 90_000


def test_a_corrected_decision_replays_to_the_same_pot() -> None:
    made = PooledBudget.open("pot", "DHR pot", "office", date(2016, 4, 1))
    made.add_partner("rutland", "Rutland", date(2016, 4, 1))
    made.agree_contribution("rutland", Y, 250_000, date(2016, 3, 1))
    made.not_draw_down("rutland", Y, date(2016, 6, 1), "reserve high", deferred_to=NEXT)
    made.correct("not_drawn.1.amount", 25_000, WHY)
    copy = None
    for e in made.collect_events():
        copy = e.mutate(copy)
    assert copy is not None and copy.not_drawn_decisions == made.not_drawn_decisions
    assert copy.deferred_in == {(NEXT, "rutland"): 25_000}
