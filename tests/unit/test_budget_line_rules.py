"""A grant budget line driven by any sequence of decisions, variations, allocations, payments,
clawbacks and corrections (hypothesis): nothing committed beyond the ceiling, nothing awarded
beyond what a decision approved, nothing paid beyond what was allocated or clawed back beyond
what was paid, a refused command records nothing, and the events replay to the same line."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from domain.funding import BudgetLine
from tests.unit.steps import replayed, taken

NUMBERS = ("036/2013", "041/2013")
TENANTS = ("charnwood", "blaby")
AMOUNTS = st.integers(min_value=1, max_value=12).map(lambda n: n * 250_000)
numbers, tenants = st.sampled_from(NUMBERS), st.sampled_from(TENANTS)
days = st.integers(min_value=0, max_value=364).map(lambda n: date(2013, 4, 1) + timedelta(n))


class BudgetLineRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.line = BudgetLine.open(
            "ITS", "Invest to Save", "PCC", "2013/14", 5_000_000, date(2013, 4, 1)
        )
        self.history: list[Any] = list(self.line.collect_events())

    def attempt(self, command: Any, *args: Any, **kwargs: Any) -> None:
        """Run a command; refused, it must have recorded nothing and changed nothing."""
        self.history += taken(self.line, self.state, command, *args, **kwargs)

    def state(self) -> tuple[Any, ...]:
        return dict(self.line.decisions), {k: list(v) for k, v in self.line.entries.items()}

    @rule(number=numbers, amount=AMOUNTS, on=days)
    def decide(self, number: str, amount: int, on: date) -> None:
        self.attempt(self.line.decide, number, on, "PCC", amount)

    @rule(number=numbers, amount=st.just(0) | AMOUNTS, on=days)
    def vary(self, number: str, amount: int, on: date) -> None:
        self.attempt(self.line.vary_decision, number, amount, on, "reconsidered")

    @rule(number=numbers, tenant=tenants, amount=AMOUNTS, on=days)
    def allocate(self, number: str, tenant: str, amount: int, on: date) -> None:
        self.attempt(self.line.allocate, number, tenant, amount, on)

    @precondition(lambda self: self.line.allocations)
    @rule(data=st.data(), on=days)
    def pay(self, data: st.DataObject, on: date) -> None:
        """An allocation's unpaid money, or a little more (refused)."""
        (number, tenant), held = data.draw(st.sampled_from(sorted(self.line.allocations.items())))
        amount = data.draw(st.integers(1, held.unpaid + 100_000))
        self.attempt(self.line.pay, number, tenant, amount, on)

    @precondition(lambda self: self.line.allocations)
    @rule(data=st.data(), on=days)
    def claw_back(self, data: st.DataObject, on: date) -> None:
        """Money paid under an allocation, or a little more (refused)."""
        (number, tenant), held = data.draw(st.sampled_from(sorted(self.line.allocations.items())))
        amount = data.draw(st.integers(1, held.net_paid + 100_000))
        self.attempt(self.line.claw_back, number, tenant, amount, on, "unspent")

    @precondition(lambda self: any(self.line.entries.values()))
    @rule(data=st.data(), amount=st.integers(min_value=0, max_value=3_000_000))
    def correct(self, data: st.DataObject, amount: int) -> None:
        kind = data.draw(st.sampled_from([k for k, v in self.line.entries.items() if v]))
        number = data.draw(st.integers(1, len(self.line.entries[kind])))
        self.attempt(self.line.correct, f"{kind}.{number}.amount", amount, "keyed wrong")

    @invariant()
    def nothing_committed_beyond_the_ceiling(self) -> None:
        assert self.line.committed <= self.line.ceiling

    @invariant()
    def nothing_awarded_beyond_what_each_decision_approved(self) -> None:
        for number, decision in self.line.decisions.items():
            assert 0 <= self.line.allocated_under(number) <= decision.approved, number

    @invariant()
    def nothing_paid_beyond_what_was_allocated_nor_clawed_back_beyond_what_was_paid(
        self,
    ) -> None:
        for key, held in self.line.allocations.items():
            assert 0 <= held.clawed_back <= held.paid <= held.allocated, key

    @invariant()
    def the_events_replay_to_the_same_line(self) -> None:
        copy = replayed(self.history)
        assert (dict(copy.decisions), {k: list(v) for k, v in copy.entries.items()}) == (
            self.state()
        )


BudgetLineRules.TestCase.settings = settings(
    max_examples=300, stateful_step_count=30, deadline=None
)
test_budget_line_rules = BudgetLineRules.TestCase
