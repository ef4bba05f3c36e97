"""The partnership's money view says what its books say, after any sequence of money commands
and corrections (hypothesis, a fresh partnership each time): every grant and pooled-budget
figure of the view, fed live (SQLite + memory broker, PostgreSQL + RabbitMQ), equals the same
figure read off the budget line and the pot themselves. A handler that missed an event, or
moved a correction by the wrong amount or on the wrong day, shows here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.funding.pooled_values import MovementKind
from domain.recording import acting_as
from projections.queries import money
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import fed_live, new_partnership, wait_caught_up

YEARS = ("2015/16", "2016/17")
PARTNERS = ("county", "police")
START = date(2015, 4, 1)
days = st.integers(min_value=0, max_value=700).map(lambda n: START + timedelta(n))
pence = st.integers(min_value=1, max_value=12).map(lambda n: n * 100_000)
years, partners = st.sampled_from(YEARS), st.sampled_from(PARTNERS)
numbers = st.integers(min_value=1, max_value=4)

STEPS = st.one_of(
    st.tuples(st.just("agree"), partners, years, pence, days),
    st.tuples(st.just("receive"), partners, years, pence, days),
    st.tuples(st.just("not_call"), partners, years, pence, days, st.none() | years),
    st.tuples(st.just("spend"), pence, days),
    st.tuples(st.just("close"), years),
    st.tuples(st.just("reopen"), years),
    st.tuples(st.just("correct_pot"), st.sampled_from(("movement", "not_drawn")), numbers, pence),
    st.tuples(st.just("correct_agreed"), partners, years, pence),
    st.tuples(st.just("decide"), st.sampled_from(("1/2015", "2/2015")), pence, days),
    st.tuples(st.just("vary"), st.sampled_from(("1/2015", "2/2015")), pence, days),
    st.tuples(st.just("allocate"), st.sampled_from(("1/2015", "2/2015")), pence, days),
    st.tuples(st.just("pay"), st.sampled_from(("1/2015", "2/2015")), pence, days),
    st.tuples(st.just("claw_back"), st.sampled_from(("1/2015", "2/2015")), pence, days),
    st.tuples(
        st.just("correct_grant"),
        st.sampled_from(("allocation", "payment", "clawback")),
        numbers,
        pence,
    ),
)


def kept(app: Any, slug: str, steps: list[tuple[Any, ...]]) -> tuple[Any, Any]:
    """A pot of two partners and a grant line opened in ``app`` (a partnership's ledger or the
    region's), then ``steps``: the pot and the line as their books then stand."""
    pot = app.pooled.open("POT", "Pooled DHR budget", "Business office", START)
    for partner in PARTNERS:
        app.pooled.add_partner(pot, partner, partner.title(), START)
    for year in YEARS:
        app.pooled.plan_allocation(pot, year, "chairs", "Chairs", START, amount=5_000_000)
    line = app.funding.open_line("ITS", "Invest to Save", "PCC", "2015/16", 3_000_000, START)
    for step in steps:
        run(app, pot, line, slug, step)
    return app.pooled.get(pot), app.funding.line(line)


def run(app: Any, pot: Any, line: Any, slug: str, step: tuple[Any, ...]) -> None:
    """One step on the partnership's own pot or budget line; a refusal is a step not taken."""
    kind, *a = step
    pooled, funding = app.pooled, app.funding
    actions = {
        "agree": lambda: pooled.agree_contribution(pot, a[0], a[1], a[2], a[3]),
        "receive": lambda: pooled.receive_contribution(pot, a[0], a[1], a[2], a[3]),
        "not_call": lambda: pooled.not_draw_down(
            pot, a[0], a[1], a[3], "reserve high", amount=a[2], deferred_to=a[4]
        ),
        "spend": lambda: pooled.spend(pot, "chairs", a[0], a[1], "chair"),
        "close": lambda: pooled.close_year(pot, a[0], date(2017, 4, 30)),
        "reopen": lambda: pooled.reopen_year(pot, a[0], date(2017, 5, 2), "keyed wrong"),
        "correct_pot": lambda: pooled.correct(pot, f"{a[0]}.{a[1]}.amount", a[2], "keyed wrong"),
        "correct_agreed": lambda: pooled.correct(pot, f"agreed.{a[0]}.{a[1]}", a[2], "wrong"),
        "decide": lambda: funding.decide(line, a[0], a[2], "PCC", a[1]),
        "vary": lambda: funding.vary_decision(line, a[0], a[1], a[2], "reconsidered"),
        "allocate": lambda: funding.allocate(line, a[0], slug, a[1], a[2]),
        "pay": lambda: funding.pay(line, a[0], slug, a[1], a[2]),
        "claw_back": lambda: funding.claw_back(line, a[0], slug, a[1], a[2], "unspent"),
        "correct_grant": lambda: funding.correct(line, f"{a[0]}.{a[1]}.amount", a[2], "wrong"),
    }
    try:
        actions[kind]()
    except DomainError:
        pass


@fed_live
@given(steps=st.lists(STEPS, min_size=5, max_size=30))
def test_the_money_view_says_what_the_books_say(
    platform: Platform, service: ProjectionService, steps: list[tuple[Any, ...]]
) -> None:
    region, slug = new_partnership(platform, "books")
    with acting_as("officer-1"), platform.ledgers.lease(slug) as app:
        books, grant = kept(app, slug, steps)
    wait_caught_up(service.views, platform)

    (row,) = money(service.views, region, since=date(2010, 4, 1), until=date(2030, 3, 31)).rows
    moved = {k: sum(m.amount for m in books.movements if m.kind is k) for k in MovementKind}
    entries = {k: sum(e.amount for e in v) for k, v in grant.entries.items()}
    assert (
        row.pool_contributions_agreed,
        row.pool_contributions_received,
        row.pool_not_drawn_down,
        row.pool_spent,
        row.pool_reserve,
    ) == (
        sum(books.agreed.values()),
        moved[MovementKind.CONTRIBUTION],
        sum(books.not_drawn.values()),
        moved[MovementKind.SPEND],
        sum(m.signed for m in books.movements),
    ), steps
    assert (row.grants_approved, row.grants_allocated, row.grants_paid) == (
        grant.committed,
        entries["allocation"],
        entries["payment"] - entries["clawback"],
    ), steps
