"""Users and API tokens: platform administrators add users and issue or revoke their tokens."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.context import current_user, platform, requires
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import admin_once, creation, recording
from api.resources.reads import query
from api.schemas.admin import EmailIn, IssuedTokenOut, TokenIn, TokenOut, UserIn, UserOut
from api.schemas.common import ReasonIn
from tenants.users.onboarding import add_user

blp = api_blueprint("users", "", "Users and API tokens")


@query(blp, "/me", UserOut, Permission.SIGNED_IN)
def me() -> Any:
    """The user this token belongs to, with role and grants."""
    return current_user()


@query(blp, "/users", UserOut(many=True), Permission.ADMIN)
def list_users() -> Any:
    """List every user."""
    return platform().access.users()


@creation(blp, "/users", UserIn, UserOut, Permission.ADMIN)
def create_user(data: dict[str, Any]) -> Any:
    """Add a user with one role and its tenant or region grants."""
    p = platform()
    admin_once(p.access, "users", "User", data, lambda: add_user(p, **data))
    return p.access.user(data["name"])


@query(blp, "/users/<name>", UserOut, Permission.ADMIN)
def get_user(name: str) -> Any:
    """One user."""
    return platform().access.user(name)


@recording(blp, "/users/<name>/email", EmailIn, UserOut, Permission.ADMIN, method="PUT")
def change_email(data: dict[str, Any], name: str) -> Any:
    """Set or change where a user's reminders go."""
    return platform().access.change_email(name, **data)


@recording(blp, "/users/<name>/deactivation", ReasonIn, UserOut, Permission.ADMIN)
def deactivate_user(data: dict[str, Any], name: str) -> Any:
    """Deactivate a user and revoke all their tokens."""
    platform().access.deactivate_user(name, **data)
    return platform().access.user(name)


@query(blp, "/users/<name>/tokens", TokenOut(many=True), Permission.ADMIN)
def list_tokens(name: str) -> Any:
    """A user's tokens (ids and expiry only; secrets are never stored)."""
    return [
        {"token_id": t.id, "expires_at": t.expires_at, "revoked": t.revoked}
        for t in platform().access.tokens(name)
    ]


@recording(blp, "/users/<name>/tokens", TokenIn, IssuedTokenOut, Permission.ADMIN, status=201)
def issue_token(data: dict[str, Any], name: str) -> Any:
    """Issue a token; the secret is in this response only."""
    issued = platform().access.issue_token(name, **data)
    return {"token_id": issued.token_id, "token": issued.secret, "expires_at": issued.expires_at}


@blp.route("/users/<name>/tokens/<uuid:token_id>/revocation", methods=["POST"])
@blp.response(204)
@requires(Permission.ADMIN)
def revoke_token(name: str, token_id: UUID) -> None:
    """Revoke a token at once."""
    platform().access.revoke_token(name, token_id)
