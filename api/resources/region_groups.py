"""Groups of partnerships (or a board) in the region's ledger, and their master action plan
built from the members' actions plus the group's own items."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from marshmallow import fields

from api.concurrency import etag_header, stored_version
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import command
from api.resources.reads import query
from api.resources.region_common import (
    create_in_region,
    group_plan,
    may_see,
    on_region,
    own_tenants,
    region_ledger,
)
from api.schemas.actionplan import PlanLineOut
from api.schemas.common import LEFT_OUT, Out
from api.schemas.region import (
    GroupIn,
    GroupItemIn,
    GroupItemUpdateIn,
    GroupOut,
    PlanItemOut,
)
from domain.region.agencies import agency_label

blp = api_blueprint(
    "region-groups", "/regions/<region>", "Groups of partnerships and their master action plans"
)
WRITE = Permission.REGION_LEDGER_WRITE
GROUP = "/groups/<key>"


@command(blp, "/groups", GroupIn, GroupOut, WRITE, 201)
def form_group(data: dict[str, Any], region: str) -> Any:
    """Form a group of partnerships (or a board) keeping one master action plan."""
    return create_in_region(region, lambda lg: lg.groups.form(**data))


@query(blp, "/groups", GroupOut(many=True), Permission.SHARED_READ)
def list_groups(region: str) -> Any:
    """The region's groups in the order formed (a partnership's users: the groups it is a
    member of)."""
    mine = own_tenants()
    with region_ledger(region, writing=False) as ledger:
        return [g for g in ledger.groups.all() if mine is None or mine & set(g.members)]


@query(blp, GROUP, GroupOut, Permission.SHARED_READ)
def get_group(region: str, key: str) -> Any:
    """A group, its members and the plan items it owns itself."""
    with region_ledger(region, writing=False) as ledger:
        found = ledger.groups.get(key)
        may_see(set(found.members))
        return found, etag_header(stored_version(found))


_on_group = on_region("groups.get")


@command(blp, f"{GROUP}/items", GroupItemIn, GroupOut, WRITE)
def add_item(data: dict[str, Any], region: str, key: str) -> Any:
    """Add an item the group owns (a board's multi-agency action)."""
    return _on_group(region, key, lambda lg: lg.groups.add_item(key, **data))


@command(blp, f"{GROUP}/items/<reference>/updates", GroupItemUpdateIn, GroupOut, WRITE)
def update_item(data: dict[str, Any], region: str, key: str, reference: str) -> Any:
    """Record progress on a group's own item, or its completion."""
    return _on_group(region, key, lambda lg: lg.groups.update_item(key, reference, **data))


class MemberLineOut(PlanLineOut):
    tenant = fields.String()
    owner_partner = fields.String(allow_none=True, metadata={"description": "directory key"})


class MasterPlanOut(Out):
    group, name = fields.String(), fields.String()
    members = fields.List(fields.String())
    lines = fields.List(fields.Nested(MemberLineOut))
    items = fields.List(fields.Nested(PlanItemOut))
    unreadable = fields.Integer(metadata={"description": f"the members' {LEFT_OUT}"})


@query(blp, f"{GROUP}/master-action-plan", MasterPlanOut, Permission.SHARED_READ)
def master_plan(region: str, key: str) -> Any:
    """Every member's actions in one plan, owners resolved to the partner directory, and the
    group's own items."""
    group, directory, found, left_out = group_plan(region, key)
    lines = [
        {
            **asdict(line),
            "tenant": tenant,
            "owner_partner": partner.key if partner else None,
            "owner_name": agency_label(directory, line.owner),
        }
        for tenant, line, partner in found
    ]
    return {
        "group": group.key,
        "name": group.name,
        "members": list(group.members),
        "lines": lines,
        "items": list(group.items.values()),
        "unreadable": sum(left_out.values()),
    }
