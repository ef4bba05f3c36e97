"""A partnership's own theme taxonomy and action-plan settings: reference data its lead keeps.

Adding and retiring change the taxonomy as a whole, so both are guarded by the taxonomy's
ETag (from GET .../themes; "0" before anything was ever recorded). A theme's code is its
natural key: a retried add answers 412 or 409, never a second theme.
"""

from __future__ import annotations

from typing import Any

from api.concurrency import etag_header
from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import apply, command
from api.resources.reads import query, read_one
from api.schemas.themes import (
    IntervalIn,
    RetirementIn,
    SettingsOut,
    ThemeIn,
    ThemeOut,
    ThemeQueryIn,
)

blp = api_blueprint(
    "taxonomy",
    "/tenants/<tenant>/action-plan",
    "The partnership's theme taxonomy (its own and its region's) and plan settings",
)
LEAD = Permission.TENANT_SETTINGS


@query(blp, "/themes", ThemeOut(many=True), Permission.REFERENCE_READ, args=ThemeQueryIn)
def themes(args: dict[str, Any], tenant: str) -> Any:
    """The partnership's themes (Home Office Library compatible, its region's, its own).

    Reference data, no case content: anyone who may see the partnership may read them."""
    with tenant_ledger(tenant, writing=False) as ledger:
        listing = ledger.themes.listing()
    kind, everything = args["kind"], args["include_retired"]
    found = [
        e
        for e in listing.entries
        if (kind is None or e.theme.kind == kind) and (everything or e.active)
    ]
    return found, etag_header(listing.version)


@command(blp, "/themes", ThemeIn, ThemeOut, LEAD, status=201)
def add_theme(data: dict[str, Any], tenant: str) -> Any:
    """Add a theme of the partnership's own, mapped to a Home Office Library code."""
    listing, headers = apply(
        tenant,
        lambda lg: lg.themes.listing(),
        lambda lg: lg.themes.add(**data),
    )
    return listing.entry(data["code"]), headers


@command(
    blp, "/themes/<code>/retirement", RetirementIn(rename={"on": "retired_on"}), ThemeOut, LEAD
)
def retire_theme(data: dict[str, Any], tenant: str, code: str) -> Any:
    """Retire a theme: nothing new is tagged with it; old tags keep their meaning."""
    listing, headers = apply(
        tenant,
        lambda lg: lg.themes.listing(),
        lambda lg: lg.themes.retire(code, **data),
    )
    return listing.entry(code), headers


@query(blp, "/settings", SettingsOut)
def settings(tenant: str) -> Any:
    """The action-plan settings; the ETag guards changing them."""
    return read_one(tenant, lambda ledger: ledger.plan.settings())


@command(blp, "/settings/impact-review-interval", IntervalIn, SettingsOut, LEAD)
def set_interval(data: dict[str, Any], tenant: str) -> Any:
    """How many months after completion an action's impact is reviewed (default 6)."""
    return apply(
        tenant,
        lambda lg: lg.plan.settings(),
        lambda lg: lg.plan.set_impact_review_interval(**data),
    )
