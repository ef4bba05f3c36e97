"""Users and API tokens: platform administrators add users and issue or revoke their tokens."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response, json, request

from api.concurrency import IDEMPOTENCY_DOC
from api.context import current_user, platform, requires
from api.idempotency import create_once, fingerprint
from api.policy import Permission
from api.problems import problem
from api.resources.blueprints import api_blueprint
from api.resources.commands import admin_once, creation, recording
from api.resources.reads import query
from api.schemas.admin import (
    EmailIn,
    GrantsIn,
    IssuedTokenOut,
    TokenIn,
    TokenOut,
    UserIn,
    UserOut,
)
from api.schemas.common import ReasonIn
from tenants.users import onboarding
from tenants.users.onboarding import add_user
from tenants.users.tokens import ApiToken

blp = api_blueprint("users", "", "Users and API tokens")
TOKEN_IDEMPOTENCY_DOC = {
    **IDEMPOTENCY_DOC,
    "description": "Any unique string. A token's secret is never stored, so a retry with the "
    "same key and body cannot answer it again: it issues no second token and answers 409 "
    "naming the token the key issued (its id and expiry). If that secret was lost, revoke the "
    "token and issue a new one under a new key.",
}


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


@recording(blp, "/users/<name>", GrantsIn, UserOut, Permission.ADMIN, method="PATCH")
def change_grants(data: dict[str, Any], name: str) -> Any:
    """Give a user a new role and grants in place of theirs, from their next request on."""
    return onboarding.change_grants(platform(), name, **data)


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
@blp.doc(
    parameters=[TOKEN_IDEMPOTENCY_DOC],
    responses={"409": {"description": "This Idempotency-Key already issued a token"}},
)
def issue_token(data: dict[str, Any], name: str) -> Any:
    """Issue a token; the secret is in this response only, so a retry under the same
    Idempotency-Key issues none and answers 409 naming the token the key issued."""
    p = platform()
    issued, replayed = create_once(
        p.access,
        f"tokens:{name}",
        request.headers.get("Idempotency-Key"),
        fingerprint(str(current_user().id), data),
        ApiToken.__name__,
        lambda: p.access.issue_token(name, **data),
    )
    if replayed:
        return _already_issued(name, p.access.repository.get(UUID(issued)))
    return {"token_id": issued.token_id, "token": issued.secret, "expires_at": issued.expires_at}


def _already_issued(name: str, token: ApiToken) -> Response:
    """409 for a retried issue: it cannot answer the secret, and a second live token per retry
    would leave one nobody holds but that still works, so it names the token issued (an id
    an administrator's token list shows anyway, so not withheld as a problem's other ids are)
    and what to do if the first answer was lost."""
    said = (
        f"This Idempotency-Key already issued token {token.id} to {name!r}, expiring "
        f"{token.expires_at:%Y-%m-%d %H:%M} UTC. Its secret was shown only in that first "
        "answer and is never stored, so it cannot be sent again."
    )
    if token.revoked:
        said += " That token is revoked: issue a new one with a new Idempotency-Key."
    else:
        said += (
            f" If the secret was lost, revoke that token (`ledger tokens revoke {name} "
            f"{token.id}`, or Revoke beside it on the admin page /admin/users/{name}) and "
            "issue a new one with a new Idempotency-Key."
        )
    answer = problem(409, "Conflict", said)
    named = {"detail": said, "token_id": str(token.id), "expires_at": token.expires_at.isoformat()}
    answer.set_data(json.dumps({**json.loads(answer.get_data()), **named}))
    return answer


@blp.route("/users/<name>/tokens/<uuid:token_id>/revocation", methods=["POST"])
@blp.response(204)
@requires(Permission.ADMIN)
def revoke_token(name: str, token_id: UUID) -> None:
    """Revoke a token at once."""
    platform().access.revoke_token(name, token_id)
