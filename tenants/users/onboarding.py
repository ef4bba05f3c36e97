"""Adding a user, or changing their role and grants, checks the grants name real tenants and
regions first, and no partnership that has left the platform."""

from __future__ import annotations

from domain.errors import InvalidTransitionError, InvalidValueError
from tenants.model import TenantStatus
from tenants.platform import Platform
from tenants.registry import TenantInfo
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
    check_places(platform, tenants, regions, agency)
    return platform.access.add_user(
        name, role, tenants, regions, display_name=display_name, email=email, agency=agency
    )


def change_grants(
    platform: Platform,
    name: str,
    role: Role | str,
    tenants: tuple[str, ...],
    regions: tuple[str, ...],
    agency: str = "",
) -> UserInfo:
    """A partnership the user already has stays theirs if it has left since (an auditor still
    reads it); only one newly granted must be on the platform."""
    held = platform.access.user(name).tenants
    check_places(platform, tenants, regions, agency, held=held)
    return platform.access.change_grants(name, role, tenants, regions, agency)


def check_places(
    platform: Platform,
    tenants: tuple[str, ...],
    regions: tuple[str, ...],
    agency: str,
    held: tuple[str, ...] = (),
) -> None:
    """Each grant names a real partnership or region, and a partnership not ``held`` already
    is still on the platform; an agency is one of the directory where they work."""
    for tenant in tenants:
        found = platform.registry.tenant(tenant)
        if tenant not in held:
            check_grantable(found)
    for region in regions:
        platform.registry.region(region)
    if agency:
        check_agency(platform, agency, tenants, regions)


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


def check_grantable(tenant: TenantInfo) -> None:
    """An offboarded partnership has left for good: its store is kept only for audit, so a
    new user given it would read its cases on the pages and the API. A suspended one is
    still granted: it comes back when reinstated, and until then its users only read."""
    if tenant.status == TenantStatus.OFFBOARDED:
        raise InvalidTransitionError(
            f"Partnership {tenant.slug!r} ({tenant.name}) has been offboarded and is granted to "
            "nobody new: give the person the partnership they work for now. Its records are "
            f"kept for audit: the operator exports them (`ledger audit export {tenant.slug} "
            "-o FILE`)."
        )
