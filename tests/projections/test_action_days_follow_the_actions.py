"""The regional action counts on a past day say what the actions were that day, after any
history of their steps and corrections (hypothesis, a fresh partnership each time): open,
overdue, awaiting an impact review and with that review overdue, read from the dated read
model (``action_days``, fed live on both stores) on several days, equal the same counts of
each action as it stood that day (``Action.as_on``); and, live, the action plan's own view
equals the actions as they are now."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from domain.actionplan import Action, ImpactOutcome
from domain.actionplan.values import DONE_STATUSES, LIVE_STATUSES
from domain.errors import DomainError
from domain.recording import acting_as
from projections.queries.actions import action_counts
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import (
    fed_live,
    new_partnership,
    open_case,
    recommend,
    wait_caught_up,
)

MADE = date(2012, 1, 1)  # ``recommend``'s day
ACTIONS = 3
days = st.integers(min_value=-20, max_value=900).map(lambda n: MADE + timedelta(n))
which = st.integers(min_value=0, max_value=ACTIONS - 1)
STEPS = st.one_of(
    st.tuples(st.just("start"), which, days),
    st.tuples(st.just("record_progress"), which, days),
    st.tuples(st.just("change_due_date"), which, days, days),
    st.tuples(st.just("complete"), which, days),
    st.tuples(st.just("confirm_completion"), which, days),
    st.tuples(st.just("review_impact"), which, days, st.sampled_from(list(ImpactOutcome))),
    st.tuples(st.just("mark_not_achievable"), which, days),
    st.tuples(st.just("supersede"), which, days),
    st.tuples(st.just("correct"), which, st.sampled_from(("due_on", "completed_on")), days),
)
ASKED = [MADE + timedelta(n) for n in (30, 120, 240, 400, 600, 900)]
LATER = MADE + timedelta(1000)  # after every drawn step


def run(actions: Any, ids: list[Any], step: tuple[Any, ...]) -> None:
    """One step on one of the actions; a refusal is a step not taken."""
    kind, n, *a = step
    words = {
        "record_progress": ("trained a team",),
        "confirm_completion": ("hocs",),
        "review_impact": ("audited",),
        "mark_not_achievable": ("service closed",),
        "supersede": ("merged",),
        "correct": ("keyed wrong",),
    }
    arguments: tuple[Any, ...] = (*a, *words.get(kind, ()))
    if kind == "change_due_date":  # (new due date, reason, changed on)
        arguments = (a[0], "more teams", a[1])
    try:
        getattr(actions, kind)(ids[n], *arguments)
    except DomainError:
        pass


def counts_as_it_stood(action: Action, day: date) -> tuple[int, int, int, int]:
    return counts_of(action.as_on(day), day)


def counts_of(then: Action | None, day: date) -> tuple[int, int, int, int]:
    """(open, overdue, awaiting an impact review, that review overdue) of one action on ``day``."""
    if then is None or then.status not in LIVE_STATUSES | DONE_STATUSES:
        return (0, 0, 0, 0)  # not yet made, or closed by then
    live = then.status in LIVE_STATUSES
    due = then.impact_review_due_on
    awaiting = not live and due is not None
    return (
        int(live),
        int(live and then.due_on < day),
        int(awaiting),
        int(awaiting and due is not None and due < day),
    )


@fed_live
@given(steps=st.lists(STEPS, min_size=3, max_size=25))
def test_the_counts_on_a_day_say_what_the_actions_were_that_day(
    platform: Platform, service: ProjectionService, steps: list[tuple[Any, ...]]
) -> None:
    region, slug = new_partnership(platform, "days")
    with acting_as("officer-1"), platform.ledgers.lease(slug) as app:
        review = open_case(app, "DHR-1", date(2011, 6, 1))
        rec = recommend(app, review, "1", ["training"])
        ids = [
            app.actions.plan(rec, "Police", f"Action {n}", MADE + timedelta(90 * (n + 1)))
            for n in range(ACTIONS)
        ]
        for step in steps:
            run(app.actions, ids, step)
        actions = [app.actions.get(i) for i in ids]
    wait_caught_up(service.views, platform)

    for day in ASKED:
        (row,) = action_counts(service.views, region, on=day).by_csp
        expected = [counts_as_it_stood(a, day) for a in actions]
        summed = tuple(sum(c[i] for c in expected) for i in range(4))
        found = (row.open, row.overdue, row.awaiting_impact_review, row.impact_review_overdue)
        assert found == summed, (day, steps)
    # live, the actions as they are now (the action plan's own view), on a day after every step
    (row,) = action_counts(service.views, region, today=LATER).by_csp
    expected = [counts_of(a, LATER) for a in actions]
    summed = tuple(sum(c[i] for c in expected) for i in range(4))
    found = (row.open, row.overdue, row.awaiting_impact_review, row.impact_review_overdue)
    assert found == summed, steps
