"""Tenants (CSPs): platform administrators register, rename, move, suspend and offboard them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from marshmallow import Schema

from api.concurrency import IF_MATCH_DOC, etag_header, if_match
from api.context import platform, requires
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import PRECONDITIONS, admin_once, creation
from api.resources.reads import query
from api.schemas.admin import NameIn, TenantIn, TenantMoveIn, TenantOut
from api.schemas.common import ReasonIn
from tenants.model import Tenant

blp = api_blueprint("tenants", "/tenants", "Tenants (platform admin)")
F = TypeVar("F", bound=Callable[..., Any])


@query(blp, "", TenantOut(many=True), Permission.ADMIN)
def list_tenants() -> Any:
    """List every tenant with its region and status."""
    return platform().registry.tenants()


@creation(blp, "", TenantIn, TenantOut, Permission.ADMIN)
def register_tenant(data: dict[str, Any]) -> Any:
    """Register a tenant and create its own store."""
    p = platform()
    admin_once(p.registry, "tenants", "Tenant", data, lambda: p.register_tenant(**data))
    return p.registry.tenant(data["slug"]), etag_header(version(data["slug"]))


@query(blp, "/<tenant>", TenantOut, Permission.ADMIN)
def get_tenant(tenant: str) -> Any:
    """One tenant; its ETag guards the commands below."""
    return platform().registry.tenant(tenant), etag_header(version(tenant))


def _command(tenant: str, change: Any) -> Any:
    registry = platform().registry
    registry.tenant(tenant)
    with if_match(Tenant.create_id(tenant), version(tenant)):
        change(registry)
    return registry.tenant(tenant), etag_header(version(tenant))


def _admin(path: str, schema: type[Schema] | None = None) -> Callable[[F], F]:
    """A registry command on one tenant: POST, If-Match, the tenant as it then stands."""

    def wrap(fn: F) -> F:
        view: Any = requires(Permission.ADMIN)(fn)
        view = blp.doc(parameters=[IF_MATCH_DOC], responses=PRECONDITIONS)(view)
        view = blp.response(200, TenantOut)(view)
        view = blp.arguments(schema)(view) if schema is not None else view
        return blp.route(path, methods=["POST"])(view)

    return wrap


@_admin("/<tenant>/name", NameIn)
def rename_tenant(data: dict[str, Any], tenant: str) -> Any:
    """Give a tenant a new display name."""
    return _command(tenant, lambda r: r.rename_tenant(tenant, **data))


@_admin("/<tenant>/region", TenantMoveIn)
def move_tenant(data: dict[str, Any], tenant: str) -> Any:
    """Move a tenant to another region; it follows the new region's themes from now on."""
    return _command(tenant, lambda _: platform().move_tenant(tenant, **data))


@_admin("/<tenant>/suspension", ReasonIn)
def suspend_tenant(data: dict[str, Any], tenant: str) -> Any:
    """Stop all recording for a tenant; its history stays readable."""
    return _command(tenant, lambda r: r.suspend_tenant(tenant, **data))


@_admin("/<tenant>/reinstatement")
def reinstate_tenant(tenant: str) -> Any:
    """Allow a suspended tenant to record again."""
    return _command(tenant, lambda _: platform().reinstate_tenant(tenant))


@_admin("/<tenant>/offboarding", ReasonIn)
def offboard_tenant(data: dict[str, Any], tenant: str) -> Any:
    """Offboard a tenant: it leaves regional views; its store is kept for audit."""
    return _command(tenant, lambda r: r.offboard_tenant(tenant, **data))


def version(tenant: str) -> int:
    return platform().registry.repository.get(Tenant.create_id(tenant)).version
