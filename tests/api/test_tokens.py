"""Tokens: shown once, stored as a hash, revocable, expiring; users can be deactivated."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World, body


def test_a_token_shows_who_you_are(client: FlaskClient, world: World) -> None:
    me = body(client.get("/api/v1/me", headers=world.auth("officer")))
    assert me["role"] == "csp_officer" and me["tenants"] == [world.tenant]


def test_an_issued_token_works_until_revoked(
    client: FlaskClient, world: World, unique: Callable[[str], str]
) -> None:
    admin = world.auth("admin")
    name = unique("newbie")
    made = client.post(
        "/api/v1/users",
        json={"name": name, "role": "csp_officer", "tenants": [world.tenant]},
        headers=admin,
    )
    assert made.status_code == 201
    issued = body(client.post(f"/api/v1/users/{name}/tokens", json={"days": 7}, headers=admin))
    mine = {"Authorization": f"Bearer {issued['token']}"}
    assert client.get("/api/v1/me", headers=mine).status_code == 200
    listed = body(client.get(f"/api/v1/users/{name}/tokens", headers=admin))
    assert "token" not in listed[0] and listed[0]["revoked"] is False
    revoked = client.post(
        f"/api/v1/users/{name}/tokens/{issued['token_id']}/revocation", headers=admin
    )
    assert revoked.status_code == 204
    assert client.get("/api/v1/me", headers=mine).status_code == 401


def test_an_expired_token_or_deactivated_user_is_refused(
    platform: Platform, client: FlaskClient, world: World, unique: Callable[[str], str]
) -> None:
    name = unique("temp")
    platform.access.add_user(name, "platform_admin")
    old = platform.access.issue_token(name, days=1, now=datetime.now(UTC) - timedelta(days=2))
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {old.secret}"}).status_code
        == 401
    )
    fresh = platform.access.issue_token(name)
    platform.access.deactivate_user(name, "left the team")
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {fresh.secret}"}).status_code
        == 401
    )


def test_the_secret_itself_is_never_stored(platform: Platform, unique) -> None:  # type: ignore[no-untyped-def]
    name = unique("keeper")
    platform.access.add_user(name, "platform_admin")
    issued = platform.access.issue_token(name)
    stored = b"".join(e.state for e in platform.access.recorder.select_events(issued.token_id))
    assert issued.secret.encode() not in stored
    assert hashlib.sha256(issued.secret.encode()).hexdigest().encode() not in stored


def test_a_token_revoked_by_another_worker_is_refused_on_the_next_request(
    platform: Platform,
    make_platform: Callable[..., Platform],
    client: FlaskClient,
    unique: Callable[[str], str],
) -> None:
    """Answers are kept per process, keyed by the access store's head, so a revocation made in
    another process (a second gunicorn worker, the CLI) bites at once, not a moment later."""
    name = unique("leaver")
    platform.access.add_user(name, "platform_admin")
    issued = platform.access.issue_token(name)
    mine = {"Authorization": f"Bearer {issued.secret}"}
    assert client.get("/api/v1/me", headers=mine).status_code == 200  # now kept here
    make_platform().access.revoke_token(name, issued.token_id)  # another process, same store
    assert client.get("/api/v1/me", headers=mine).status_code == 401
