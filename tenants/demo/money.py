"""The seeds' money, recorded as events: the demo loads it and the seed tests check it.

Shared money lives in each region's own ledger (``tenants/region_ledger``), with partners
from the region's directory (``tenants/demo/shared.py`` records the rest of it):

- Leicestershire & Rutland's pooled DHR budget (seed 001), hosted by the Safeguarding
  Boards' business office; partner keys are the districts' tenant slugs. 2015/16 inputs the
  paper does not give are chosen so that £25,500 is carried forward, as it reports.
- West Midlands: the Invest to Save line and decision 036/2013 (seed 000), the OPCC's, with
  its allocation and payment to Wolverhampton, the lead partnership for the research.
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage
from tenants.demo.regions import REGIONS
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tenants.region_ledger import RegionLedger

COUNTY, POLICE = "leicestershire-county-council", "leicestershire-police"
DISTRICTS = (
    "blaby",
    "charnwood",
    "harborough",
    "hinckley-bosworth",
    "melton",
    "north-west-leicestershire",
    "oadby-wigston",
    "rutland",
)
AGREED = {COUNTY: 3_000_000, POLICE: 1_600_000, **{d: 250_000 for d in DISTRICTS}}
OFFICE, CHAIRS = "business-office", "chairs-authors"
LEICESTERSHIRE, WEST_MIDLANDS = "leicestershire-rutland", "west-midlands"
NAMES = {
    COUNTY: "Leicestershire County Council",
    POLICE: "Leicestershire Police",
    **{
        slug: name
        for region in REGIONS
        if region.slug == LEICESTERSHIRE
        for slug, name in region.tenants
    },
}
DEMO_ACTOR = "demo-loader"
WEST_MIDLANDS_CASE = (
    ("Consultancy/research: key themes, policy change; improved practice in DHR", 2_000_000),
    ("Learning, development and action plan implementation across WMPFA", 3_000_000),
)


def leicestershire_pooled_budget(
    app: PartnershipLedger | RegionLedger, author_review: UUID | None = None
) -> UUID:
    """2015/16 as the paper describes it, from a reserve brought forward into the ledger."""
    pot = app.pooled.open(
        "llr-dhr",
        "Leicestershire & Rutland DHR budget",
        "Safeguarding Boards Business Office",
        date(2015, 4, 1),
    )
    for partner, amount in AGREED.items():
        name = NAMES[partner]
        app.pooled.add_partner(pot, partner, name, date(2015, 4, 1))
        for year in ("2015/16", "2016/17"):
            app.pooled.agree_contribution(
                pot, partner, year, amount, date(2012, 4, 1), "2012 agreement"
            )
    app.pooled.bring_forward(pot, "2015/16", 4_200_000, "Reserve built up 2012/13-2014/15")
    for year in ("2015/16", "2016/17"):
        app.pooled.plan_allocation(
            pot, year, OFFICE, "Officer and admin support", date(2015, 3, 1), amount=4_050_000
        )
        app.pooled.plan_allocation(
            pot,
            year,
            CHAIRS,
            "Independent chairs and authors",
            date(2015, 3, 1),
            per_dhr=850_000,
            expected_dhrs=3,
        )
    app.pooled.receive_contribution(pot, COUNTY, "2015/16", 3_000_000, date(2015, 5, 1))
    for partner in (POLICE, *DISTRICTS):
        app.pooled.not_draw_down(
            pot,
            partner,
            "2015/16",
            date(2015, 6, 1),
            "Fewer DHRs than forecast; reserve not to grow too large",
        )
    app.pooled.receive_contribution(pot, "charnwood", "2016/17", 250_000, date(2016, 2, 15))
    app.pooled.spend(pot, OFFICE, 4_050_000, date(2016, 3, 1), "Business office 2015/16")
    app.pooled.spend(pot, CHAIRS, 850_000, date(2016, 3, 15), "Author", author_review)
    app.pooled.close_year(pot, "2015/16", date(2016, 4, 30))
    return pot


def leicestershire_2016_17(app: PartnershipLedger | RegionLedger, pot: UUID) -> None:
    """The rest of 2016/17's contributions, and the business office's request for £42,089."""
    for partner, amount in AGREED.items():
        if partner != "charnwood":
            app.pooled.receive_contribution(pot, partner, "2016/17", amount, date(2016, 5, 1))
    app.pooled.request_variation(
        pot,
        "2016/17",
        OFFICE,
        4_208_900,
        date(2016, 5, 1),
        "Safeguarding Business Office",
        "Salary increases",
    )
    app.pooled.decide_variation(
        pot, "2016/17", OFFICE, True, date(2016, 6, 8), "LSCSB recommendation 33(b)"
    )


def west_midlands_invest_to_save(app: PartnershipLedger | RegionLedger) -> UUID:
    line = app.funding.open_line(
        "invest-to-save-2013-14",
        "Invest to Save 2013-14",
        "West Midlands Police and Crime Commissioner",
        "2013/14",
        35_000_000,
        date(2013, 4, 1),
    )
    app.funding.submit_business_case(
        line,
        "dhr-research",
        "Learning from DHRs",
        "West Midlands Heads of Community Safety",
        list(WEST_MIDLANDS_CASE),
        date(2013, 7, 31),
    )
    app.funding.decide(
        line,
        "036/2013",
        date(2013, 9, 4),
        "Police and Crime Commissioner",
        3_000_000,
        "dhr-research",
        ["Option to reconsider the allocation once tendering is complete"],
    )
    app.funding.allocate(line, "036/2013", "wolverhampton", 3_000_000, date(2013, 9, 20))
    app.funding.pay(line, "036/2013", "wolverhampton", 3_000_000, date(2013, 10, 1))
    return line


def load_money(platform: Platform) -> None:
    """Record both seed budgets in their regions' ledgers unless already listed there."""
    from tenants.demo.shared import load_directories, load_staffordshire

    with acting_as(DEMO_ACTOR):
        load_directories(platform)
        with platform.region_ledgers.lease(LEICESTERSHIRE) as region:
            if not region.funding.budgets():
                pot = leicestershire_pooled_budget(region)
                leicestershire_2016_17(region, pot)
                _author_for_a_charnwood_review(platform, region, pot)
        with platform.region_ledgers.lease(WEST_MIDLANDS) as grants:
            if not grants.funding.budgets():
                west_midlands_invest_to_save(grants)
        load_staffordshire(platform)


def _author_for_a_charnwood_review(platform: Platform, region: RegionLedger, pot: UUID) -> None:
    """2016/17: an author paid from the pot for one of Charnwood's reviews, so the regional
    view has spend to attribute to a review and its partnership (the paper gives no figure)."""
    with platform.ledgers.lease("charnwood", writing=False) as charnwood:
        reviews = charnwood.reviews.all()
    if reviews:
        region.pooled.spend(
            pot,
            CHAIRS,
            850_000,
            date(2016, 9, 1),
            "Independent author",
            reviews[0].id,
            tenant="charnwood",
        )


def add_costs(app: PartnershipLedger, review: UUID, case: DemoCase) -> None:
    """Estimates when the chair is commissioned; invoices once a draft exists.

    Totals land in the £17k-£28k direct cost per DHR that seed 000 reports; chairs take the
    largest share, as the national figures since show.
    """
    if case.stage < Stage.UNDER_REVIEW or case.decision in ("not_hold", "alternative_review"):
        return
    commissioned = case.incident_on + timedelta(days=75)
    app.costs.estimate(review, "chair", 1_000_000, commissioned)
    app.costs.estimate(review, "author", 800_000, commissioned)
    if case.stage >= Stage.DRAFTED and not case.decommissioned:
        drafted = case.incident_on + timedelta(days=300)
        # some reviews need more of the chair's days, at £650 a day (chairs charge £500-700)
        extra_days = 65_000 * (sum(map(ord, case.reference)) % 7)
        app.costs.record(review, "chair", 950_000 + extra_days, drafted, "Chair invoice")
        app.costs.record(review, "author", 850_000, drafted, "Author invoice")
        app.costs.record(review, "admin", 150_000, drafted, "Panel administration")
        if case.age_band == "75+":
            app.costs.record(review, "translation", 120_000, drafted, "Family liaison interpreter")
