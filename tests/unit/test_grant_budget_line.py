"""``BudgetLine`` on its own: the West Midlands Invest to Save budget and decision 036/2013."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding import AmountLine, BudgetLine
from tests.unit.refusals import assert_refused

RESEARCH = AmountLine(
    "Consultancy/research: key themes, policy change, improved practice", 2_000_000
)
LEARNING = AmountLine("Learning, development and action plan implementation", 3_000_000)
RECONSIDER = "Option to reconsider the allocation once the tendering process has been completed"


def invest_to_save() -> BudgetLine:
    line = BudgetLine.open(
        "invest-to-save-2013-14",
        "Invest to Save 2013-14",
        "West Midlands Police and Crime Commissioner",
        "2013/14",
        35_000_000,
        date(2013, 4, 1),
    )
    line.submit_business_case(
        "dhr-research",
        "Learning from DHRs in the West Midlands",
        "West Midlands Heads of Community Safety",
        [RESEARCH, LEARNING],
        date(2013, 7, 31),
    )
    return line


def decided() -> BudgetLine:
    line = invest_to_save()
    line.decide(
        "036/2013",
        date(2013, 9, 4),
        "Police and Crime Commissioner",
        3_000_000,
        "dhr-research",
        [RECONSIDER],
    )
    return line


def replayed(line: BudgetLine) -> BudgetLine:
    copy = None
    for e in line.pending_events:
        copy = e.mutate(copy)
    assert isinstance(copy, BudgetLine)
    return copy


def test_decision_036_2013_approves_part_of_what_was_sought() -> None:
    line = decided()
    case = line.cases["dhr-research"]
    assert case.sought == RESEARCH.pence + LEARNING.pence == 5_000_000
    decision = line.decisions["036/2013"]
    assert (decision.decided_on, decision.approved, decision.conditions) == (
        date(2013, 9, 4),
        3_000_000,
        (RECONSIDER,),
    )
    assert line.committed == 3_000_000 and case.decision_number == "036/2013"
    assert [type(e).__name__ for e in line.pending_events] == [
        "Opened",
        "BusinessCaseSubmitted",
        "Decided",
    ]


def test_allocations_payments_and_clawbacks_follow_the_decision() -> None:
    line = decided()
    line.allocate("036/2013", "wolverhampton", 3_000_000, date(2013, 9, 20))
    line.pay("036/2013", "wolverhampton", 2_000_000, date(2013, 11, 1))
    line.claw_back("036/2013", "wolverhampton", 500_000, date(2014, 4, 30), "Underspend")
    allocation = line.allocation("036/2013", "wolverhampton")
    assert (allocation.awarded, allocation.net_paid, allocation.unpaid) == (
        2_500_000,
        1_500_000,
        1_000_000,
    )
    assert replayed(line).allocations == line.allocations


def test_reconsidering_after_tendering_varies_the_decision_within_what_was_sought() -> None:
    line = decided()
    line.vary_decision("036/2013", 5_000_000, date(2013, 11, 1), "Reconsidered after tendering")
    assert line.decisions["036/2013"].approved == 5_000_000
    assert line.decisions["036/2013"].first_approved == 3_000_000
    with pytest.raises(InvalidValueError, match="sought"):
        line.vary_decision("036/2013", 5_000_001, date(2013, 11, 2), "More")


def test_refusals_record_nothing() -> None:
    line = decided()
    when = date(2013, 10, 1)
    assert_refused(line, DuplicateError, lambda: line.decide("036/2013", when, "PCC", 1))
    assert_refused(
        line, InvalidTransitionError, lambda: line.decide("037/2013", when, "PCC", 32_000_001)
    )
    assert_refused(line, InvalidValueError, lambda: line.decide("037/2013", when, "PCC", 30000.5))  # type: ignore[arg-type]
    assert_refused(line, InvalidValueError, lambda: line.decide("037/2013", when, "PCC", -1))
    assert_refused(line, InvalidValueError, lambda: line.decide("037/2013", when, "PCC", True))
    assert_refused(
        line, NotFoundError, lambda: line.decide("037/2013", when, "PCC", 1, "no-such-case")
    )
    assert_refused(
        line,
        InvalidTransitionError,
        lambda: line.decide("037/2013", when, "PCC", 1, "dhr-research"),
    )
    assert_refused(
        line, InvalidTransitionError, lambda: line.allocate("036/2013", "coventry", 3_000_001, when)
    )
    assert_refused(line, NotFoundError, lambda: line.pay("036/2013", "coventry", 1, when))
    assert_refused(
        line,
        InvalidValueError,
        lambda: line.submit_business_case("empty", "No lines", "HOCS", [], when),
    )


def test_a_decision_on_a_withdrawn_business_case_is_refused() -> None:
    line = invest_to_save()
    line.withdraw_business_case("dhr-research", date(2013, 8, 1), "Resubmitting with new costs")
    assert_refused(
        line,
        InvalidTransitionError,
        lambda: line.decide("036/2013", date(2013, 9, 4), "PCC", 3_000_000, "dhr-research"),
    )


def test_the_ceiling_counts_every_decision_including_direct_awards() -> None:
    line = decided()
    line.decide("040/2013", date(2013, 10, 1), "PCC", 32_000_000)
    assert line.committed == line.ceiling
    assert_refused(
        line,
        InvalidTransitionError,
        lambda: line.vary_decision("036/2013", 3_000_001, date(2013, 11, 1), "After tender"),
    )
    assert replayed(line).committed == line.ceiling
