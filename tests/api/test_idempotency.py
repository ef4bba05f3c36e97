"""A retried create answers with the first result, even after a restart, and never creates twice."""

from __future__ import annotations

from collections.abc import Callable

from api.app import create_app
from tenants.platform import Platform
from tests.api.conftest import World, body


def test_a_retried_create_with_the_same_key_is_not_a_duplicate(
    make_platform: Callable[..., Platform], world: World, unique: Callable[[str], str]
) -> None:
    first = create_app({"PLATFORM": make_platform()}).test_client()
    slug = unique("fresh")
    payload = {"slug": slug, "name": "New CSP", "region": world.region}
    headers = world.auth("admin", **{"Idempotency-Key": unique("key")})
    assert first.post("/api/v1/tenants", json=payload, headers=headers).status_code == 201
    restarted = create_app({"PLATFORM": make_platform()}).test_client()
    again = restarted.post("/api/v1/tenants", json=payload, headers=headers)
    assert again.status_code == 201 and body(again)["slug"] == slug
    plain = restarted.post("/api/v1/tenants", json=payload, headers=world.auth("admin"))
    assert plain.status_code == 409


def test_reusing_a_key_for_a_different_request_is_refused(client, world: World, unique) -> None:  # type: ignore[no-untyped-def]
    headers = world.auth("admin", **{"Idempotency-Key": unique("key")})
    assert (
        client.post(
            "/api/v1/regions", json={"slug": unique("reg"), "name": unique("A")}, headers=headers
        ).status_code
        == 201
    )
    r = client.post(
        "/api/v1/regions", json={"slug": unique("other"), "name": unique("B")}, headers=headers
    )
    assert r.status_code == 422 and "new key" in body(r)["detail"]
