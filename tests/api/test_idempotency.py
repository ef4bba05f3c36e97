"""A retried create answers with the first result, even after a restart, and never creates twice."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from api.app import create_app
from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.api.test_corrections import decided_case
from tests.api.test_end_to_end import Http


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


def test_a_retried_finding_with_the_same_key_is_recorded_once(
    client: FlaskClient, world: World, unique: Callable[[str], str]
) -> None:
    """Adding a finding is a create: a retry (the answer lost on the way) records nothing more."""
    http = Http(client, world)
    findings = f"{http.base}{decided_case(http)}/findings"
    finding = {"on": "2025-03-01", "text": "GP saw injuries", "theme_codes": ["training"]}
    headers = world.auth("officer", **{"Idempotency-Key": unique("key")})
    first = client.post(findings, json=finding, headers=headers)
    again = client.post(findings, json=finding, headers=headers)
    assert first.status_code == again.status_code == 201, body(again)
    assert again.headers["ETag"] == first.headers["ETag"]
    assert [f["text"] for f in body(again)["findings"]] == ["GP saw injuries"]
    other = client.post(findings, json={**finding, "text": "No DASH"}, headers=headers)
    assert other.status_code == 422 and "new key" in body(other)["detail"]
