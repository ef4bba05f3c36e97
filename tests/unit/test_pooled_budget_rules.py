"""A pooled budget driven by any sequence of commands, corrections included (hypothesis): what
each partner owes is never negative, the reserve is what moved, a refused command records
nothing, and the events replay to the same pot."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from domain.funding import FinancialYear, PooledBudget
from domain.funding.statements import reserve_at_end
from tests.unit.steps import replayed, taken

PARTNERS = ("county", "rutland")
YEARS = tuple(FinancialYear(y) for y in (2016, 2017, 2018))
AMOUNTS = st.integers(min_value=4, max_value=40).map(lambda n: n * 25_000)  # agreed, spent
PARTS = st.integers(min_value=1, max_value=8).map(lambda n: n * 25_000)  # paid, not called
partners, years = st.sampled_from(PARTNERS), st.sampled_from(YEARS)
days = st.integers(min_value=0, max_value=3 * 365 - 1).map(
    lambda n: date(2016, 4, 1) + timedelta(n)
)


class PooledBudgetRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.pot = PooledBudget.open("pot", "DHR pot", "office", date(2016, 4, 1))
        for partner in PARTNERS:
            self.pot.add_partner(partner, partner.title(), date(2016, 4, 1))
        self.history: list[Any] = list(self.pot.collect_events())

    def attempt(self, command: Any, *args: Any, **kwargs: Any) -> None:
        """Run a command; refused, it must have recorded nothing and changed nothing."""
        self.history += taken(self.pot, self.state, command, *args, **kwargs)

    def state(self) -> tuple[Any, ...]:
        pot = self.pot
        return (
            dict(pot.agreed),
            list(pot.not_drawn_decisions),
            list(pot.movements),
            dict(pot.closed),
        )

    @rule(partner=partners, year=years, amount=AMOUNTS)
    def agree(self, partner: str, year: FinancialYear, amount: int) -> None:
        self.attempt(self.pot.agree_contribution, partner, year, amount, date(2016, 3, 1))

    @rule(partner=partners, year=years, amount=PARTS, on=days)
    def receive(self, partner: str, year: FinancialYear, amount: int, on: date) -> None:
        self.attempt(self.pot.receive_contribution, partner, year, amount, on)

    @rule(partner=partners, year=years, amount=PARTS, on=days, later=st.none() | years)
    def not_call(
        self, partner: str, year: FinancialYear, amount: int, on: date, later: Any
    ) -> None:
        self.attempt(
            self.pot.not_draw_down,
            partner,
            year,
            on,
            "reserve high",
            amount=amount,
            deferred_to=later,
        )

    @rule(amount=PARTS, on=days)
    def spend(self, amount: int, on: date) -> None:
        self.attempt(self.pot.spend, "chairs", amount, on, "chair")

    @rule(year=years)
    def close(self, year: FinancialYear) -> None:
        self.attempt(self.pot.close_year, year, year.end + timedelta(days=30))

    @rule(year=years)
    def reopen(self, year: FinancialYear) -> None:
        self.attempt(self.pot.reopen_year, year, year.end + timedelta(days=40), "keyed wrong")

    @precondition(lambda self: self.pot.agreed)
    @rule(data=st.data(), amount=st.integers(min_value=0, max_value=1_000_000))
    def correct_agreement(self, data: st.DataObject, amount: int) -> None:
        year, partner = data.draw(st.sampled_from(sorted(self.pot.agreed, key=str)))
        self.attempt(self.pot.correct, f"agreed.{partner}.{year.label}", amount, "keyed wrong")

    @precondition(lambda self: self.pot.movements)
    @rule(data=st.data(), amount=PARTS)
    def correct_movement(self, data: st.DataObject, amount: int) -> None:
        number = data.draw(st.integers(min_value=1, max_value=len(self.pot.movements)))
        self.attempt(self.pot.correct, f"movement.{number}.amount", amount, "keyed wrong")

    @precondition(lambda self: self.pot.not_drawn_decisions)
    @rule(data=st.data(), amount=PARTS)
    def correct_not_called(self, data: st.DataObject, amount: int) -> None:
        count = len(self.pot.not_drawn_decisions)
        number = data.draw(st.integers(min_value=1, max_value=count))
        self.attempt(self.pot.correct, f"not_drawn.{number}.amount", amount, "keyed wrong")

    @invariant()
    def no_partner_owes_less_than_nothing(self) -> None:
        for year in YEARS:
            for partner in PARTNERS:
                assert self.pot.outstanding(partner, year) >= 0, (partner, year.label)

    @invariant()
    def the_reserve_is_what_moved(self) -> None:
        for year in YEARS:
            moved = sum(m.signed for m in self.pot.movements if m.year <= year)
            assert reserve_at_end(self.pot.movements, year) == moved

    @invariant()
    def a_closed_year_carried_forward_what_it_holds(self) -> None:
        for year, carried in self.pot.closed.items():
            assert carried == reserve_at_end(self.pot.movements, year), year.label

    @invariant()
    def the_events_replay_to_the_same_pot(self) -> None:
        copy = replayed(self.history)
        assert (copy.agreed, copy.not_drawn_decisions, copy.movements, copy.closed) == (
            self.state()
        )


PooledBudgetRules.TestCase.settings = settings(
    max_examples=300, stateful_step_count=30, deadline=None
)
test_pooled_budget_rules = PooledBudgetRules.TestCase
