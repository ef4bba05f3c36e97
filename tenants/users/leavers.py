"""A partnership's lead removes a leaver: the platform administrator's deactivation, for people
whose access is to that partnership alone.

The lead is the information asset owner of the partnership's records, so a leaver's access
should end the day they leave without waiting for an operator; but a lead must never end the
access of someone who also works elsewhere (another partnership, a region), of another lead,
or their own. Everyone else is the platform administrator's to deactivate, and the refusal
says why.
"""

from __future__ import annotations

from domain.errors import InvalidTransitionError, NotFoundError
from tenants.users.access import AccessRegistry
from tenants.users.model import Role, UserInfo

LEAVER_ROLES = frozenset({Role.CSP_OFFICER, Role.AGENCY_CONTRIBUTOR})
ASK = "Ask the platform administrator"
NOT_HERE = "No one of that name works for this partnership; its People page lists who does."


def only_here(person: UserInfo, tenant: str) -> bool:
    """Their grants name this partnership and nothing else."""
    return person.tenants == (tenant,) and not person.regions


def why_not_removable(lead: UserInfo, person: UserInfo, tenant: str) -> str:
    """Why ``lead`` may not deactivate ``person`` (a sentence), or "" when they may."""
    if person.id == lead.id:
        return "You cannot deactivate yourself."
    if not person.active:
        return "They are already deactivated."
    if person.role == Role.CSP_LEAD:
        return "They are a lead of the partnership too."
    if person.role == Role.RESEARCHER:
        return "The regional lead revokes a data-sharing agreement; their account is the administrator's."
    if person.role not in LEAVER_ROLES:
        return "Their role reaches beyond this partnership."
    if not only_here(person, tenant):
        return "Their access reaches other partnerships or a region."
    return ""


def remove_leaver(
    access: AccessRegistry, lead: UserInfo, tenant: str, name: str, reason: str
) -> UserInfo:
    """Deactivate ``name`` (signed out, every token revoked) for the lead of ``tenant``: the
    same ``Deactivated`` event the administrator records, by the lead (``recorded_by``)."""
    if lead.role != Role.CSP_LEAD or tenant not in lead.tenants:
        raise InvalidTransitionError(f"Only the partnership's lead removes a leaver. {ASK}.")
    try:
        person = access.user(name)
    except NotFoundError:
        raise NotFoundError(NOT_HERE) from None
    if tenant not in person.tenants:
        raise NotFoundError(NOT_HERE)  # another partnership's people stay unknown here
    why = why_not_removable(lead, person, tenant)
    if why:
        raise InvalidTransitionError(f"{why} {ASK} to deactivate {person.shown_as}.")
    access.deactivate_user(name, reason)
    return access.user(name)
