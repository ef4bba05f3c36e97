"""The guard every request passes: authenticate the token, check scope and role, set the actor.

It runs before body validation, so a stranger learns nothing from a 422 and another
tenant's user gets the same 404 whether or not the thing exists.
"""

from __future__ import annotations

from contextvars import Token

from flask import Flask, Response, current_app, g, request

from api.context import platform
from api.policy import (
    AUDITED,
    CASE_READS,
    Decision,
    Permission,
    decide,
    region_in_scope,
    tenant_in_scope,
)
from api.problems import problem
from api.refusals import who_can_help
from domain.errors import NotFoundError
from domain.recording import recorded_by_cvar
from tenants.registry import TenantRegistry
from tenants.users import Role, UserInfo

PUBLIC_ENDPOINTS = frozenset({"static", "assets"})
PUBLIC_BLUEPRINTS = frozenset({"api-docs"})
HIDDEN = "No such resource, or you have no access to it. Check the address and your grants."


def endpoint_permission() -> Permission | None:
    if request.endpoint is None:
        return Permission.PUBLIC  # Flask answers 404/405 itself
    if request.endpoint in PUBLIC_ENDPOINTS or request.blueprint in PUBLIC_BLUEPRINTS:
        return Permission.PUBLIC
    if "web" in request.blueprints:
        return Permission.PUBLIC  # pages sign in by session; api/web/session.py guards them
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "permission", None)


def authenticate() -> UserInfo | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return platform().access.authenticate(secret.strip())


def in_scope(user: UserInfo) -> tuple[bool, str | None, str | None]:
    args = request.view_args or {}
    tenant, region = args.get("tenant"), args.get("region")
    registry = platform().registry
    if tenant is not None:
        try:
            tenant_region: str | None = registry.recent_tenant(tenant).region
        except NotFoundError:
            tenant_region = None
        return tenant_in_scope(user, tenant, tenant_region), tenant, tenant_region
    if region is not None:
        try:
            registry.region(region)
            exists = True
        except NotFoundError:
            exists = False
        return region_in_scope(user, region, exists, own_regions(registry, user)), None, region
    return True, None, None


def own_regions(registry: TenantRegistry, user: UserInfo) -> set[str]:
    """The regions of the user's own partnerships, which they know exist (not an auditor's:
    a grant to audit a partnership is not a way into its region)."""
    return {registry.recent_tenant(t).region for t in user.tenants if user.role != Role.AUDITOR}


def note_refusal(
    user: UserInfo, permission: Permission, tenant: str | None, region: str | None, status: int
) -> None:
    """A refused attempt to read an existing partnership's cases goes in its refused-reads log
    (the address, ids only, and the answer), so its auditors see who tried."""
    if permission in CASE_READS and tenant is not None and region is not None:
        platform().access.record_refused_read(user.id, request.path, tenant, status)


def decide_request(
    user: UserInfo, permission: Permission
) -> tuple[Decision, str | None, str | None]:
    """The policy's decision on ``user`` doing ``permission`` at this request's address, with
    the partnership and region the address names; a refused read of a partnership's cases is
    noted (``note_refusal``) whichever door it came through. The API and the pages each answer
    the decision in their own way."""
    ok, tenant, region = in_scope(user)
    decision = decide(user, permission, ok)
    if decision != Decision.ALLOW:
        note_refusal(user, permission, tenant, region, decision.value)
    return decision, tenant, region


def guard() -> Response | None:
    permission = endpoint_permission()
    if permission == Permission.PUBLIC:
        return None
    user = authenticate()
    if user is None:
        return problem(
            401,
            "Unauthorized",
            "A valid, unexpired API token is required. Send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if permission is None:
        return problem(403, "Forbidden", "This route declares no permission, so it is closed.")
    decision, tenant, region = decide_request(user, permission)
    if decision == Decision.NOT_FOUND:
        return problem(404, "Not Found", HIDDEN)
    if decision == Decision.FORBIDDEN:
        helper = who_can_help(platform().access, user, permission, tenant, region)
        return problem(403, "Forbidden", f"The {user.role} role may not do this. {helper}")
    g.user = user
    g.actor_token = recorded_by_cvar.set(str(user.id))
    if user.role == Role.AUDITOR and permission in AUDITED:
        platform().access.record_audit_read(user.id, request.path, tenant, region)
    return None


def release_actor(_: BaseException | None) -> None:
    token: Token[str] | None = g.pop("actor_token", None)
    if token is not None:
        recorded_by_cvar.reset(token)


def register(app: Flask) -> None:
    app.before_request(guard)
    app.teardown_request(release_actor)
