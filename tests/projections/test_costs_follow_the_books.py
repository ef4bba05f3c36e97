"""The partnership's cost per DHR says what its reviews' cost records say, after any sequence of
costs incurred and corrections (a category's total, one entry's amount or date) on a completed
review and an open one (hypothesis, a fresh partnership each time): costs, reviews costed, what
completed reviews cost each and what open ones have cost so far, fed live (SQLite + memory
broker, PostgreSQL + RabbitMQ), equal the same figures read off each ``ReviewCost``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.recording import acting_as
from projections.queries import money
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import fed_live, new_partnership, open_case, wait_caught_up

INCIDENT = date(2019, 1, 10)
CATEGORIES = ("chair", "author")
reviews = st.sampled_from((0, 1))  # the completed review, the open one
days = st.integers(min_value=0, max_value=900).map(lambda n: INCIDENT + timedelta(n))
pence = st.integers(min_value=0, max_value=40).map(lambda n: n * 25_000)
record = st.tuples(st.just("record"), reviews, st.sampled_from(CATEGORIES), pence, days)
STEPS = record | st.one_of(
    st.tuples(st.just("correct_total"), reviews, st.sampled_from(CATEGORIES), pence),
    st.tuples(st.just("correct_amount"), reviews, st.integers(1, 3), pence),
    st.tuples(st.just("correct_date"), reviews, st.integers(1, 3), days),
)


def completed(app: Any, ref: str) -> Any:
    """A review submitted to the Home Office: what 'completed' means for cost per DHR."""
    rid = open_case(app, ref, INCIDENT)
    on = INCIDENT + timedelta(60)
    app.reviews.hold_panel_meeting(rid, on)
    app.reviews.draft(rid, "overview_report", on)
    app.reviews.draft(rid, "executive_summary", on)
    app.reviews.agree_action_plan(rid, on)
    app.reviews.submit(rid, on)
    return rid


def run(costs: Any, ids: list[Any], step: tuple[Any, ...]) -> None:
    """One step on one review's costs; a refusal is a step not taken."""
    kind, n, *a = step
    actions = {
        "record": lambda: costs.record(ids[n], a[0], a[1], a[2], "invoice"),
        "correct_total": lambda: costs.correct(ids[n], f"actual.{a[0]}", a[1], "keyed wrong"),
        "correct_amount": lambda: costs.correct(
            ids[n], f"incurred.{a[0]}.amount", a[1], "keyed wrong"
        ),
        "correct_date": lambda: costs.correct(
            ids[n], f"incurred.{a[0]}.incurred_on", a[1], "keyed wrong"
        ),
    }
    try:
        actions[kind]()
    except DomainError:
        pass


@fed_live
@given(steps=st.lists(STEPS, min_size=8, max_size=40))
def test_the_cost_per_dhr_says_what_the_cost_records_say(
    platform: Platform, service: ProjectionService, steps: list[tuple[Any, ...]]
) -> None:
    region, slug = new_partnership(platform, "costs")
    with acting_as("officer-1"), platform.ledgers.lease(slug) as app:
        ids = [completed(app, "DHR-1"), open_case(app, "DHR-2", INCIDENT)]
        for step in steps:
            run(app.costs, ids, step)
        spent = [sum(r.actuals.values()) if (r := app.costs.record_of(i)) else 0 for i in ids]
    wait_caught_up(service.views, platform)

    (row,) = money(service.views, region, since=date(2011, 4, 13), until=date(2030, 3, 31)).rows
    assert (
        row.dhr_costs,
        row.dhrs_costed,
        row.completed_dhrs_costed,
        row.spent_on_open_reviews,
        row.cost_per_dhr,
    ) == (
        sum(spent),
        sum(1 for s in spent if s),
        int(spent[0] != 0),
        spent[1],
        spent[0] or None,
    ), steps
