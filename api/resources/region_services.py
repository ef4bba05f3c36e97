"""Commissioned services in the region's ledger: providers from the directory, funding
agreements with funders' shares, extensions, handovers, tender milestones and payments."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from api.policy import Permission
from api.resources.commands import Command, command, register
from api.resources.reads import query
from api.resources.region_common import (
    create_in_region,
    on_region,
    read_in_region,
)
from api.schemas.region import (
    AgreementIn,
    ExtensionIn,
    HandoverIn,
    MilestoneIn,
    MilestoneReachedIn,
    ServiceIn,
    ServiceOut,
    ServicePaymentIn,
)

blp = Blueprint(
    "region-services",
    __name__,
    url_prefix="/api/v1/regions/<region>",
    description="Commissioned services: agreements, extensions, handovers, milestones",
)
WRITE, READ = Permission.REGION_LEDGER_WRITE, Permission.REGION_LEDGER_READ
SERVICE = "/services/<reference>"


@command(blp, "/services", ServiceIn, ServiceOut, WRITE, 201)
def open_service(data: dict[str, Any], region: str) -> Any:
    """Record a commissioned service and its provider (directory partners)."""
    return create_in_region(region, lambda lg: lg.services.open(**data))


@query(blp, SERVICE, ServiceOut, READ)
def get_service(region: str, reference: str) -> Any:
    """A commissioned service: providers over time, funding agreements, milestones, payments."""
    return read_in_region(region, lambda lg: lg.services.get(reference))


_on_service = on_region("services.get")


SERVICE_COMMANDS = (
    Command(
        "agree_funding",
        f"{SERVICE}/funding-agreements",
        AgreementIn,
        "services.agree_funding",
        "A funding agreement: period, annual value, and each funder's share.",
    ),
    Command(
        "extend",
        f"{SERVICE}/extensions",
        ExtensionIn,
        "services.extend_funding",
        "Extend an agreement (e.g. until the new services start).",
    ),
    Command(
        "hand_over",
        f"{SERVICE}/handovers",
        HandoverIn,
        "services.hand_over",
        "Another provider takes the service over.",
    ),
    Command(
        "plan_milestone",
        f"{SERVICE}/milestones",
        MilestoneIn,
        "services.plan_milestone",
        "Plan a tender milestone.",
    ),
    Command(
        "reach_milestone",
        f"{SERVICE}/milestones-reached",
        MilestoneReachedIn,
        "services.reach_milestone",
        "Record that a tender milestone was reached.",
    ),
    Command(
        "pay",
        f"{SERVICE}/payments",
        ServicePaymentIn,
        "services.pay",
        "Money paid to the provider by one funder under one agreement.",
    ),
)
register(blp, ServiceOut, _on_service, ("region", "reference"), WRITE, SERVICE_COMMANDS)
