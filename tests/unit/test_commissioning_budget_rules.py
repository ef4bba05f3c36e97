"""A commissioning budget driven by any sequence of years budgeted, allocations and corrections
(hypothesis): no year is ever over-allocated, what is left can always bring every area up to
its minimum spend, a refused command records nothing, and the events replay to the same
budget."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from domain.funding import FinancialYear
from domain.region import CommissioningBudget
from domain.region.commissioning_rules import unreachable
from tests.unit.steps import replayed, taken

AREAS = ("staffordshire", "stoke-on-trent")
YEARS = (FinancialYear(2018), FinancialYear(2019))
AMOUNTS = st.integers(min_value=1, max_value=20).map(lambda n: n * 500_000)
areas, years = st.sampled_from(AREAS), st.sampled_from(YEARS)


class CommissioningBudgetRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.budget = CommissioningBudget.open(
            "staffs-da", "DA services", "staffordshire-opcc", date(2018, 4, 1)
        )
        self.history: list[Any] = list(self.budget.collect_events())

    def attempt(self, command: Any, *args: Any, **kwargs: Any) -> None:
        """Run a command; refused, it must have recorded nothing and changed nothing."""
        self.history += taken(self.budget, self.state, command, *args, **kwargs)

    def state(self) -> tuple[Any, ...]:
        b = self.budget
        minimums = {y: dict(m) for y, m in b.minimums.items()}
        return dict(b.values), minimums, {y: list(e) for y, e in b.entries.items()}

    @rule(year=years, value=AMOUNTS, floor=st.tuples(AMOUNTS, AMOUNTS))
    def budget_year(self, year: FinancialYear, value: int, floor: tuple[int, int]) -> None:
        self.attempt(
            self.budget.budget_year,
            year,
            value * 2,
            list(zip(AREAS, floor, strict=True)),
            date(2018, 3, 1),
        )

    @rule(year=years, area=areas, amount=AMOUNTS)
    def allocate(self, year: FinancialYear, area: str, amount: int) -> None:
        self.attempt(self.budget.allocate, year, area, amount, "services", date(2018, 5, 1))

    @precondition(lambda self: self.budget.values)
    @rule(data=st.data(), amount=AMOUNTS)
    def correct_value_or_minimum(self, data: st.DataObject, amount: int) -> None:
        year = data.draw(st.sampled_from(sorted(self.budget.values)))
        field = data.draw(
            st.sampled_from([f"value.{year.label}"] + [f"minimum.{a}.{year.label}" for a in AREAS])
        )
        self.attempt(self.budget.correct, field, amount, "keyed wrong")

    @precondition(lambda self: any(self.budget.entries.values()))
    @rule(data=st.data(), amount=AMOUNTS, area=areas)
    def correct_allocation(self, data: st.DataObject, amount: int, area: str) -> None:
        year = data.draw(st.sampled_from([y for y, e in self.budget.entries.items() if e]))
        number = data.draw(st.integers(1, len(self.budget.entries[year])))
        what = data.draw(st.sampled_from(("amount", "area")))
        value = amount if what == "amount" else area
        field = f"allocation.{year.label}.{number}.{what}"
        self.attempt(self.budget.correct, field, value, "keyed wrong")

    @invariant()
    def every_year_can_still_reach_every_minimum(self) -> None:
        b = self.budget
        for year, value in b.values.items():
            left, short = unreachable(value, b.minimums[year], b.allocations[year])
            assert left >= 0 and not short, (year.label, left, short)

    @invariant()
    def the_events_replay_to_the_same_budget(self) -> None:
        copy = replayed(self.history)
        minimums = {y: dict(m) for y, m in copy.minimums.items()}
        entries = {y: list(e) for y, e in copy.entries.items()}
        assert (dict(copy.values), minimums, entries) == self.state()


CommissioningBudgetRules.TestCase.settings = settings(
    max_examples=300, stateful_step_count=30, deadline=None
)
test_commissioning_budget_rules = CommissioningBudgetRules.TestCase
