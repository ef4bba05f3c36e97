"""Whatever a client sends, the answer is a problem document with a 4xx status, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World, body


def test_no_token_is_401_with_a_bearer_challenge(client: FlaskClient, world: World) -> None:
    r = client.get("/api/v1/tenants")
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"
    assert r.mimetype == "application/problem+json"
    assert "Authorization: Bearer" in body(r)["detail"]


def test_an_unknown_token_is_401(client: FlaskClient, world: World) -> None:
    r = client.get("/api/v1/me", headers={"Authorization": "Bearer plt_not-a-real-token"})
    assert r.status_code == 401


def test_malformed_json_is_400(client: FlaskClient, world: World) -> None:
    r = client.post(
        "/api/v1/regions",
        data="{nope",
        content_type="application/json",
        headers=world.auth("admin"),
    )
    assert r.status_code == 400 and r.mimetype == "application/problem+json"


def test_unknown_fields_and_wrong_types_are_422_per_field(
    client: FlaskClient, world: World
) -> None:
    r = client.post(
        "/api/v1/tenants",
        json={"slug": 7, "name": "X", "region": world.region, "colour": "red"},
        headers=world.auth("admin"),
    )
    assert r.status_code == 422
    errors = body(r)["errors"]["json"]
    assert set(errors) == {"slug", "colour"}


def test_an_oversized_body_is_413(client: FlaskClient, world: World) -> None:
    r = client.post(
        "/api/v1/regions",
        data="x" * (300 * 1024),
        content_type="application/json",
        headers=world.auth("admin"),
    )
    assert r.status_code == 413 and r.mimetype == "application/problem+json"


def test_a_domain_refusal_is_a_problem_that_says_what_to_do(
    client: FlaskClient, world: World
) -> None:
    r = client.post(
        "/api/v1/regions", json={"slug": world.region, "name": "Again"}, headers=world.auth("admin")
    )
    assert r.status_code == 409 and "choose another slug" in body(r)["detail"]


def test_a_region_name_people_would_read_as_another_is_refused_saying_what_to_do(
    client: FlaskClient, world: World, platform: Platform, unique: Callable[[str], str]
) -> None:
    """Creating or renaming a region into another's name, spaced or cased otherwise, is a 409
    naming the region it clashes with; nothing is recorded."""
    taken = platform.registry.region(world.region).name
    created = client.post(
        "/api/v1/regions",
        json={"slug": unique("again"), "name": f"  {taken.upper()} "},
        headers=world.auth("admin"),
    )
    assert created.status_code == 409 and created.mimetype == "application/problem+json"
    assert body(created)["detail"] == (
        f"There is already a region called {taken} ({world.region}); give this one a name "
        "people can tell apart, such as the police force area it covers."
    )
    assert unique("again") not in [r.slug for r in platform.registry.regions()]
    url = f"/api/v1/regions/{world.other_region}"
    etag = client.get(url, headers=world.auth("admin")).headers["ETag"]
    renamed = client.post(
        f"{url}/name",
        json={"name": taken.lower()},
        headers=world.auth("admin", **{"If-Match": etag}),
    )
    assert renamed.status_code == 409 and f"called {taken} " in body(renamed)["detail"]
    assert platform.registry.region(world.other_region).name != taken.lower()


def test_unknown_routes_and_methods_are_problems(client: FlaskClient, world: World) -> None:
    assert client.get("/api/v1/nowhere").mimetype == "application/problem+json"
    r = client.delete("/api/v1/regions", headers=world.auth("admin"))
    assert r.status_code == 405 and r.mimetype == "application/problem+json"


def test_health_and_readiness(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    r = client.get("/readyz")  # no projections run beside this app (tests/api/test_readiness.py)
    assert r.status_code == 503, r.get_json()
    assert r.get_json()["checks"]["store"] == r.get_json()["checks"]["broker"] == "ok"
