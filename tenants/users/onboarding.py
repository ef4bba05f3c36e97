"""Adding a user checks the grants name real tenants and regions first."""

from __future__ import annotations

from domain.errors import InvalidValueError
from tenants.platform import Platform
from tenants.users.model import Role, UserInfo


def add_user(
    platform: Platform,
    name: str,
    role: Role | str,
    tenants: tuple[str, ...],
    regions: tuple[str, ...],
    *,
    display_name: str = "",
    email: str = "",
    agency: str = "",
) -> UserInfo:
    for tenant in tenants:
        platform.registry.tenant(tenant)
    for region in regions:
        platform.registry.region(region)
    if agency:
        check_agency(platform, agency, tenants, regions)
    return platform.access.add_user(
        name, role, tenants, regions, display_name=display_name, email=email, agency=agency
    )


def check_agency(
    platform: Platform, agency: str, tenants: tuple[str, ...], regions: tuple[str, ...]
) -> None:
    """An agency user's agency is an entry of the partner directory of the region they work in
    (a 422 lists the valid keys); a partnership (CSP) entry is not an agency."""
    for region in {*regions, *(platform.registry.tenant(t).region for t in tenants)}:
        with platform.region_ledgers.lease(region, writing=False) as ledger:
            partner = ledger.partners.check(agency)
        if partner.tenant is not None:
            raise InvalidValueError(
                f"'{agency}' is a partnership, not an agency; pick a body that owns actions."
            )
