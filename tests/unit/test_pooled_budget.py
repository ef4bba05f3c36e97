"""``PooledBudget`` and ``AllocationPlan`` on their own: closes, reopenings, early payments,
not drawing down, and refusals that record nothing."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding import AllocationPlan, FinancialYear, PooledBudget, statement
from tests.unit.refusals import assert_refused

Y15, Y16 = FinancialYear(2015), FinancialYear(2016)


def pot() -> PooledBudget:
    budget = PooledBudget.open("dhr-pot", "DHR pot", "Business office", date(2015, 4, 1))
    budget.add_partner("county", "County council", date(2015, 4, 1))
    budget.add_partner("charnwood", "Charnwood", date(2015, 4, 1))
    for year in (Y15, Y16):
        budget.agree_contribution("county", year, 3_000_000, date(2015, 3, 1))
        budget.agree_contribution("charnwood", year, 250_000, date(2015, 3, 1))
    return budget


def test_paying_a_year_early_counts_for_that_year_but_is_cash_in_the_year_paid() -> None:
    budget = pot()
    budget.receive_contribution("charnwood", Y16, 250_000, date(2016, 2, 15))
    assert budget.pending_events[-1].paid_early is True  # type: ignore[attr-defined]
    assert budget.outstanding("charnwood", Y16) == 0
    this_year, next_year = statement(budget, Y15), statement(budget, Y16)
    assert (this_year.contributions, this_year.received_in_advance) == (250_000, 250_000)
    assert (next_year.contributions, next_year.received_for_year) == (0, 250_000)
    assert next_year.opening_reserve == this_year.closing_reserve == 250_000


def test_a_contribution_not_drawn_down_is_no_longer_owed_or_moves_to_a_later_year() -> None:
    budget = pot()
    budget.not_draw_down("charnwood", Y15, date(2015, 6, 1), "Reserves are high")
    budget.not_draw_down(
        "county", Y15, date(2015, 6, 1), "Deferred", amount=1_000_000, deferred_to=Y16
    )
    assert budget.outstanding("charnwood", Y15) == 0
    assert budget.outstanding("county", Y15) == 2_000_000
    assert budget.due("county", Y16) == 4_000_000
    assert_refused(
        budget,
        InvalidTransitionError,
        lambda: budget.receive_contribution("charnwood", Y15, 1, date(2015, 7, 1)),
    )


def test_spending_in_a_closed_year_needs_an_explicit_reopening() -> None:
    budget = pot()
    budget.receive_contribution("county", Y15, 3_000_000, date(2015, 5, 1))
    budget.spend("business-office", 1_000_000, date(2015, 9, 1), "Officer support")
    budget.close_year(Y15, date(2016, 4, 30))
    assert budget.closed[Y15] == 2_000_000
    late = date(2016, 3, 20)
    assert_refused(
        budget,
        InvalidTransitionError,
        lambda: budget.spend("business-office", 100, late, "Late invoice"),
    )
    budget.reopen_year(Y15, date(2016, 5, 2), "Late invoice for March")
    budget.spend("business-office", 100, late, "Late invoice")
    budget.close_year(Y15, date(2016, 5, 3))
    assert budget.closed[Y15] == statement(budget, Y15).closing_reserve == 1_999_900
    assert [type(e).__name__ for e in budget.pending_events][-4:] == [
        "YearClosed",
        "YearReopened",
        "Spent",
        "YearClosed",
    ]


def test_years_close_in_order_and_reopen_in_reverse() -> None:
    budget = pot()
    budget.receive_contribution("county", Y15, 3_000_000, date(2015, 5, 1))
    assert_refused(
        budget, InvalidTransitionError, lambda: budget.close_year(Y16, date(2017, 4, 30))
    )
    assert_refused(budget, InvalidValueError, lambda: budget.close_year(Y15, date(2016, 3, 31)))
    budget.close_year(Y15, date(2016, 4, 30))
    budget.close_year(Y16, date(2017, 4, 30))
    assert_refused(
        budget,
        InvalidTransitionError,
        lambda: budget.reopen_year(Y15, date(2017, 5, 1), "Correction"),
    )
    assert_refused(budget, InvalidTransitionError, lambda: budget.close_year(Y16, date(2017, 5, 1)))


def test_a_year_with_nothing_in_it_closed_first_keeps_earlier_years_shut_to_money() -> None:
    """Closing 2016/17 of a pot with no 2015/16 money is allowed; recording 2015/16 money after
    it would leave 2016/17's carried-forward reserve short of it, so it waits for a reopening."""
    budget = pot()
    budget.close_year(Y16, date(2017, 4, 30))
    assert_refused(
        budget,
        InvalidTransitionError,
        lambda: budget.receive_contribution("county", Y15, 3_000_000, date(2015, 5, 1)),
        match="2016/17 is closed, and the reserve it carried forward counts 2015/16's money; "
        "reopen 2016/17",
    )
    budget.reopen_year(Y16, date(2017, 5, 2), "2015/16's money was not yet recorded")
    budget.receive_contribution("county", Y15, 3_000_000, date(2015, 5, 1))
    budget.close_year(Y15, date(2017, 5, 3))
    budget.close_year(Y16, date(2017, 5, 3))
    assert budget.closed[Y16] == statement(budget, Y16).closing_reserve == 3_000_000


def test_an_agreement_cannot_fall_below_what_was_paid_and_left_uncalled() -> None:
    """£2,500 agreed, £1,000 of it not called and £1,500 paid: agreeing (or correcting it to)
    £2,000 would have Charnwood owe −£500, so the least is £2,500, and the refusal says so."""
    budget = pot()
    budget.not_draw_down("charnwood", Y15, date(2015, 6, 1), "Reserve high", amount=100_000)
    budget.receive_contribution("charnwood", Y15, 150_000, date(2015, 7, 1))
    why = "£1,000.00 of it was decided not to be called; agree at least £2,500.00"
    assert_refused(
        budget,
        InvalidValueError,
        lambda: budget.agree_contribution("charnwood", Y15, 200_000, date(2015, 8, 1)),
        match=why,
    )
    assert_refused(
        budget,
        InvalidTransitionError,
        lambda: budget.correct("agreed.charnwood.2015/16", 200_000, "keyed wrong"),
        match="correct it to at least £2,500.00",
    )
    assert budget.outstanding("charnwood", Y15) == 0


def test_refusals_record_nothing() -> None:
    budget = pot()
    today = date(2015, 5, 1)
    fractional: object = 2500.5
    assert_refused(
        budget,
        InvalidValueError,
        lambda: budget.receive_contribution("county", Y15, fractional, today),  # type: ignore[arg-type]
    )
    assert_refused(
        budget, InvalidValueError, lambda: budget.receive_contribution("county", Y15, -1, today)
    )
    assert_refused(
        budget,
        InvalidTransitionError,
        lambda: budget.receive_contribution("county", Y15, 3_000_001, today),
    )
    assert_refused(
        budget, NotFoundError, lambda: budget.receive_contribution("rutland", Y15, 250_000, today)
    )
    assert_refused(budget, DuplicateError, lambda: budget.add_partner("county", "Again", today))
    assert_refused(
        budget,
        InvalidValueError,
        lambda: budget.spend("x", 1, today, "Spend", "not-a-uuid"),  # type: ignore[arg-type]
    )
    assert_refused(budget, InvalidTransitionError, lambda: budget.reopen_year(Y15, today, "Why"))


def test_a_plan_prices_chairs_and_authors_per_dhr_and_refuses_fractions_of_pence() -> None:
    plan = AllocationPlan(budget_reference="dhr-pot")
    plan.plan_allocation(
        Y16,
        "chairs-authors",
        "Independent chairs and authors",
        date(2016, 3, 1),
        per_dhr=850_000,
        expected_dhrs=3,
    )
    assert plan.allocation(Y16, "chairs-authors").amount == 3 * 850_000
    plan.plan_allocation(
        Y15, "chairs-authors", "Chairs", date(2015, 3, 1), per_dhr=850_000, expected_dhrs="2.5"
    )
    assert plan.allocation(Y15, "chairs-authors").amount == 2_125_000
    assert_refused(
        plan,
        DuplicateError,
        lambda: plan.plan_allocation(Y16, "chairs-authors", "Again", date(2016, 3, 1), amount=1),
    )
    assert_refused(
        plan,
        InvalidValueError,
        lambda: plan.plan_allocation(
            Y16, "odd", "Odd", date(2016, 3, 1), per_dhr=850_001, expected_dhrs="2.5"
        ),
    )
    assert_refused(
        plan,
        InvalidValueError,
        lambda: plan.plan_allocation(
            Y16, "float", "Float", date(2016, 3, 1), per_dhr=850_000, expected_dhrs=2.5
        ),
    )
    assert_refused(
        plan,
        NotFoundError,
        lambda: plan.request_variation(Y16, "nothing", 1, date(2016, 5, 1), "Office", "Why"),
    )


def test_spend_can_be_linked_to_a_review() -> None:
    budget = pot()
    review = uuid4()
    budget.spend("chairs-authors", 850_000, date(2015, 10, 1), "Author, DHR 'Mary'", review)
    assert budget.movements[-1].review_id == review


def test_a_partner_cannot_join_before_the_pot_opened() -> None:
    """Found on the region ledger's pages: a partner joined in 1995 a pot opened in 2015."""
    budget = pot()
    assert_refused(
        budget,
        InvalidValueError,
        budget.add_partner,
        "rutland",
        "Rutland",
        date(2015, 3, 31),
        match=r"before the day the pot opened \(2015-04-01\)",
    )
    budget.add_partner("rutland", "Rutland", date(2015, 4, 1))  # the day it opened is fine
