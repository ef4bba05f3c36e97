"""Demo users for every role in each of the seeds' regions, with names people would recognise.

Every partnership with cases has an officer, who records its cases, and a lead (its Head of
Community Safety), who signs them off, so a history reads "Sam Patel decided to hold a review"
rather than an id. Each region has a regional lead and an auditor, and the West Midlands
and Leicestershire PCCs' offices a finance officer each, who records the region's budget lines
and its pot's contributions; one auditor (an inspector)
reads all three regions; one platform administrator runs the service. Only the users are
created here; tokens and passwords are issued on request, as always. The first five names are
the ones the README has always given and keep working.
"""

from __future__ import annotations

from domain.errors import NotFoundError
from tenants.platform import Platform

WM, LLR, STAFFS = "west-midlands", "leicestershire-rutland", "staffordshire-stoke"


# (tenant, officer's display name, lead's display name) for every partnership with demo cases
PARTNERSHIP_STAFF = (
    ("birmingham", "Sam Patel", "Alex Morgan"),
    ("coventry", "Jordan Reid", "Kate Whitfield"),
    ("dudley", "Imran Hussain", "Lisa Owen"),
    ("sandwell", "Grace Adeyemi", "Tom Bradley"),
    ("solihull", "Chloe Evans", "Martin Hale"),
    ("walsall", "Ravi Sandhu", "Helen Moss"),
    ("wolverhampton", "Nadia Khan", "Peter Lloyd"),
    ("blaby", "Ellie Ward", "Simon Frost"),
    ("charnwood", "Harpreet Gill", "Joanne Carter"),
    ("harborough", "Luke Barnes", "Fiona Grant"),
    ("hinckley-bosworth", "Amira Begum", "David Shaw"),
    ("melton", "Ben Turner", "Ruth Hammond"),
    ("north-west-leicestershire", "Megan Price", "Andrew Cole"),
    ("oadby-wigston", "Zainab Ali", "Claire Hughes"),
    ("rutland", "Oliver Dean", "Sarah Lamb"),
    ("staffordshire", "Kieran Walsh", "Julie Fenton"),
    ("stoke-on-trent", "Aisha Malik", "Gary Boulton"),
)

# (name, display name, role, tenants, regions)
PEOPLE: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("demo-admin", "Priya Shah", "platform_admin", (), ()),
    ("demo-birmingham-officer", "Sam Patel", "csp_officer", ("birmingham",), ()),
    ("demo-birmingham-lead", "Alex Morgan", "csp_lead", ("birmingham",), ()),
    ("demo-west-midlands-analyst", "Rachel Green", "regional_lead", (), (WM,)),
    ("demo-west-midlands-opcc", "Victoria Lane", "pcc_officer", (), (WM,)),
    ("demo-auditor", "Mark Ellis", "auditor", (), (WM,)),
    ("demo-leicestershire-analyst", "Deepa Mistry", "regional_lead", (), (LLR,)),
    ("demo-leicestershire-opcc", "Owen Hartley", "pcc_officer", (), (LLR,)),
    ("demo-staffordshire-analyst", "Neil Chambers", "regional_lead", (), (STAFFS,)),
    ("demo-staffordshire-opcc", "Ruth Okafor", "pcc_officer", (), (STAFFS,)),
    ("demo-leicestershire-auditor", "Hannah Wood", "auditor", (), (LLR,)),
    ("demo-staffordshire-auditor", "Colin Marsh", "auditor", (), (STAFFS,)),
    ("demo-inspector", "Yasmin Rahman", "auditor", (), (WM, LLR, STAFFS)),
    # for the research agreements a regional lead records, and the anonymised national export
    ("demo-researcher", "Ellen Brooks", "researcher", (), ()),
    ("demo-national-analyst", "Kwame Mensah", "national_analyst", (), ()),
    *(
        person
        for tenant, officer, lead in PARTNERSHIP_STAFF[1:]
        for person in (
            (f"demo-{tenant}-officer", officer, "csp_officer", (tenant,), ()),
            (f"demo-{tenant}-lead", lead, "csp_lead", (tenant,), ()),
        )
    ),
)
# (name, display name, region, partner directory key): each region's police as an agency
# user, who updates the actions and IMRs asked of the police (``tenants/demo/shared.py``)
AGENCY_PEOPLE = (
    ("demo-west-midlands-police", "Femi Okafor", WM, "west-midlands-police"),
    ("demo-leicestershire-police", "Laura Bennett", LLR, "leicestershire-police"),
    ("demo-staffordshire-police", "Gareth Price", STAFFS, "staffordshire-police"),
)
# (name, role, tenants, regions), as before display names existed
DEMO_USERS = tuple(
    (name, role, tenants, regions) for name, _, role, tenants, regions in PEOPLE
) + tuple((name, "agency_contributor", (), (region,)) for name, _, region, _ in AGENCY_PEOPLE)
DISPLAY_NAMES = {name: shown for name, shown, *_ in (*PEOPLE, *AGENCY_PEOPLE)}


def ensure_users(platform: Platform) -> list[str]:
    """Add the demo users that are missing (naming any added before names existed); return
    every demo user's name."""
    existing = {u.name: u for u in platform.access.users()}
    for name, shown, role, tenants, regions in PEOPLE:
        found = existing.get(name)
        if found is None:
            platform.access.add_user(name, role, tenants, regions, display_name=shown)
        elif not found.display_name:
            platform.access.rename_user(name, shown)
    for name, shown, region, agency in AGENCY_PEOPLE:
        if name not in existing:
            platform.access.add_user(
                name, "agency_contributor", (), (region,), display_name=shown, agency=agency
            )
    return [name for name, *_ in PEOPLE] + [name for name, *_ in AGENCY_PEOPLE]


def agency_user_id(platform: Platform, region: str) -> str | None:
    """The id (as events record it) of the region's police demo user, if it has one."""
    for name, _, of_region, _ in AGENCY_PEOPLE:
        if of_region == region:
            try:
                return str(platform.access.user(name).id)
            except NotFoundError:
                return None
    return None


def staff_ids(platform: Platform, tenant: str) -> tuple[str | None, str | None]:
    """The ids (as events record them) of the tenant's demo officer and lead, if it has them."""
    ids: list[str | None] = []
    for role in ("officer", "lead"):
        try:
            ids.append(str(platform.access.user(f"demo-{tenant}-{role}").id))
        except NotFoundError:
            ids.append(None)
    return ids[0], ids[1]
