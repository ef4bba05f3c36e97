"""What a download's notes sheet says about whose table it is."""

from __future__ import annotations

from typing import Any

from tenants.platform import Platform

Notes = list[tuple[str, Any]]


def whose(platform: Platform, region: str | None = None, tenant: str | None = None) -> Notes:
    """The region and partnership as people call them ("West Midlands", not its key): the key
    is already in the file's name."""
    found: Notes = []
    if region is not None:
        found.append(("Region", platform.registry.region(region).name))
    if tenant is not None:
        found.append(("Partnership", platform.registry.tenant(tenant).name))
    return found
