"""A grant's allocation or payment keyed wrong, put right in memory by its number among its
kind: held to the rules that recorded it (never more allocated than a decision approved,
never less than was paid; never more paid than allocated), and a refusal records nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding import BudgetLine
from tests.unit.test_grant_budget_line import decided, replayed

WHY = "keyed from the wrong line of the remittance"


def paid() -> BudgetLine:
    """Decision 036/2013 (£30,000) allocated £30,000 to Wolverhampton and £20,000 paid."""
    line = decided()
    line.allocate("036/2013", "wolverhampton", 3_000_000, date(2013, 9, 10))
    line.pay("036/2013", "wolverhampton", 2_000_000, date(2013, 10, 1))
    return line


def refused(line: BudgetLine, error: type[Exception], match: str, *args: object) -> None:
    before = dict(line.allocations)
    pending = len(line.pending_events)
    with pytest.raises(error, match=match):
        line.correct(*args)  # type: ignore[arg-type]
    assert line.allocations == before and len(line.pending_events) == pending


def test_a_payment_keyed_wrong_is_put_right_on_the_day_it_was_paid() -> None:
    line = paid()
    line.correct("payment.1.amount", 200_000, WHY)
    event: Any = line.pending_events[-1]
    assert (event.previous, event.value, event.effective_on) == (
        2_000_000,
        200_000,
        date(2013, 10, 1),
    )
    assert (event.decision_number, event.tenant) == ("036/2013", "wolverhampton")
    held = line.allocation("036/2013", "wolverhampton")
    assert (held.allocated, held.paid) == (3_000_000, 200_000)
    assert replayed(line).allocations == line.allocations
    assert replayed(line).entries == line.entries


def test_an_allocation_stays_within_the_decision_and_above_what_was_paid() -> None:
    line = paid()
    refused(
        line,
        InvalidTransitionError,
        "Only £0.00 more of decision 036/2013.*at most £30,000.00",
        "allocation.1.amount",
        3_000_001,
        WHY,
    )
    refused(
        line,
        InvalidTransitionError,
        "£20,000.00 has been paid.*at least £20,000.00",
        "allocation.1.amount",
        1_999_999,
        WHY,
    )
    line.correct("allocation.1.amount", 2_500_000, WHY)
    assert line.allocation("036/2013", "wolverhampton").allocated == 2_500_000


def test_a_payment_stays_within_what_was_allocated_and_above_what_was_clawed_back() -> None:
    line = paid()
    refused(line, InvalidTransitionError, "at most £30,000.00", "payment.1.amount", 3_000_001, WHY)
    line.claw_back("036/2013", "wolverhampton", 500_000, date(2014, 3, 1), "unspent")
    refused(line, InvalidTransitionError, "at least £5,000.00", "payment.1.amount", 499_999, WHY)


def test_a_clawback_cannot_shrink_back_over_money_a_variation_released() -> None:
    """£5,000 clawed back freed award, and the decision was varied down by as much; correcting
    the clawback to £1,000 would have the decision award £4,000 more than it now approves."""
    line = paid()
    line.claw_back("036/2013", "wolverhampton", 500_000, date(2014, 3, 1), "unspent")
    line.vary_decision("036/2013", 2_500_000, date(2014, 3, 2), "unspent money released")
    refused(
        line,
        InvalidTransitionError,
        "only £0.00 left to award.*at least £5,000.00",
        "clawback.1.amount",
        100_000,
        WHY,
    )
    line.correct("clawback.1.amount", 600_000, "£6,000 came back")
    assert line.allocated_under("036/2013") == 2_400_000


def test_a_grant_correction_names_an_entry_and_says_why() -> None:
    line = paid()
    refused(line, NotFoundError, "1 allocations, 1 payments", "payment.2.amount", 1, WHY)
    refused(line, NotFoundError, "payment.1.amount", "clawback.1.amount", 1, WHY)
    refused(line, InvalidValueError, "Say why", "payment.1.amount", 1, "")
    refused(line, InvalidValueError, "nothing to correct", "payment.1.amount", 2_000_000, WHY)
    refused(line, InvalidValueError, "more than zero", "payment.1.amount", 0, WHY)


def test_a_clawback_keyed_wrong_is_corrected_but_never_above_what_was_paid() -> None:
    line = paid()
    line.claw_back("036/2013", "wolverhampton", 500_000, date(2014, 3, 1), "unspent")
    refused(line, InvalidTransitionError, "at most £20,000.00", "clawback.1.amount", 2_000_001, WHY)
    line.correct("clawback.1.amount", 50_000, "£500 was returned, not £5,000")
    held = line.allocation("036/2013", "wolverhampton")
    assert (held.clawed_back, held.net_paid, held.awarded) == (50_000, 1_950_000, 2_950_000)
    assert replayed(line).allocations == line.allocations
