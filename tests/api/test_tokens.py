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


def test_a_retried_token_issue_names_the_token_issued_and_issues_no_second(
    client: FlaskClient, world: World, unique: Callable[[str], str]
) -> None:
    """A token's secret is never stored, so a retry cannot answer it again; issuing another
    would leave a live token nobody holds. The retry names the first and how to replace it."""
    name = unique("retried")
    admin = world.auth("admin", **{"Idempotency-Key": unique("key")})
    made = client.post(
        "/api/v1/users",
        json={"name": name, "role": "csp_officer", "tenants": [world.tenant]},
        headers=world.auth("admin"),
    )
    assert made.status_code == 201
    url = f"/api/v1/users/{name}/tokens"
    first = client.post(url, json={"days": 7}, headers=admin)
    assert first.status_code == 201
    issued = body(first)
    again = client.post(url, json={"days": 7}, headers=admin)
    assert again.status_code == 409, body(again)
    detail = body(again)["detail"]
    assert issued["token_id"] in detail and issued["expires_at"][:10] in detail
    assert body(again)["token_id"] == issued["token_id"]
    assert f"ledger tokens revoke {name} {issued['token_id']}" in detail and "token" not in body(
        again
    )
    listed = body(client.get(url, headers=world.auth("admin")))
    assert [t["token_id"] for t in listed] == [issued["token_id"]]

    other = client.post(url, json={"days": 30}, headers=admin)
    assert other.status_code == 422 and "new key" in body(other)["detail"]
    assert len(body(client.get(url, headers=world.auth("admin")))) == 1


def test_the_token_issue_documents_its_idempotency_key(client: FlaskClient) -> None:
    spec = body(client.get("/api/v1/openapi.json"))
    issue = spec["paths"]["/api/v1/users/{name}/tokens"]["post"]
    key = next(p for p in issue["parameters"] if p["name"] == "Idempotency-Key")
    assert "409" in key["description"] and "409" in issue["responses"]
