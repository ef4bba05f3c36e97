"""Regions: platform administrators create and rename them."""

from __future__ import annotations

from typing import Any

from api.concurrency import IF_MATCH_DOC, etag_header, if_match
from api.context import platform, requires
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import PRECONDITIONS, admin_once, creation
from api.resources.reads import query
from api.schemas.admin import NameIn, RegionIn, RegionOut
from tenants.model import Region

blp = api_blueprint("regions", "/regions", "Regions (platform admin)")


@query(blp, "", RegionOut(many=True), Permission.ADMIN)
def list_regions() -> Any:
    """List every region."""
    return platform().registry.regions()


@creation(blp, "", RegionIn, RegionOut, Permission.ADMIN)
def create_region(data: dict[str, Any]) -> Any:
    """Create a region."""
    registry = platform().registry
    admin_once(registry, "regions", "Region", data, lambda: registry.create_region(**data))
    return registry.region(data["slug"])


@query(blp, "/<region>", RegionOut, Permission.ADMIN)
def get_region(region: str) -> Any:
    """One region; its ETag guards renames."""
    registry = platform().registry
    return registry.region(region), etag_header(version(region))


@blp.route("/<region>/name", methods=["POST"])
@blp.arguments(NameIn)
@blp.response(200, RegionOut)
@blp.doc(parameters=[IF_MATCH_DOC], responses=PRECONDITIONS)
@requires(Permission.ADMIN)
def rename_region(data: dict[str, Any], region: str) -> Any:
    """Rename a region."""
    registry = platform().registry
    registry.region(region)
    with if_match(Region.create_id(region), version(region)):
        registry.rename_region(region, **data)
    return registry.region(region), etag_header(version(region))


def version(region: str) -> int:
    return platform().registry.repository.get(Region.create_id(region)).version
