"""Commissioned services in the region's ledger: providers from the directory, funding
agreements with funders' shares, extensions, handovers, tender milestones and payments."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from api.context import requires
from api.policy import Permission
from api.resources.commands import command
from api.resources.region_common import (
    apply_region,
    create_in_region,
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
    return create_in_region(region, lambda lg: lg.open_service(**data))


@blp.route(SERVICE, methods=["GET"])
@blp.response(200, ServiceOut)
@requires(READ)
def get_service(region: str, reference: str) -> Any:
    """A commissioned service: providers over time, funding agreements, milestones, payments."""
    return read_in_region(region, lambda lg: lg.service(reference))


def _on_service(region: str, reference: str, act: Any) -> Any:
    return apply_region(region, lambda lg: lg.service(reference), act)


@command(blp, f"{SERVICE}/funding-agreements", AgreementIn, ServiceOut, WRITE)
def agree_funding(data: dict[str, Any], region: str, reference: str) -> Any:
    """A funding agreement: period, annual value, and each funder's share."""
    return _on_service(region, reference, lambda lg: lg.agree_service_funding(reference, **data))


@command(blp, f"{SERVICE}/extensions", ExtensionIn, ServiceOut, WRITE)
def extend(data: dict[str, Any], region: str, reference: str) -> Any:
    """Extend an agreement (e.g. until the new services start)."""
    return _on_service(region, reference, lambda lg: lg.extend_service_funding(reference, **data))


@command(blp, f"{SERVICE}/handovers", HandoverIn, ServiceOut, WRITE)
def hand_over(data: dict[str, Any], region: str, reference: str) -> Any:
    """Another provider takes the service over."""
    return _on_service(region, reference, lambda lg: lg.hand_over_service(reference, **data))


@command(blp, f"{SERVICE}/milestones", MilestoneIn, ServiceOut, WRITE)
def plan_milestone(data: dict[str, Any], region: str, reference: str) -> Any:
    """Plan a tender milestone."""
    return _on_service(region, reference, lambda lg: lg.plan_service_milestone(reference, **data))


@command(blp, f"{SERVICE}/milestones-reached", MilestoneReachedIn, ServiceOut, WRITE)
def reach_milestone(data: dict[str, Any], region: str, reference: str) -> Any:
    """Record that a tender milestone was reached."""
    return _on_service(region, reference, lambda lg: lg.reach_service_milestone(reference, **data))


@command(blp, f"{SERVICE}/payments", ServicePaymentIn, ServiceOut, WRITE)
def pay(data: dict[str, Any], region: str, reference: str) -> Any:
    """Money paid to the provider by one funder under one agreement."""
    return _on_service(region, reference, lambda lg: lg.pay_service(reference, **data))
