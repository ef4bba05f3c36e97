"""The regions' own ledgers in the demo: partner directories, Staffordshire & Stoke-on-Trent's
joint commissioning (seed 004) and the groups that keep master action plans.

Figures from the seeds: at least £1,836,000 a year from October 2018, minimum spends of
£600,000 (county) and £421,000 (city); MARAC 2,247 cases in 2016/17 and 447 in Q1 2017/18.
The funding agreements' values are fictional (the seed gives none); their shape is the
seed's (extended to the new services, East Staffs handed from Home Group to Pathway).
"""

from __future__ import annotations

from datetime import date

from domain.errors import NotFoundError
from tenants.demo.regions import REGIONS
from tenants.platform import Platform
from tenants.region_ledger import RegionLedger

OTHERS = {
    "west-midlands": (
        ("west-midlands-pcc", "West Midlands Police and Crime Commissioner", "pcc", ()),
        ("west-midlands-police", "West Midlands Police", "police", ("Police", "WMP")),
    ),
    "leicestershire-rutland": (
        ("leicestershire-county-council", "Leicestershire County Council", "county_council", ()),
        ("leicestershire-police", "Leicestershire Police", "police", ("Police",)),
        (
            "llr-safeguarding-business-office",
            "LLR Safeguarding Boards Business Office",
            "business_office",
            (),
        ),
        ("swanswell", "Swanswell", "health", ()),
    ),
    "staffordshire-stoke": (
        ("staffordshire-county-council", "Staffordshire County Council", "county_council", ()),
        ("stoke-on-trent-city-council", "Stoke-on-Trent City Council", "city_council", ()),
        ("staffordshire-opcc", "Staffordshire Police and Crime Commissioner", "pcc", ("OPCC",)),
        ("staffordshire-police", "Staffordshire Police", "police", ("Police",)),
        ("arch", "Arch North Staffs", "da_service", ()),
        ("pathway-project", "Pathway Project", "da_service", ()),
        ("staffordshire-womens-aid", "Staffordshire Women's Aid", "da_service", ()),
        ("home-group", "Home Group", "da_service", ()),
        ("core-assets", "Core Assets", "da_service", ()),
        (
            "staffs-da-board",
            "Staffordshire and Stoke-on-Trent DA Commissioning and Development Board",
            "board",
            (),
        ),
    ),
}
# The agencies the demo's cases ask for IMRs and give actions to, in every region.
AGENCIES = (
    ("adult-social-care", "Adult Social Care", "social_care", ()),
    ("childrens-services", "Children's Services", "social_care", ()),
    ("ccg", "Clinical Commissioning Group", "health", ("CCG",)),
    ("acute-hospital-trust", "Acute Hospital Trust", "health", ()),
    ("mental-health-trust", "Mental Health Trust", "health", ()),
    ("housing", "Housing", "housing", ()),
    ("domestic-abuse-service", "Domestic Abuse Service", "da_service", ()),
    ("probation", "Probation Service", "probation", ("Probation",)),
)
START = date(2012, 4, 1)
COMMISSIONING = "staffs-da-services-2018"


def load_directories(platform: Platform) -> None:
    """Each region's CSPs (keyed by tenant slug) and its other bodies, once."""
    for region in REGIONS:
        with platform.region_ledgers.lease(region.slug) as ledger:
            known = {p.key for p in ledger.partners.all()}
            for slug, name in region.tenants:
                if slug not in known:
                    ledger.partners.add(slug, name, "csp", START, tenant=slug)
            for key, name, sector, aliases in (*OTHERS.get(region.slug, ()), *AGENCIES):
                if key not in known:
                    ledger.partners.add(key, name, sector, START)
                    for alias in aliases:
                        ledger.partners.map_name(alias, key, START)
            _groups(ledger, region.slug, [slug for slug, _ in region.tenants])


def _groups(ledger: RegionLedger, region: str, members: list[str]) -> None:
    try:
        ledger.groups.get(f"{region}-master-plan")
        return
    except NotFoundError:
        pass
    owner = {
        "leicestershire-rutland": "leicestershire-county-council",
        "west-midlands": "west-midlands-pcc",
        "staffordshire-stoke": "staffs-da-board",
    }[region]
    name = {  # what the members call themselves; the plan they keep is the group's master plan
        "leicestershire-rutland": "Leicestershire & Rutland DHR partnerships",
        "west-midlands": "West Midlands community safety partnerships",
        "staffordshire-stoke": "Staffordshire and Stoke-on-Trent DA Strategy partners",
    }[region]
    kind = "board" if region == "staffordshire-stoke" else "partnerships"
    ledger.groups.form(f"{region}-master-plan", name, kind, owner, members, START)
    first_item = {
        "leicestershire-rutland": (
            "llr-impact-review",
            "Revisit completed actions to check their impact",
            "leicestershire-county-council",
            date(2017, 3, 31),
            date(2016, 6, 8),
        ),
        "staffordshire-stoke": (
            "da-strategy-plan",
            "Agree the shared multi-agency action plan for the DA Strategy 2017-20",
            "staffs-da-board",
            date(2018, 3, 31),
            date(2017, 12, 1),
        ),
    }.get(region)
    if first_item is not None:
        ledger.groups.add_item(f"{region}-master-plan", *first_item)


def load_staffordshire(platform: Platform) -> None:
    with platform.region_ledgers.lease("staffordshire-stoke") as ledger:
        try:
            ledger.commissioning.get(COMMISSIONING)
            return
        except NotFoundError:
            pass
        ledger.commissioning.open(
            COMMISSIONING,
            "Domestic abuse services from October 2018",
            "staffordshire-opcc",
            date(2017, 12, 1),
        )
        ledger.commissioning.budget_year(
            COMMISSIONING,
            "2018/19",
            183_600_000,
            [("staffordshire", 60_000_000), ("stoke-on-trent", 42_100_000)],
            date(2017, 12, 1),
        )
        ledger.commissioning.allocate(
            COMMISSIONING,
            "2018/19",
            "staffordshire",
            60_000_000,
            "County Council's annual contribution",
            date(2018, 7, 1),
        )
        _services(ledger)
        ledger.demand.record(
            "marac_cases", "staffordshire-stoke", "2016/17", 2247, date(2017, 5, 1)
        )
        ledger.demand.record(
            "marac_cases", "staffordshire-stoke", "2017/18 Q1", 447, date(2017, 7, 31)
        )


def _services(ledger: RegionLedger) -> None:
    shares = [("staffordshire-county-council", 20_000_000), ("staffordshire-opcc", 5_000_000)]
    for ref, name, provider in (
        ("arch-north-staffs", "DA support: Newcastle and Staffordshire Moorlands", "arch"),
        ("east-staffs-da", "DA support: East Staffs, Lichfield and Tamworth", "home-group"),
        (
            "swa-south",
            "DA support: Cannock, South Staffordshire and Stafford",
            "staffordshire-womens-aid",
        ),
    ):
        ledger.services.open(ref, name, provider, "staffordshire", date(2015, 4, 1))
        ledger.services.agree_funding(
            ref, f"{ref}-2015", date(2015, 4, 1), date(2018, 3, 31), 25_000_000, shares
        )
        ledger.services.extend_funding(
            ref, f"{ref}-2015", date(2018, 9, 30), "Continue until the new services start"
        )
        ledger.services.pay(
            ref, f"{ref}-2015", "staffordshire-county-council", 20_000_000, date(2017, 4, 1)
        )
    ledger.services.hand_over(
        "east-staffs-da",
        "pathway-project",
        date(2017, 10, 1),
        "Home Group did not wish to extend its agreement",
    )
    ledger.services.plan_milestone("arch-north-staffs", "Re-tender advertised", date(2017, 12, 1))
    ledger.services.plan_milestone("arch-north-staffs", "New services in place", date(2018, 10, 1))
    ledger.services.reach_milestone("arch-north-staffs", "Re-tender advertised", date(2017, 12, 1))
