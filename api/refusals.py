"""Refusals say who can help: the person in the user's own organisation who holds the role.

An officer refused a lead's job is pointed at their partnership's lead by name, a regional lead
asking for case detail at the partnership that owns it; only platform work goes to a platform
administrator. Names come from the access registry; a name is a colleague's, never case data.
"""

from __future__ import annotations

from api.policy import ROLES, Permission
from tenants.users import AccessRegistry, Role, UserInfo

CASE_WORK = frozenset(
    {
        Permission.CASE_READ,
        Permission.CASE_RECORD,
        Permission.CASE_SIGN_OFF,
        Permission.HISTORY,
        Permission.TENANT_SETTINGS,
    }
)


def who_can_help(
    access: AccessRegistry,
    user: UserInfo,
    permission: Permission,
    tenant: str | None,
    region: str | None,
) -> str:
    """One sentence naming who to ask, for a user in scope whose role is refused."""
    allowed = ROLES.get(permission, frozenset())
    if user.role == Role.PLATFORM_ADMIN and permission in CASE_WORK:
        return (
            "Platform administrators never see case content; "
            "the partnership's officers and lead do."
        )
    if user.role == Role.AUDITOR and permission in CASE_WORK:
        return "Auditors read and never record; the partnership's officers and lead record changes."
    if permission == Permission.ADMIN:
        return "Ask a platform administrator" + _named(access, Role.PLATFORM_ADMIN) + "."
    if permission == Permission.PEOPLE and user.role == Role.PLATFORM_ADMIN:
        return "Platform administrators see everyone's access on the Users pages."
    if permission == Permission.PEOPLE and user.role != Role.CSP_OFFICER:
        lead = _named(access, Role.CSP_LEAD, tenant=tenant)
        return (
            f"Ask the partnership's lead{lead}, who owns its records and sees who can reach them."
        )
    if Role.CSP_LEAD in allowed:
        where = tenant or (user.tenants[0] if user.tenants else None)
        lead = _named(access, Role.CSP_LEAD, tenant=where)
        if user.role in (Role.CSP_OFFICER, Role.CSP_LEAD):
            return f"Ask your partnership's lead{lead}."
        return f"Case details stay with each partnership; ask the partnership's lead{lead}."
    if Role.REGIONAL_LEAD in allowed:
        return (
            "Ask your region's regional lead"
            + _named(access, Role.REGIONAL_LEAD, region=region)
            + "."
        )
    return "Ask a platform administrator" + _named(access, Role.PLATFORM_ADMIN) + "."


def lead_named(access: AccessRegistry, tenant: str) -> str:
    """The partnership's lead as " (Name)", or nothing if it has none: whom an agency asks."""
    return _named(access, Role.CSP_LEAD, tenant=tenant)


def _named(
    access: AccessRegistry, role: Role, tenant: str | None = None, region: str | None = None
) -> str:
    names = [
        u.shown_as
        for u in access.users()
        if u.active
        and u.role == role
        and (tenant is None or tenant in u.tenants)
        and (region is None or region in u.regions)
    ]
    if not names:
        return ""
    if len(names) > 3:
        names = [*names[:3], "others"]
    return " (" + (", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]) + ")"
