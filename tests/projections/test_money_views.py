"""Grants, pooled budgets and DHR costs per CSP, fed live (SQLite + memory broker,
PostgreSQL + RabbitMQ), and equal after a rebuild."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from projections.queries import money
from projections.rebuild import rebuild, select
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import open_case, submit, wait_caught_up


def test_money_per_partnership_sums_pence_over_the_range(
    platform: Platform, service: ProjectionService
) -> None:
    suffix = uuid.uuid4().hex[:6]
    region, slug = f"leics-{suffix}", f"charnwood-{suffix}"
    platform.registry.create_region(region, f"Leicestershire & Rutland {suffix}")
    platform.register_tenant(slug, "Charnwood", region)
    with platform.ledgers.lease(slug) as app:
        line = app.funding.open_line(
            "ITS", "Invest to Save", "PCC", "2013/14", 35_000_000, date(2013, 4, 1)
        )
        app.funding.decide(line, "036/2013", date(2013, 7, 1), "PCC", 3_000_000)
        app.funding.vary_decision(
            line, "036/2013", 5_000_000, date(2013, 9, 1), "reconsidered after tendering"
        )
        app.funding.allocate(line, "036/2013", slug, 3_000_000, date(2013, 10, 1))
        app.funding.pay(line, "036/2013", slug, 2_000_000, date(2013, 11, 1))
        app.funding.correct(line, "payment.1.amount", 1_800_000, "the remittance says £18,000")
        app.funding.claw_back(line, "036/2013", slug, 300_000, date(2014, 1, 10), "unspent")
        app.funding.correct(line, "clawback.1.amount", 200_000, "£2,000 came back, not £3,000")
        pot = app.pooled.open("DHR-POOL", "Pooled DHR budget", "Business office", date(2015, 4, 1))
        app.pooled.add_partner(pot, "county", "County council", date(2015, 4, 1))
        app.pooled.agree_contribution(pot, "county", "2015/16", 3_000_000, date(2015, 4, 1))
        app.pooled.bring_forward(pot, "2015/16", 2_550_000, "carried forward from 2014/15")
        app.pooled.receive_contribution(pot, "county", "2015/16", 3_000_000, date(2015, 6, 1))
        app.pooled.correct(pot, "movement.2.amount", 2_900_000, "the bank says £29,000")
        app.pooled.add_partner(pot, "police", "Police", date(2015, 4, 1))
        app.pooled.agree_contribution(pot, "police", "2015/16", 1_000_000, date(2015, 4, 1))
        app.pooled.not_draw_down(pot, "police", "2015/16", date(2015, 7, 1), "reserve high")
        app.pooled.correct(pot, "not_drawn.1.amount", 400_000, "the minute says £4,000")
        for n in range(2):
            rid = open_case(app, f"DHR-{n}", date(2014, 1, 1))
            app.costs.record(rid, "author", 850_000 + n * 100, date(2015, 1, 10), "author invoice")
    wait_caught_up(service.views, platform)

    view = money(service.views, region, since=date(2013, 4, 1), until=date(2016, 3, 31))

    (row,) = view.rows
    assert (row.grants_approved, row.grants_allocated, row.grants_paid) == (
        5_000_000,
        3_000_000,
        1_600_000,  # £18,000 paid (as corrected) less £2,000 clawed back (as corrected)
    )
    assert (row.pool_contributions_agreed, row.pool_contributions_received) == (
        4_000_000,
        2_900_000,  # as corrected
    )
    assert row.pool_not_drawn_down == 400_000  # as corrected, from the day it was decided
    assert row.pool_reserve == 5_450_000
    # Cost per DHR counts completed reviews only; these two are still open, so there is none.
    assert (row.dhr_costs, row.dhrs_costed, row.cost_per_dhr) == (1_700_100, 2, None)
    assert (row.completed_dhrs_costed, row.spent_on_open_reviews) == (0, 1_700_100)
    assert view.total == replace(row, tenant="", name="Total", sector="")
    earlier = money(service.views, region, since=date(2013, 4, 1), until=date(2013, 8, 1))
    assert earlier.rows[0].grants_approved == 3_000_000  # before the variation
    paid_by = money(service.views, region, since=date(2013, 4, 1), until=date(2013, 11, 1))
    assert paid_by.rows[0].grants_paid == 1_800_000  # the correction stands where it was paid
    rebuild(service.views, platform, select(["money"]))
    assert money(service.views, region, since=date(2013, 4, 1), until=date(2016, 3, 31)) == view


def test_cost_per_dhr_is_over_completed_reviews_and_weighted_in_the_total(
    platform: Platform, service: ProjectionService
) -> None:
    suffix = uuid.uuid4().hex[:6]
    region = f"costs-{suffix}"
    platform.registry.create_region(region, f"Costs {suffix}")
    slugs = [f"{name}-{suffix}" for name in ("coventry", "dudley")]
    for slug in slugs:
        platform.register_tenant(slug, slug.split("-")[0].title(), region)
    incident = date(2014, 1, 1)
    with platform.ledgers.lease(slugs[0]) as app:
        for n, pence in enumerate((1_800_000, 2_400_001, 900_000)):
            rid = open_case(app, f"DHR-{n}", incident)
            app.costs.record(rid, "chair", pence, date(2014, 3, 1), "chair's invoice")
            if n < 2:
                submit(app, rid, incident)  # the third is still under way
    with platform.ledgers.lease(slugs[1]) as app:
        rid = open_case(app, "DHR-1", incident)
        submit(app, rid, incident)
        app.costs.record(rid, "author", 1_500_000, date(2014, 3, 1), "author's invoice")
    wait_caught_up(service.views, platform)

    view = money(service.views, region, since=date(2013, 4, 1), until=date(2016, 3, 31))

    coventry, dudley = view.rows
    assert (coventry.completed_dhrs_costed, coventry.cost_per_dhr) == (2, 2_100_001)  # £21,000.005
    assert coventry.spent_on_open_reviews == 900_000
    assert (dudley.completed_dhrs_costed, dudley.cost_per_dhr) == (1, 1_500_000)
    assert (view.total.completed_dhrs_costed, view.total.cost_per_dhr) == (3, 1_900_000)
