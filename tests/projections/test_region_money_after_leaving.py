"""Money the region's own ledger recorded never drops out of its money view. A partnership
that leaves a region (moves to another, or is offboarded) takes its own books with it, but
what the region's own ledger granted it, received from it and spent on its reviews stays in
the region's books: the region's money view and its download keep a row for it, marked as
gone, and a total that says what those books say. A grant approved in a region whose
directory lists no commissioner yet stays on a row saying so (SQLite + memory broker,
PostgreSQL + RabbitMQ)."""

from __future__ import annotations

import io
import uuid
from datetime import date
from html import unescape

from openpyxl import load_workbook

from api.papers.build import regional
from api.papers.render import to_html
from api.tables.bodies import regional_body
from api.tables.writers import to_xlsx
from domain.recording import acting_as
from projections.queries import UNLISTED_COMMISSIONER, money
from projections.queries.reading import Range
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import open_case, wait_caught_up

START = date(2015, 4, 1)
WIDE: Range = {"since": date(2010, 1, 1), "until": date(2030, 1, 1)}


def test_what_the_region_granted_a_partnership_that_left_stays_in_its_totals(
    platform: Platform, service: ProjectionService
) -> None:
    suffix = uuid.uuid4().hex[:6]
    west, east = f"west-{suffix}", f"east-{suffix}"
    cov, dud = f"cov-{suffix}", f"dud-{suffix}"
    platform.registry.create_region(west, f"West Mids {suffix}")
    platform.registry.create_region(east, f"East Mids {suffix}")
    platform.register_tenant(cov, "Coventry", west)
    platform.register_tenant(dud, "Dudley", west)
    with platform.ledgers.lease(cov) as app:
        review = open_case(app, "DHR-1", date(2015, 1, 1))
    with acting_as("opcc-1"), platform.region_ledgers.lease(west) as shared:
        shared.partners.add("cov", "Coventry CSP", "csp", START, tenant=cov)
        shared.partners.add("dud", "Dudley CSP", "csp", START, tenant=dud)
        shared.partners.add("opcc", "The commissioner", "pcc", START)
        line = shared.funding.open_line("ITS", "Invest to Save", "PCC", "2015/16", 3_000_000, START)
        shared.funding.decide(line, "1/2015", date(2015, 5, 1), "PCC", 1_000_000)
        shared.funding.allocate(line, "1/2015", "cov", 600_000, date(2015, 6, 1))
        shared.funding.allocate(line, "1/2015", "dud", 400_000, date(2015, 6, 1))
        shared.funding.pay(line, "1/2015", cov, 600_000, date(2015, 7, 1))
        pot = shared.pooled.open("POT", "Pooled DHR budget", "Business office", START)
        shared.pooled.add_partner(pot, "cov", "Coventry CSP", START)
        shared.pooled.plan_allocation(pot, "2015/16", "chairs", "Chairs", START, amount=500_000)
        shared.pooled.agree_contribution(pot, "cov", "2015/16", 300_000, START)
        shared.pooled.receive_contribution(pot, "cov", "2015/16", 300_000, date(2015, 6, 1))
        shared.pooled.spend(
            pot, "chairs", 120_000, date(2015, 8, 1), "chair", review_id=review, tenant=cov
        )
    wait_caught_up(service.views, platform)
    before = money(service.views, west, **WIDE)

    platform.move_tenant(cov, east)
    platform.registry.offboard_tenant(dud, "merged into another partnership")
    wait_caught_up(service.views, platform)

    after = money(service.views, west, **WIDE)
    rows = {r.name: r for r in after.rows}
    gone_cov = rows["Coventry CSP (no longer in this region)"]
    gone_dud = rows["Dudley CSP (no longer in this region)"]
    assert (gone_cov.tenant, gone_cov.partner) == (None, "cov")
    assert (gone_cov.grants_allocated, gone_cov.grants_paid) == (600_000, 600_000)
    assert (gone_cov.pool_contributions_agreed, gone_cov.pool_contributions_received) == (
        300_000,
        300_000,
    )
    assert gone_cov.pool_spent == 120_000  # spent on its review, not on all partners
    assert (gone_dud.grants_allocated, gone_dud.grants_paid) == (400_000, 0)
    assert after.total == before.total  # the region's books did not change
    assert (after.total.grants_allocated, after.total.grants_paid) == (1_000_000, 600_000)
    on_the_day = money(service.views, west, since=date(2010, 1, 1), on=date(2015, 12, 31))
    assert on_the_day.total.grants_paid == 600_000
    # The moved partnership's new region shows its own books, not the old region's.
    assert money(service.views, east, **WIDE).total.grants_paid == 0

    _, body = regional_body(
        platform, service.views, "money", west, since=WIDE["since"], until=WIDE["until"]
    )
    assert {r["name"]: r["grants_paid"] for r in body["rows"]}[
        "Coventry CSP (no longer in this region)"
    ] == 600_000
    assert body["total"]["grants_paid"] == 600_000


def test_a_grant_approved_where_the_directory_lists_no_commissioner_stays_in_the_totals(
    platform: Platform, service: ProjectionService
) -> None:
    """The approval is the commissioner's money until it is allocated; with no commissioner in
    the directory yet, it stands on a row that says so, in the view, its download and the
    board paper, and every column still adds up to its total."""
    suffix = uuid.uuid4().hex[:6]
    region, cov = f"shire-{suffix}", f"cov-{suffix}"
    platform.registry.create_region(region, f"Shire {suffix}")
    platform.register_tenant(cov, "Coventry", region)
    with acting_as("opcc-1"), platform.region_ledgers.lease(region) as shared:
        shared.partners.add("cov", "Coventry CSP", "csp", START, tenant=cov)
        line = shared.funding.open_line("ITS", "Invest to Save", "PCC", "2015/16", 3_000_000, START)
        shared.funding.decide(line, "1/2015", date(2015, 5, 1), "PCC", 1_000_000)
        shared.funding.allocate(line, "1/2015", "cov", 600_000, date(2015, 6, 1))
    wait_caught_up(service.views, platform)

    view = money(service.views, region, **WIDE)
    rows = {r.name: r for r in view.rows}
    held = rows[UNLISTED_COMMISSIONER]
    assert (held.tenant, held.partner, held.sector) == (None, None, "pcc")
    assert (held.grants_approved, held.grants_allocated) == (1_000_000, 0)
    assert (rows["Coventry"].grants_approved, rows["Coventry"].grants_allocated) == (0, 600_000)
    assert (view.total.grants_approved, view.total.grants_allocated) == (1_000_000, 600_000)
    # a view of one partnership shows its own row only, as it does for every other partner
    one = money(service.views, region, tenant=cov, since=date(2010, 1, 1), until=date(2030, 1, 1))
    assert [r.name for r in one.rows] == ["Coventry"]

    spec, body = regional_body(
        platform, service.views, "money", region, since=WIDE["since"], until=WIDE["until"]
    )
    assert {r["name"]: r["grants_approved"] for r in body["rows"]} == {
        "Coventry": 0,
        UNLISTED_COMMISSIONER: 1_000_000,
    }
    assert body["total"]["grants_approved"] == 1_000_000
    sheet = load_workbook(io.BytesIO(to_xlsx(spec, body)))["Money"]
    names = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert UNLISTED_COMMISSIONER in names

    paper = unescape(
        to_html(regional(platform, service.views, region, date(2030, 1, 1), since=date(2010, 1, 1)))
    )
    assert UNLISTED_COMMISSIONER in paper
    assert "Grants approved in the period: £10,000;" in paper  # whole pounds, as the seeds
