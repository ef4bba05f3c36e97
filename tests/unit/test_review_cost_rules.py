"""A review's costs driven by any sequence of estimates, costs incurred and corrections of
either kind, a category's total or one entry (hypothesis): no figure is ever below nothing, a
refused command records nothing, and the events replay to the same costs."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import uuid4

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from domain.funding.costs import ReviewCost
from tests.unit.steps import replayed, taken

INCIDENT = date(2023, 1, 10)
CATEGORIES = ("chair", "author")
AMOUNTS = st.integers(min_value=0, max_value=40).map(lambda n: n * 25_000)
categories = st.sampled_from(CATEGORIES)
days = st.integers(min_value=0, max_value=700).map(lambda n: INCIDENT + timedelta(n))


class ReviewCostRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.cost = ReviewCost.start(uuid4())
        self.history: list[Any] = list(self.cost.collect_events())

    def attempt(self, command: Any, *args: Any, **kwargs: Any) -> None:
        """Run a command; refused, it must have recorded nothing and changed nothing."""
        self.history += taken(self.cost, self.state, command, *args, **kwargs)

    def state(self) -> tuple[Any, ...]:
        c = self.cost
        return dict(c.estimates), dict(c.actuals), c.incurred, dict(c.last_dated)

    @rule(category=categories, amount=AMOUNTS, on=days)
    def estimate(self, category: str, amount: int, on: date) -> None:
        self.attempt(self.cost.estimate, category, amount, on, incident_on=INCIDENT)

    @rule(category=categories, amount=AMOUNTS, on=days)
    def record(self, category: str, amount: int, on: date) -> None:
        self.attempt(self.cost.record_actual, category, amount, on, "invoice", incident_on=INCIDENT)

    @precondition(lambda self: self.cost.estimates or self.cost.actuals)
    @rule(data=st.data(), amount=AMOUNTS)
    def correct_a_total(self, data: st.DataObject, amount: int) -> None:
        fields = [f"estimate.{k}" for k in self.cost.estimates]
        fields += [f"actual.{k}" for k in self.cost.actuals]
        field = data.draw(st.sampled_from(fields))
        self.attempt(self.cost.correct, field, amount, "keyed wrong")

    @precondition(lambda self: self.cost.incurred)
    @rule(data=st.data(), amount=AMOUNTS, on=days)
    def correct_an_entry(self, data: st.DataObject, amount: int, on: date) -> None:
        number = data.draw(st.integers(1, len(self.cost.incurred)))
        name = data.draw(st.sampled_from(("amount", "incurred_on")))
        value = amount if name == "amount" else on
        self.attempt(
            self.cost.correct,
            f"incurred.{number}.{name}",
            value,
            "keyed wrong",
            incident_on=INCIDENT,
        )

    @invariant()
    def no_figure_is_below_nothing(self) -> None:
        assert all(v >= 0 for v in self.cost.estimates.values()), self.cost.estimates
        assert all(v >= 0 for v in self.cost.actuals.values()), self.cost.actuals

    @invariant()
    def the_events_replay_to_the_same_costs(self) -> None:
        copy = replayed(self.history)
        assert (
            dict(copy.estimates),
            dict(copy.actuals),
            copy.incurred,
            dict(copy.last_dated),
        ) == self.state()


ReviewCostRules.TestCase.settings = settings(
    max_examples=150, stateful_step_count=30, deadline=None
)
test_review_cost_rules = ReviewCostRules.TestCase
