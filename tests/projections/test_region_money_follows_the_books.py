"""The region's money view says what its own ledger's books say, after any sequence of money
commands and corrections on a pot the OPCC hosts and a grant it allocates (hypothesis, a fresh
region each time): each partner's row (the partnership, the police), the pots' own row and the
total, fed live (SQLite + memory broker, PostgreSQL + RabbitMQ), equal the same figures read
off the pot and the budget line. A handler that put a movement on the wrong partner's row, or
moved a correction by the wrong amount, shows here."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from domain.funding.pooled_values import MovementKind
from domain.recording import acting_as
from projections.queries import POTS_ROW, money
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import fed_live, new_partnership, wait_caught_up
from tests.projections.test_money_follows_the_books import START, STEPS, kept


@fed_live
@given(steps=st.lists(STEPS, min_size=5, max_size=30))
def test_the_region_money_view_says_what_the_hosted_books_say(
    platform: Platform, service: ProjectionService, steps: list[tuple[Any, ...]]
) -> None:
    region, slug = new_partnership(platform, "hosted")
    with acting_as("opcc-1"), platform.region_ledgers.lease(region) as shared:
        shared.partners.add("county", "The partnership", "csp", START, tenant=slug)
        shared.partners.add("police", "The police", "police", START)
        shared.partners.add("opcc", "The commissioner", "pcc", START)
        books, grant = kept(shared, slug, steps)  # its partners: "county" and "police"
    wait_caught_up(service.views, platform)

    view = money(
        service.views, region, since=START.replace(year=2010), until=START.replace(year=2030)
    )
    rows = {r.partner if r.tenant is None else r.tenant: r for r in view.rows}
    for partner, row_key in (("county", slug), ("police", "police")):
        row = rows.get(row_key)
        agreed = sum(v for (_, p), v in books.agreed.items() if p == partner)
        received = sum(
            m.amount
            for m in books.movements
            if m.kind is MovementKind.CONTRIBUTION and m.partner == partner
        )
        not_drawn = sum(v for (_, p), v in books.not_drawn.items() if p == partner)
        got = (
            (0, 0, 0)
            if row is None
            else (
                row.pool_contributions_agreed,
                row.pool_contributions_received,
                row.pool_not_drawn_down,
            )
        )
        assert got == (agreed, received, not_drawn), (partner, steps)
    entries = {k: sum(e.amount for e in v) for k, v in grant.entries.items()}
    assert (rows[slug].grants_allocated, rows[slug].grants_paid) == (
        entries["allocation"],
        entries["payment"] - entries["clawback"],
    ), steps
    spent = sum(m.amount for m in books.movements if m.kind is MovementKind.SPEND)
    pots = next((r for r in view.rows if r.name == POTS_ROW), None)
    assert ((0, 0) if pots is None else (pots.pool_spent, pots.pool_reserve)) == (
        spent,
        sum(m.signed for m in books.movements),
    ), steps
    assert view.total.grants_approved == grant.committed, steps
