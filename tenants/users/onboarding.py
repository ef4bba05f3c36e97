"""Adding a user checks the grants name real tenants and regions first."""

from __future__ import annotations

from tenants.platform import Platform
from tenants.users.model import Role, UserInfo


def add_user(
    platform: Platform,
    name: str,
    role: Role | str,
    tenants: tuple[str, ...],
    regions: tuple[str, ...],
    display_name: str = "",
    email: str = "",
) -> UserInfo:
    for tenant in tenants:
        platform.registry.tenant(tenant)
    for region in regions:
        platform.registry.region(region)
    return platform.access.add_user(name, role, tenants, regions, display_name, email)
