"""Money and financial years: exact pence, refusals of anything else, splits to the penny."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from domain.errors import InvalidValueError
from domain.funding import FinancialYear, ReviewCost, check_pence, pounds, split_pro_rata
from domain.funding.plausible import ImplausibleAmountError


@pytest.mark.parametrize("bad", [30000.5, 1.0, -1, True, "100", None])
def test_anything_but_whole_non_negative_pence_is_refused(bad: object) -> None:
    with pytest.raises(InvalidValueError):
        check_pence(bad, "The amount")


def test_more_than_a_billion_pounds_is_refused_as_a_mistyped_figure() -> None:
    assert check_pence(100_000_000_000, "The amount") == 100_000_000_000
    with pytest.raises(InvalidValueError, match=r"The amount of £1,000,000,000.01 is more than"):
        check_pence(100_000_000_001, "The amount")


def test_zero_is_refused_unless_it_means_something() -> None:
    with pytest.raises(InvalidValueError, match="more than zero"):
        check_pence(0, "The amount")
    assert check_pence(0, "The amount approved", allow_zero=True) == 0


def test_pounds_formats_pence_for_messages() -> None:
    assert pounds(4_208_900) == "£42,089.00"
    assert pounds(-158_900) == "-£1,589.00"


def test_financial_year_runs_from_april_to_march() -> None:
    year = FinancialYear.parse("2016/17")
    assert (year.start, year.end, year.label) == (date(2016, 4, 1), date(2017, 3, 31), "2016/17")
    assert FinancialYear.of(date(2016, 3, 31)) == year.previous
    assert FinancialYear.of(date(2016, 4, 1)) == year
    assert date(2017, 1, 1) in year and year.next.label == "2017/18"
    assert FinancialYear.parse("1999-00").label == "1999/00"


@pytest.mark.parametrize("bad", ["2016/18", "2016", "16/17", ""])
def test_a_badly_written_financial_year_is_refused(bad: str) -> None:
    with pytest.raises(InvalidValueError, match="2016/17"):
        FinancialYear.parse(bad)


def test_a_pro_rata_split_adds_up_exactly_and_is_deterministic() -> None:
    shares = [("county", 3_000_000), ("police", 1_600_000), *[(f"d{i}", 250_000) for i in range(8)]]
    split = split_pro_rata(6_333_901, shares)
    assert sum(p for _, p in split) == 6_333_901
    assert split == split_pro_rata(6_333_901, shares)
    assert dict(split)["county"] in (6_333_901 * 30 // 66, 6_333_901 * 30 // 66 + 1)


def test_a_cost_incurred_in_the_future_is_refused_and_nothing_recorded() -> None:
    cost = ReviewCost.start(uuid.uuid4())
    cost.collect_events()
    with pytest.raises(InvalidValueError, match="The cost is dated 2999-01-01, after today"):
        cost.record_actual(
            "author", 700_000, date(2999, 1, 1), "Author's invoice", incident_on=date(2015, 1, 3)
        )
    assert not cost.collect_events() and cost.total_actual == 0


@pytest.mark.parametrize("slip", [250_000_000, 10_000_001])  # £2.5m for one chair; a penny over
def test_a_review_cost_far_above_what_a_review_costs_is_refused_unless_confirmed(
    slip: int,
) -> None:
    """£2,500,000 typed for one review's chair passed every check below the £1bn ceiling; an
    amount over £100,000 is now refused, recording nothing, until it is confirmed."""
    cost = ReviewCost.start(uuid.uuid4())
    cost.collect_events()
    incident = date(2015, 1, 3)
    with pytest.raises(ImplausibleAmountError, match="far more than one review usually costs"):
        cost.estimate("chair", slip, date(2015, 5, 1), incident_on=incident)
    with pytest.raises(ImplausibleAmountError, match="send it again with amount_confirmed: true"):
        cost.record_actual("chair", slip, date(2015, 6, 1), "Invoice 1", incident_on=incident)
    assert not cost.collect_events() and cost.total_estimate == cost.total_actual == 0

    cost.estimate("chair", slip, date(2015, 5, 1), incident_on=incident, amount_confirmed=True)
    cost.record_actual(
        "chair", slip, date(2015, 6, 1), "Invoice 1", incident_on=incident, amount_confirmed=True
    )
    assert (cost.total_estimate, cost.total_actual) == (slip, slip)


def test_a_review_cost_up_to_a_hundred_thousand_pounds_needs_no_confirming() -> None:
    cost = ReviewCost.start(uuid.uuid4())
    cost.estimate("legal", 10_000_000, date(2015, 5, 1), incident_on=date(2015, 1, 3))
    assert cost.total_estimate == 10_000_000


def test_a_cost_corrected_to_far_above_what_a_review_costs_needs_confirming() -> None:
    cost = ReviewCost.start(uuid.uuid4())
    cost.estimate("chair", 850_000, date(2015, 5, 1), incident_on=date(2015, 1, 3))
    cost.collect_events()
    with pytest.raises(ImplausibleAmountError, match="The corrected estimate for chair of"):
        cost.correct("estimate.chair", 250_000_000, "Agreed at last")
    assert not cost.collect_events() and cost.total_estimate == 850_000
    cost.correct("estimate.chair", 250_000_000, "Agreed at last", amount_confirmed=True)
    assert cost.total_estimate == 250_000_000
