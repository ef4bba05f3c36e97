"""Email addresses through the API: set when a user is added, changed by an administrator only,
refused with a problem (and nothing recorded) when they cannot be an address."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World


def test_an_administrator_sets_and_changes_a_users_email(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    name = f"kim.{world.tenant}"
    body = {"name": name, "role": "csp_officer", "tenants": [world.tenant]}

    bad = client.post(
        "/api/v1/users", json={**body, "email": "kim@@council"}, headers=world.auth("admin")
    )
    assert bad.status_code == 422 and bad.content_type == "application/problem+json"
    assert "kim@@council" not in bad.get_data(as_text=True)  # a refusal never repeats it
    assert name not in [u.name for u in platform.access.users()]

    made = client.post(
        "/api/v1/users", json={**body, "email": "kim@council.example"}, headers=world.auth("admin")
    )
    assert made.status_code == 201 and made.get_json()["email"] == "kim@council.example"

    url = f"/api/v1/users/{name}/email"
    assert (
        client.put(url, json={"email": "k@x.example"}, headers=world.auth("lead")).status_code
        == 403
    )
    changed = client.put(url, json={"email": "kim@new.example"}, headers=world.auth("admin"))
    assert changed.status_code == 200 and changed.get_json()["email"] == "kim@new.example"
    assert platform.access.user(name).email == "kim@new.example"
    history = list(platform.access.events.get(platform.access.user(name).id))
    assert [type(e).__name__ for e in history][-1] == "EmailChanged"
    same = client.put(url, json={"email": "kim@new.example"}, headers=world.auth("admin"))
    assert same.status_code == 200
    assert len(list(platform.access.events.get(platform.access.user(name).id))) == len(history)
