"""A user's role and grants changed through the API by an administrator: refused with a
problem and nothing recorded as adding refuses, and a token holder's next request follows."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.api.conftest import World, body


def test_an_administrator_moves_a_user_and_their_token_follows_on_the_next_request(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    name = f"kim.{world.tenant}"
    add_user(platform, name, "csp_officer", (world.tenant,), ())
    kim = {"Authorization": f"Bearer {platform.access.issue_token(name).secret}"}
    assert client.get(f"/api/v1/tenants/{world.tenant}/reviews", headers=kim).status_code == 200
    url = f"/api/v1/users/{name}"
    lead = {"role": "csp_lead", "tenants": [world.neighbour]}
    assert client.patch(url, json=lead, headers=world.auth("lead")).status_code == 403

    changed = client.patch(url, json=lead, headers=world.auth("admin"))
    assert changed.status_code == 200, changed.data
    assert (body(changed)["role"], body(changed)["tenants"]) == ("csp_lead", [world.neighbour])
    assert client.get(f"/api/v1/tenants/{world.tenant}/reviews", headers=kim).status_code == 404
    assert client.get(f"/api/v1/tenants/{world.neighbour}/reviews", headers=kim).status_code == 200
    history = list(platform.access.events.get(platform.access.user(name).id))
    assert type(history[-1]).__name__ == "GrantsChanged"
    assert client.patch(url, json=lead, headers=world.auth("admin")).status_code == 200
    assert len(list(platform.access.events.get(platform.access.user(name).id))) == len(history)


def test_grants_adding_would_refuse_are_problems_and_record_nothing(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    name = f"lee.{world.tenant}"
    add_user(platform, name, "csp_officer", (world.tenant,), ())
    before = list(platform.access.events.get(platform.access.user(name).id))
    url, admin = f"/api/v1/users/{name}", world.auth("admin")
    platform.register_tenant(gone := f"gone-{world.tenant}", "Gone CSP", world.region)
    platform.registry.offboard_tenant(gone, "left the platform")
    for sent, status, words in (
        ({"role": "csp_officer", "regions": [world.region]}, 422, "exactly one partnership"),
        ({"role": "csp_officer", "tenants": [gone]}, 409, "has been offboarded"),
        ({"role": "regional_lead", "regions": ["nowhere-at-all"]}, 404, ""),
        ({"role": "boss"}, 422, ""),
        ({"tenants": [world.tenant]}, 422, ""),
    ):
        refused = client.patch(url, json=sent, headers=admin)
        assert refused.status_code == status, (sent, refused.data)
        assert refused.content_type == "application/problem+json"
        assert words in refused.get_json().get("detail", ""), refused.get_json()
    assert list(platform.access.events.get(platform.access.user(name).id)) == before
    platform.access.deactivate_user(name, "left the team")
    gone_user = client.patch(
        url, json={"role": "csp_lead", "tenants": [world.tenant]}, headers=admin
    )
    assert gone_user.status_code == 409 and "is deactivated" in gone_user.get_json()["detail"]
    missing = client.patch("/api/v1/users/nobody-here", json={"role": "researcher"}, headers=admin)
    assert missing.status_code == 404


def test_the_document_offers_the_change(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    change = doc["paths"]["/api/v1/users/{name}"]["patch"]
    assert change["summary"].startswith("Give a user a new role and grants")
    assert "422" in change["responses"] and "200" in change["responses"]
