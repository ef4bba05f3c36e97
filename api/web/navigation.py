"""What the header shows each role: its sections (service navigation) and where "home" is.

Page areas add their sections with ``section(...)`` and their role's start page with
``home_for(...)`` when their module is imported, so this file never needs editing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, request, session, url_for

from api.context import platform
from api.web.session import CHOOSING
from domain.errors import NotFoundError
from tenants.users import Role, UserInfo
from tenants.users.model import ROLE_NAMES

Args = Callable[[UserInfo], dict[str, Any]]


@dataclass(frozen=True)
class Section:
    text: str
    endpoint: str
    roles: frozenset[Role]
    args: Args
    order: int


SECTIONS: list[Section] = []
HOMES: dict[Role, tuple[str, Args]] = {}
PARTNERSHIP_STAFF = frozenset({Role.CSP_OFFICER, Role.CSP_LEAD})


def own_partnership(user: UserInfo) -> dict[str, Any]:
    """A partnership's officer's or lead's pages are about their partnership."""
    return {"tenant": user.tenants[0]} if user.tenants else {}


def own_region(user: UserInfo) -> dict[str, Any]:
    """A regional lead's pages are about their region."""
    return {"region": user.regions[0]} if user.regions else {}


def section(
    text: str, endpoint: str, roles: set[Role] | frozenset[Role], args: Args, order: int = 50
) -> None:
    """Add a section to the header of ``roles``; lower ``order`` comes first."""
    SECTIONS.append(Section(text, endpoint, frozenset(roles), args, order))
    SECTIONS.sort(key=lambda s: s.order)


def home_for(role: Role, endpoint: str, args: Args) -> None:
    HOMES[role] = (endpoint, args)


def home_url(user: UserInfo) -> str:
    endpoint, args = HOMES.get(user.role, ("web.info.home", lambda _: {}))
    return url_for(endpoint, **args(user))


def items(user: UserInfo) -> list[dict[str, Any]]:
    """The role's sections for ``govukServiceNavigation``, the current one marked active."""
    found = []
    for s in SECTIONS:
        if user.role not in s.roles:
            continue
        href = url_for(s.endpoint, **s.args(user))
        here = request.path == href or request.path.startswith(href.rstrip("/") + "/")
        found.append(
            {"href": href, "text": s.text, "active": here, "current": request.path == href}
        )
    return found


def scope_name(user: UserInfo) -> str:
    """The partnership or region a user works for, by name, for the header."""
    registry = platform().registry
    try:
        if user.role in (Role.CSP_OFFICER, Role.CSP_LEAD) and user.tenants:
            return str(registry.recent_tenant(user.tenants[0]).name)
        if user.role in (Role.REGIONAL_LEAD, Role.PCC_OFFICER) and user.regions:
            return str(registry.region(user.regions[0]).name)
    except NotFoundError:
        return ""
    if user.role == Role.AGENCY_CONTRIBUTOR and user.agency:
        return _agency_name(user)
    return ROLE_NAMES.get(user.role, "")  # no partnership or region: who they are here


def _agency_name(user: UserInfo) -> str:
    """An agency's name from its region's directory of partners ("Leicestershire Police"),
    its key where the directory does not name it."""
    region = user.regions[0] if user.regions else ""
    try:
        if not region and user.tenants:
            region = platform().registry.recent_tenant(user.tenants[0]).region
        if not region:
            return user.agency
        with platform().region_ledgers.lease(region, writing=False) as ledger:
            partners = ledger.partners.directory().partners
    except NotFoundError:
        return user.agency
    return partners[user.agency].name if user.agency in partners else user.agency


def context() -> dict[str, Any]:
    user: UserInfo | None = g.get("web_user")
    if user is None:
        return {"web_user": None, "nav_items": [], "scope_name": "", "home_href": "/"}
    choosing = bool(session.get(CHOOSING))  # every other page sends them back: no menu yet
    return {
        "web_user": user,
        "nav_items": [] if choosing else items(user),
        "scope_name": scope_name(user),
        "home_href": home_url(user),
        "choosing_password": choosing,
        "account_here": request.path.startswith(url_for("web.account.account")),
    }


def configure(app: Flask) -> None:
    app.context_processor(context)
