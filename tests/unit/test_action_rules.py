"""An action driven by any sequence of its steps and corrections (hypothesis): the action as it
stood on a late enough day (``as_on``, what the dated views and "on a day" papers read) is the
action as it is now, nothing it did is dated before its recommendation was made, a refused
command records nothing, and the events replay to the same action."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import uuid4

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from domain.actionplan import Action
from domain.actionplan.values import DONE_STATUSES, ImpactOutcome
from domain.actionplan.work import held_to_recommendation
from tests.unit.steps import replayed, taken

MADE = date(2022, 1, 10)
LATER = date(2025, 12, 31)  # after every day below, and before today
days = st.integers(min_value=-30, max_value=900).map(lambda n: MADE + timedelta(n))
outcomes = st.sampled_from(list(ImpactOutcome))


class ActionRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.action = Action.plan(uuid4(), uuid4(), "Police", "Train staff", date(2022, 6, 1), MADE)
        self.history: list[Any] = list(self.action.collect_events())

    def attempt(self, command: Any, *args: Any, **kwargs: Any) -> None:
        """Run a command; refused, it must have recorded nothing and changed nothing."""
        self.history += taken(self.action, self.state, command, *args, **kwargs)

    def state(self) -> tuple[Any, ...]:
        a = self.action
        return (
            a.status,
            a.due_on,
            a.completed_on,
            a.confirmed_on,
            a.impact_review_due_on,
            a.progress,
            a.impact_reviews,
            a.timeline,
        )

    @rule(on=days)
    def start(self, on: date) -> None:
        self.attempt(self.action.start, on)

    @rule(on=days)
    def progress(self, on: date) -> None:
        self.attempt(self.action.record_progress, on, "trained a team")

    @rule(due=days, on=days)
    def move_due_date(self, due: date, on: date) -> None:
        self.attempt(self.action.change_due_date, due, "more teams", on)

    @rule(on=days, months=st.integers(1, 12))
    def complete(self, on: date, months: int) -> None:
        self.attempt(self.action.complete, on, months)

    @rule(on=days)
    def confirm(self, on: date) -> None:
        self.attempt(self.action.confirm_completion, on, "lead")

    @rule(on=days, outcome=outcomes, months=st.integers(1, 12))
    def review_impact(self, on: date, outcome: ImpactOutcome, months: int) -> None:
        self.attempt(self.action.review_impact, on, outcome, "audited", months)

    @rule(on=days)
    def not_achievable(self, on: date) -> None:
        self.attempt(self.action.mark_not_achievable, on, "service decommissioned")

    @rule(on=days)
    def supersede(self, on: date) -> None:
        self.attempt(self.action.supersede, on, "merged into another action")

    @rule(field=st.sampled_from(("due_on", "completed_on")), on=days)
    def correct(self, field: str, on: date) -> None:
        self.attempt(self.action.correct, field, on, "keyed wrong")

    @invariant()
    def as_it_stood_on_a_later_day_is_as_it_is(self) -> None:
        now, then = self.action, self.action.as_on(LATER)
        assert then is not None
        assert (then.status, then.completed_on, then.impact_review_due_on) == (
            now.status,
            now.completed_on,
            now.impact_review_due_on,
        )

    @invariant()
    def nothing_is_dated_before_its_recommendation(self) -> None:
        for day, what in held_to_recommendation(self.action):
            assert day >= MADE, what

    @invariant()
    def a_finished_action_says_when(self) -> None:
        if self.action.status in DONE_STATUSES:
            assert self.action.completed_on is not None

    @invariant()
    def the_events_replay_to_the_same_action(self) -> None:
        copy = replayed(self.history)
        assert (
            copy.status,
            copy.due_on,
            copy.completed_on,
            copy.confirmed_on,
            copy.impact_review_due_on,
            copy.progress,
            copy.impact_reviews,
            copy.timeline,
        ) == self.state()


ActionRules.TestCase.settings = settings(max_examples=300, stateful_step_count=30, deadline=None)
test_action_rules = ActionRules.TestCase
