"""A pooled budget's money keyed wrong, put right in memory: a receipt, a spend or the reserve
brought in, each by its number in the order recorded; the statement follows at once, a closed
year must be reopened first, and a refusal records nothing."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding import FinancialYear, PooledBudget
from domain.funding.statements import reserve_at_end

Y = FinancialYear(2016)
WHY = "keyed £25,000 for £2,500"
REVIEW = uuid.uuid4()


def pot() -> PooledBudget:
    """Movements 1 reserve brought in, 2 Rutland's receipt, 3 spend for a review."""
    made = PooledBudget.open("pot", "DHR pot", "office", date(2016, 4, 1))
    made.add_partner("rutland", "Rutland", date(2016, 4, 1))
    made.agree_contribution("rutland", Y, 2_500_000, date(2016, 3, 1))
    made.bring_forward(Y, 4_000_000, "Reserve at onboarding")
    made.receive_contribution("rutland", Y, 2_500_000, date(2016, 5, 1))
    made.spend("chairs", 850_000, date(2016, 9, 1), "Chair", REVIEW)
    made.collect_events()
    return made


def refused(made: PooledBudget, error: type[Exception], match: str, *args: object) -> None:
    before = list(made.movements)
    with pytest.raises(error, match=match):
        made.correct(*args)  # type: ignore[arg-type]
    assert made.movements == before and not made.collect_events()


def test_a_receipt_keyed_ten_times_too_large_is_put_right_on_its_own_day() -> None:
    made = pot()
    made.correct("movement.2.amount", 250_000, WHY)
    event: Any = made.collect_events()[-1]
    assert type(event).__name__ == "MovementCorrected"
    assert (event.previous, event.value, event.effective_on) == (
        2_500_000,
        250_000,
        date(2016, 5, 1),
    )
    assert (event.movement, event.partner, event.review_id) == ("contribution", "rutland", None)
    assert made.received_for("rutland", Y) == 250_000
    assert reserve_at_end(made.movements, Y) == 4_000_000 + 250_000 - 850_000


def test_a_spend_and_the_reserve_brought_in_are_corrected_the_same_way() -> None:
    made = pot()
    made.correct("movement.3.amount", 85_000, "an extra zero")
    spend: Any = made.collect_events()[-1]
    assert (spend.movement, spend.partner, spend.review_id) == ("spend", None, REVIEW)
    made.correct("movement.1.amount", 3_900_000, "the 2015/16 accounts say £39,000")
    assert reserve_at_end(made.movements, Y) == 3_900_000 + 2_500_000 - 85_000


def test_a_closed_year_is_reopened_before_its_money_is_corrected() -> None:
    made = pot()
    made.close_year(Y, date(2017, 4, 30))
    made.collect_events()
    refused(
        made,
        InvalidTransitionError,
        "2016/17 is closed.*reopen 2016/17",
        "movement.2.amount",
        1,
        WHY,
    )
    made.reopen_year(Y, date(2017, 5, 2), "the receipt was keyed wrong")
    made.correct("movement.2.amount", 250_000, WHY)
    assert made.received_for("rutland", Y) == 250_000


def test_a_movement_correction_names_one_that_exists_and_says_why() -> None:
    made = pot()
    refused(made, NotFoundError, "numbered 1 to 3", "movement.4.amount", 1, WHY)
    refused(made, NotFoundError, "numbered 1 to 3", "movement.2.partner", "x", WHY)
    refused(made, InvalidValueError, "agreed.<partner>.<year>", "received.2", 1, WHY)
    refused(made, InvalidValueError, "Say why", "movement.2.amount", 250_000, "")
    refused(made, InvalidValueError, "nothing to correct", "movement.2.amount", 2_500_000, WHY)
    refused(made, InvalidValueError, "more than zero", "movement.3.amount", 0, WHY)
    refused(
        made,
        InvalidTransitionError,
        "At most £25,000.00 from 'rutland'",
        "movement.2.amount",
        2_500_001,
        WHY,
    )


def test_a_corrected_pot_replays_to_the_same_movements() -> None:
    made = PooledBudget.open("pot", "DHR pot", "office", date(2016, 4, 1))
    made.add_partner("rutland", "Rutland", date(2016, 4, 1))
    made.agree_contribution("rutland", Y, 2_500_000, date(2016, 3, 1))
    made.receive_contribution("rutland", Y, 2_500_000, date(2016, 5, 1))
    made.correct("movement.1.amount", 250_000, WHY)
    copy = None
    for e in made.collect_events():
        copy = e.mutate(copy)
    assert copy is not None and copy.movements == made.movements
