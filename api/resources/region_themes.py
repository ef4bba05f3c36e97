"""A region's own themes: its regional lead (or a platform administrator) adds and retires them,
and every partnership of the region follows (see ``tenants/region_theme_changes.py``).

Themes are reference data, not case content, so anyone who may see the region may read them.
Changes are guarded by the region list's ETag ("0" before the region added any theme).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from api.concurrency import etag_header, if_match
from api.context import platform
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import command
from api.resources.reads import query
from api.schemas.themes import RetirementIn, ThemeIn, ThemeOut
from tenants.region_theme_changes import add_region_theme, retire_region_theme

blp = api_blueprint(
    "region-themes",
    "/regions/<region>/themes",
    "A region's own themes, followed by every partnership in it",
)
MANAGE = Permission.REFERENCE_MANAGE


@query(blp, "", ThemeOut(many=True), Permission.REFERENCE_READ)
def region_themes(region: str) -> Any:
    """Every theme the region added, retired ones included; the ETag guards changes."""
    listing = platform().region_themes.listing(region)
    return list(listing.entries), etag_header(listing.version)


@command(blp, "", ThemeIn, ThemeOut, MANAGE, status=201)
def add(data: dict[str, Any], region: str) -> Any:
    """Add a theme for every partnership of the region, mapped to a Home Office code."""
    return _change(
        region,
        data["code"],
        lambda: add_region_theme(platform(), region, **data),
    )


@command(blp, "/<code>/retirement", RetirementIn(rename={"on": "retired_on"}), ThemeOut, MANAGE)
def retire(data: dict[str, Any], region: str, code: str) -> Any:
    """Retire a region theme in the region and every partnership of it; old tags keep meaning."""
    return _change(
        region,
        code,
        lambda: retire_region_theme(platform(), region, code, **data),
    )


def _change(region: str, code: str, act: Callable[[], Any]) -> Any:
    themes = platform().region_themes
    before = themes.listing(region)
    with if_match(before.id, before.version):
        act()
    after = themes.listing(region)
    return after.entry(code), etag_header(after.version)
