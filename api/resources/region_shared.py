"""Shared work in the region's ledger: commissioning budgets with minimum spends per area,
commissioned services, groups of partnerships with a master action plan, demand figures.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask_smorest import Blueprint, abort
from marshmallow import fields

from api.concurrency import etag_header, stored_version
from api.context import platform, requires
from api.policy import Permission
from api.resources.commands import command
from api.resources.region_common import apply_region, may_see, own_tenants, region_ledger
from api.resources.views import shared_views
from api.schemas.actionplan import PlanLineOut
from api.schemas.common import Out
from api.schemas.region import (
    AgreementIn,
    CommissioningAllocationIn,
    CommissioningIn,
    CommissioningOut,
    CommissioningYearIn,
    DemandIn,
    ExtensionIn,
    GroupIn,
    GroupItemIn,
    GroupItemUpdateIn,
    GroupOut,
    HandoverIn,
    MilestoneIn,
    MilestoneReachedIn,
    PlanItemOut,
    ServiceIn,
    ServiceOut,
    ServicePaymentIn,
)
from projections.queries.demand import deaths_by_year

blp = Blueprint(
    "region-shared",
    __name__,
    url_prefix="/api/v1/regions/<region>",
    description="Commissioning budgets, commissioned services, groups' master plans, demand",
)
WRITE, READ = Permission.REGION_LEDGER_WRITE, Permission.REGION_LEDGER_READ
BUDGET, SERVICE, GROUP = (
    "/commissioning-budgets/<reference>",
    "/services/<reference>",
    "/groups/<key>",
)


def _created(region: str, make: Any, get: Any) -> Any:
    with region_ledger(region) as ledger:
        make(ledger)
        found = get(ledger)
        return found, etag_header(stored_version(found))


def _read(region: str, get: Any) -> Any:
    with region_ledger(region, writing=False) as ledger:
        found = get(ledger)
        return found, etag_header(stored_version(found))


@command(blp, "/commissioning-budgets", CommissioningIn, CommissioningOut, WRITE, 201)
def open_budget(data: dict[str, Any], region: str) -> Any:
    """Open a joint commissioning budget with its lead commissioner (a directory partner)."""
    return _created(
        region,
        lambda lg: lg.open_commissioning_budget(
            data["reference"], data["name"], data["lead"], data["on"]
        ),
        lambda lg: lg.commissioning_budget(data["reference"]),
    )


@blp.route(BUDGET, methods=["GET"])
@blp.response(200, CommissioningOut)
@requires(READ)
def get_budget(region: str, reference: str) -> Any:
    """A commissioning budget: each year's value, minimum spend and allocations per area."""
    return _read(region, lambda lg: lg.commissioning_budget(reference))


@command(blp, f"{BUDGET}/years", CommissioningYearIn, CommissioningOut, WRITE)
def budget_year(data: dict[str, Any], region: str, reference: str) -> Any:
    """Set a year's value and the minimum spend per area."""
    floors = [(m["area"], m["minimum"]) for m in data["minimums"]]
    return apply_region(
        region,
        lambda lg: lg.commissioning_budget(reference),
        lambda lg: lg.budget_commissioning_year(
            reference, data["year"], data["annual_value"], floors, data["on"]
        ),
    )


@command(blp, f"{BUDGET}/allocations", CommissioningAllocationIn, CommissioningOut, WRITE)
def allocate(data: dict[str, Any], region: str, reference: str) -> Any:
    """Allocate to an area; refused (409) if any area could then not reach its minimum."""
    return apply_region(
        region,
        lambda lg: lg.commissioning_budget(reference),
        lambda lg: lg.allocate_commissioning(
            reference, data["year"], data["area"], data["amount"], data["purpose"], data["on"]
        ),
    )


@command(blp, "/services", ServiceIn, ServiceOut, WRITE, 201)
def open_service(data: dict[str, Any], region: str) -> Any:
    """Record a commissioned service and its provider (directory partners)."""
    return _created(
        region,
        lambda lg: lg.open_service(
            data["reference"], data["name"], data["provider"], data["area"], data["on"]
        ),
        lambda lg: lg.service(data["reference"]),
    )


@blp.route(SERVICE, methods=["GET"])
@blp.response(200, ServiceOut)
@requires(READ)
def get_service(region: str, reference: str) -> Any:
    """A commissioned service: providers over time, funding agreements, milestones, payments."""
    return _read(region, lambda lg: lg.service(reference))


def _on_service(region: str, reference: str, act: Any) -> Any:
    return apply_region(region, lambda lg: lg.service(reference), act)


@command(blp, f"{SERVICE}/funding-agreements", AgreementIn, ServiceOut, WRITE)
def agree_funding(data: dict[str, Any], region: str, reference: str) -> Any:
    """A funding agreement: period, annual value, and each funder's share."""
    shares = [(s["funder"], s["amount"]) for s in data["shares"]]
    return _on_service(
        region,
        reference,
        lambda lg: lg.agree_service_funding(
            reference,
            data["reference"],
            data["starts_on"],
            data["ends_on"],
            data["annual_value"],
            shares,
        ),
    )


@command(blp, f"{SERVICE}/extensions", ExtensionIn, ServiceOut, WRITE)
def extend(data: dict[str, Any], region: str, reference: str) -> Any:
    """Extend an agreement (e.g. until the new services start)."""
    return _on_service(
        region,
        reference,
        lambda lg: lg.extend_service_funding(
            reference, data["agreement"], data["ends_on"], data["reason"]
        ),
    )


@command(blp, f"{SERVICE}/handovers", HandoverIn, ServiceOut, WRITE)
def hand_over(data: dict[str, Any], region: str, reference: str) -> Any:
    """Another provider takes the service over."""
    return _on_service(
        region,
        reference,
        lambda lg: lg.hand_over_service(reference, data["provider"], data["on"], data["reason"]),
    )


@command(blp, f"{SERVICE}/milestones", MilestoneIn, ServiceOut, WRITE)
def plan_milestone(data: dict[str, Any], region: str, reference: str) -> Any:
    """Plan a tender milestone."""
    return _on_service(
        region,
        reference,
        lambda lg: lg.plan_service_milestone(reference, data["name"], data["due_on"]),
    )


@command(blp, f"{SERVICE}/milestones-reached", MilestoneReachedIn, ServiceOut, WRITE)
def reach_milestone(data: dict[str, Any], region: str, reference: str) -> Any:
    """Record that a tender milestone was reached."""
    return _on_service(
        region,
        reference,
        lambda lg: lg.reach_service_milestone(reference, data["name"], data["on"]),
    )


@command(blp, f"{SERVICE}/payments", ServicePaymentIn, ServiceOut, WRITE)
def pay(data: dict[str, Any], region: str, reference: str) -> Any:
    """Money paid to the provider by one funder under one agreement."""
    return _on_service(
        region,
        reference,
        lambda lg: lg.pay_service(
            reference, data["agreement"], data["funder"], data["amount"], data["on"]
        ),
    )


@command(blp, "/groups", GroupIn, GroupOut, WRITE, 201)
def form_group(data: dict[str, Any], region: str) -> Any:
    """Form a group of partnerships (or a board) keeping one master action plan."""
    return _created(
        region,
        lambda lg: lg.form_group(
            data["key"], data["name"], data["kind"], data["owner"], data["members"], data["on"]
        ),
        lambda lg: lg.group(data["key"]),
    )


@blp.route(GROUP, methods=["GET"])
@blp.response(200, GroupOut)
@requires(Permission.SHARED_READ)
def get_group(region: str, key: str) -> Any:
    """A group, its members and the plan items it owns itself."""
    with region_ledger(region, writing=False) as ledger:
        found = ledger.group(key)
        may_see(set(found.members))
        return found, etag_header(stored_version(found))


@command(blp, f"{GROUP}/items", GroupItemIn, GroupOut, WRITE)
def add_item(data: dict[str, Any], region: str, key: str) -> Any:
    """Add an item the group owns (a board's multi-agency action)."""
    return apply_region(
        region,
        lambda lg: lg.group(key),
        lambda lg: lg.add_group_item(
            key, data["reference"], data["text"], data["owner"], data["due_on"], data["on"]
        ),
    )


@command(blp, f"{GROUP}/items/<reference>/updates", GroupItemUpdateIn, GroupOut, WRITE)
def update_item(data: dict[str, Any], region: str, key: str, reference: str) -> Any:
    """Record progress on a group's own item, or its completion."""
    return apply_region(
        region,
        lambda lg: lg.group(key),
        lambda lg: lg.update_group_item(
            key, reference, data["note"], data["on"], data["completed"]
        ),
    )


class MemberLineOut(PlanLineOut):
    tenant = fields.String()
    owner_partner = fields.String(allow_none=True, metadata={"description": "directory key"})


class MasterPlanOut(Out):
    group, name = fields.String(), fields.String()
    members = fields.List(fields.String())
    lines = fields.List(fields.Nested(MemberLineOut))
    items = fields.List(fields.Nested(PlanItemOut))


@blp.route(f"{GROUP}/master-action-plan", methods=["GET"])
@blp.response(200, MasterPlanOut)
@requires(Permission.SHARED_READ)
def master_plan(region: str, key: str) -> Any:
    """Every member's actions in one plan, owners resolved to the partner directory, and the
    group's own items."""
    with region_ledger(region, writing=False) as ledger:
        group = ledger.group(key)
        may_see(set(group.members))
        directory = ledger.directory()
    lines = []
    for tenant in group.members:
        with platform().ledgers.lease(tenant, writing=False) as member:
            for line in member.master_plan():
                found = directory.resolve(line.owner)
                lines.append(
                    {
                        **asdict(line),
                        "tenant": tenant,
                        "owner_partner": found.key if found else None,
                    }
                )
    return {
        "group": group.key,
        "name": group.name,
        "members": list(group.members),
        "lines": lines,
        "items": list(group.items.values()),
    }


class FigureOut(Out):
    indicator, area = fields.String(), fields.String()
    period = fields.Function(lambda f: f.period.label)
    value = fields.Integer()
    recorded_on = fields.Date()


class DemandOut(Out):
    version = fields.Integer()
    figures = fields.Function(
        lambda d: FigureOut(many=True).dump(
            sorted(d.figures.values(), key=lambda f: (f.indicator, f.area, f.period))
        )
    )


@command(blp, "/demand", DemandIn, DemandOut, Permission.SHARED_RECORD)
def record_demand(data: dict[str, Any], region: str) -> Any:
    """Record a demand figure (MARAC cases, repeats, referrals) for an area and period:
    OPCC staff for any area, a partnership's officers and leads for their own."""
    mine = own_tenants()
    if mine is not None:
        with region_ledger(region, writing=False) as ledger:
            own = {p.key for t in mine if (p := ledger.directory().for_tenant(t))}
        if data["area"] not in own:
            abort(
                403,
                message="A partnership records demand for its own area only; "
                "ask the OPCC to record figures for other areas.",
            )
    return apply_region(
        region,
        lambda lg: lg.demand(),
        lambda lg: lg.record_demand(
            data["indicator"],
            data["area"],
            data["period"],
            data["value"],
            data["on"],
            data["reason"],
        ),
    )


@blp.route("/demand", methods=["GET"])
@blp.response(200, DemandOut)
@requires(Permission.REGION_VIEW)
def demand(region: str) -> Any:
    """Demand figures by indicator, area and period, oldest first: the trend beside the DHRs."""
    return _read(region, lambda lg: lg.demand())


class TrendOut(Out):
    indicator, area, period = fields.String(), fields.String(), fields.String()
    value, recorded_on = fields.Integer(), fields.String()
    change = fields.Integer(
        allow_none=True, metadata={"description": "against the previous period of the same length"}
    )


class DeathsOut(Out):
    year = fields.String()
    notified, commenced = fields.Integer(), fields.Integer()


class DemandBesideDeathsOut(Out):
    region = fields.String()
    demand = fields.List(fields.Nested(TrendOut))
    dhrs_by_year = fields.List(fields.Nested(DeathsOut))


@blp.route("/views/demand", methods=["GET"])
@blp.response(200, DemandBesideDeathsOut)
@requires(Permission.REGION_VIEW)
def demand_beside_deaths(region: str) -> Any:
    """Demand figures with their trend, beside the DHRs notified and commenced each year."""
    with region_ledger(region, writing=False) as ledger:
        figures = sorted(
            ledger.demand().figures.values(), key=lambda f: (f.indicator, f.area, f.period)
        )
    trend: list[dict[str, Any]] = []
    previous: dict[tuple[str, str, bool], int] = {}
    for f in figures:
        key = (f.indicator, f.area, f.period.quarter is None)
        before = previous.get(key)
        trend.append(
            {**FigureOut().dump(f), "change": None if before is None else f.value - before}
        )
        previous[key] = f.value
    with shared_views() as views:
        deaths = deaths_by_year(views, region)
    return {"region": region, "demand": trend, "dhrs_by_year": deaths}
