"""Pages for what partnerships share, from the region's own ledger: the ledger itself for
OPCC staff and regional leads (budget lines and decisions, pots, the partner directory),
each pot's statement and forecast for those who pay into it (a partnership's Money page,
``partnership_money.py``, links the pots it pays into), and a group's master plan.

OPCC staff record budget lines, decisions, allocations and payments and open pots from the
ledger page, and a pot's partners, contributions, spend, plan and year-end from its page
(``region_money.py``), and keep the partner directory (``directory.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import Blueprint, render_template, request, url_for

from api.context import may, platform, requires
from api.policy import Permission
from api.resources.region_common import master_plan_rows, may_see, own_tenants, region_ledger
from api.web import navigation
from api.web.action_words import LIVE
from api.web.group_forms import KINDS
from api.web.pots import CORRECTS, RECORDS, SIGNS_OFF, links, year_on_page
from domain.actionplan import ActionStatus
from domain.calendar import uk_today
from domain.funding import BudgetKind, PooledBudget
from tenants.model import TenantStatus
from tenants.region_ledger import RegionLedger
from tenants.users import Role, UserInfo

bp = Blueprint("shared", __name__)
SECTORS = {
    "csp": "Community safety partnership",
    "county_council": "County council",
    "city_council": "City council",
    "police": "Police force",
    "pcc": "Police and Crime Commissioner",
    "health": "Health",
    "social_care": "Social care",
    "probation": "Probation",
    "fire": "Fire and rescue",
    "housing": "Housing",
    "business_office": "Business office",
    "da_service": "Domestic abuse service",
    "board": "Board",
    "other": "Other",
}


def _region_of(user: UserInfo) -> dict[str, Any]:
    if user.regions:
        return {"region": user.regions[0]}
    return {"region": platform().registry.recent_tenant(user.tenants[0]).region}


navigation.section(
    "Region ledger",
    "web.shared.ledger",
    {Role.PCC_OFFICER, Role.REGIONAL_LEAD},
    _region_of,
    order=40,
)
navigation.home_for(Role.PCC_OFFICER, "web.shared.ledger", _region_of)


def _page(template: str, region: str, **context: Any) -> str:
    """A page about the shared money of ``region``."""
    return render_template(template, region=platform().registry.region(region), **context)


@bp.route("/regions/<region>/ledger")
@requires(Permission.REGION_LEDGER_READ)
def ledger(region: str) -> Any:
    """The region's own ledger at a glance."""
    with region_ledger(region, writing=False) as lg:
        listing = lg.funding.budgets()
        lines = [lg.funding.line(b.budget_id) for b in listing if b.kind == BudgetKind.BUDGET_LINE]
        pots = [b for b in listing if b.kind == BudgetKind.POOLED_BUDGET]
        partners = sorted(lg.partners.all(), key=lambda p: (p.sector.value, p.name))
        budgets, services, groups = lg.commissioning.all(), lg.services.all(), lg.groups.all()
    return _page(
        "shared/ledger.html",
        region,
        sectors=SECTORS,
        names={p.key: p.name for p in partners} | {p.tenant: p.name for p in partners if p.tenant},
        lines=lines,
        pots=pots,
        budgets=budgets,
        services=services,
        groups=groups,
        partners=partners,
        not_listed=_not_listed(region, partners),
        today=uk_today(),
        can_record=may(Permission.REGION_LEDGER_WRITE),
    )


def _not_listed(region: str, partners: list[Any]) -> list[str]:
    """The region's active partnerships its directory does not list yet, by name: registering
    a partnership does not add it to the region's directory (the OPCC names its bodies), so
    until someone does, no pot can take it as a partner and no money can be allocated to it."""
    listed = {p.tenant for p in partners if p.tenant}
    return sorted(
        t.name
        for t in platform().registry.tenants(region)
        if t.status == TenantStatus.ACTIVE and t.slug not in listed
    )


@bp.route("/regions/<region>/pots")
@requires(Permission.SHARED_READ)
def pots(region: str) -> Any:
    """The pots a partnership pays into (every pot, for regional roles)."""
    mine = own_tenants()
    with region_ledger(region, writing=False) as lg:
        found = [
            b
            for b in lg.funding.budgets()
            if b.kind == BudgetKind.POOLED_BUDGET
            and (mine is None or lg.pooled.partner_tenants(b.budget_id) & mine)
        ]
    return _page("shared/pots.html", region, pots=found, regional=mine is None)


@bp.route("/regions/<region>/pots/<uuid:pool>")
@requires(Permission.SHARED_READ)
def pot(region: str, pool: UUID) -> Any:
    """A pot's year on the cash and accruals bases, and a forecast at the DHRs asked for."""
    with region_ledger(region, writing=False) as lg:
        found = seen_pot(lg, pool)
        names = partner_names(lg, found)
        year = year_on_page(lg, pool)
    return _page(
        "shared/pot.html",
        region,
        pot=found,
        names=names,
        can_read_ledger=may(Permission.REGION_LEDGER_READ),
        add_partner_link=url_for("web.region_money.add_partner", region=region, pool=pool)
        if may(Permission.REGION_LEDGER_WRITE)
        else None,
        **year,
        **links(
            "region_money",
            {RECORDS, SIGNS_OFF, CORRECTS} if may(Permission.REGION_LEDGER_WRITE) else set(),
            year,
            region=region,
            pool=pool,
        ),
    )


def seen_pot(ledger: RegionLedger, pool: UUID) -> PooledBudget:
    """A pot the region hosts, once the user may see it: a partnership's users only those
    their partnership pays into (else it is not found)."""
    may_see(ledger.pooled.partner_tenants(pool))
    return ledger.pooled.get(pool)


def partner_names(ledger: RegionLedger, pot: Any) -> dict[str, str]:
    """A pot's partners by key, named as the region's directory names them now (else as the
    pot recorded them)."""
    listed = ledger.partners.directory().partners
    return {k: listed[k].name if k in listed else v for k, v in pot.partners.items()}


# The lists a member's count on a group's page leads to (``?show=``): each count's own
# actions, as the partnership's action plan filters its own (``actions.SHOW_FILTERS``).
SHOWN: dict[str, tuple[str, Callable[[dict[str, Any]], bool]]] = {
    "": ("actions", lambda line: True),
    "live": ("actions not yet completed", lambda line: ActionStatus(line["status"]) in LIVE),
    "overdue": ("overdue actions", lambda line: bool(line["overdue"])),
    "awaiting_impact_review": (
        "actions awaiting impact review",
        lambda line: bool(line["awaiting_impact_review"]),
    ),
}


@bp.route("/regions/<region>/groups/<key>")
@requires(Permission.SHARED_READ)
def group(region: str, key: str) -> Any:
    """A group's master action plan: every member's actions, and the group's own items with
    their updates (recorded by OPCC staff from here, ``groups.py``). ``?member=`` (a member's
    slug) and ``?show=`` (``SHOWN``) list the actions one count of the members' table counts."""
    found, plan = master_plan_rows(region, key)
    names = {t.slug: t.name for t in platform().registry.tenants(region)}
    show = request.args.get("show", "")
    show = show if show in SHOWN else ""
    member = request.args.get("member", "")
    member = member if member in {*found.members, *(ln["tenant"] for ln in plan["lines"])} else ""
    what, keeps = SHOWN[show]
    lines = [
        line for line in plan["lines"] if keeps(line) and (not member or line["tenant"] == member)
    ]
    return _page(
        "shared/group.html",
        region,
        group=found,
        plan=plan,
        lines=lines,
        filtered=bool(show or member),
        shown=f"{names.get(member, member)}'s {what}" if member else what,
        shown_as={show: words for show, (words, _) in SHOWN.items()},
        by_member=by_member(plan["lines"], {m: names.get(m, m) for m in found.members}),
        names=names,
        kind=KINDS[found.kind.value],
        can_record=may(Permission.REGION_LEDGER_WRITE),
        protective_marking=True,
    )


def by_member(lines: list[dict[str, Any]], members: dict[str, str]) -> list[dict[str, Any]]:
    """Each member's actions counted as a meeting goes round the table: how many, how many
    not yet completed and overdue, and how many await their impact review, with the member's
    slug for the links to the actions each counts (``SHOWN``). Every member has its row, none
    at all a row of noughts: a member left out read as one forgotten."""
    counts: dict[str, dict[str, Any]] = {}
    named = {**members, **{line["tenant"]: line["partnership"] for line in lines}}
    for slug, name in named.items():
        counts[slug] = {"tenant": slug, "partnership": name}
        counts[slug] |= {show or "actions": 0 for show in SHOWN}
    for line in lines:
        row = counts[line["tenant"]]
        for show, (_, keeps) in SHOWN.items():
            row[show or "actions"] += keeps(line)
    return sorted(counts.values(), key=lambda row: str(row["partnership"]))
