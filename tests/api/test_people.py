"""People with access through the API: a partnership's lead lists who reaches its records and
deactivates a leaver who worked for it alone; anyone else is refused and nothing recorded."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World


def name_of(platform: Platform, world: World, who: str) -> str:
    found = platform.access.authenticate(world.tokens[who])
    assert found is not None
    return found.name


def test_a_lead_lists_who_reaches_the_partnership_and_removes_a_leaver(
    client: FlaskClient, world: World, platform: Platform, agency_users: dict[str, str]
) -> None:
    url = f"/api/v1/tenants/{world.tenant}/people"
    listed = client.get(url, headers=world.auth("lead"))
    assert listed.status_code == 200
    people = {p["name"]: p for p in listed.get_json()}
    officer, regional = name_of(platform, world, "officer"), name_of(platform, world, "regional")
    assert people[officer]["own"] and people[officer]["removable"]
    assert not people[regional]["own"] and not people[regional]["removable"]
    assert people[regional]["cannot_remove"] == "Their role reaches beyond this partnership."
    assert "never a case's details" in people[regional]["sees"]
    assert name_of(platform, world, "neighbour_officer") not in people
    assert name_of(platform, world, "other_regional") not in people
    assert people[name_of(platform, world, "region_auditor")]["two_factor_required"]

    auditor = name_of(platform, world, "auditor")  # their grant names this partnership
    refused = client.post(
        f"{url}/{auditor}/deactivation", json={"reason": "left"}, headers=world.auth("lead")
    )
    assert refused.status_code == 409
    assert "Ask the platform administrator" in refused.get_json()["detail"]
    assert platform.access.user(auditor).active
    for beyond in (regional, name_of(platform, world, "neighbour_officer")):
        hidden = client.post(
            f"{url}/{beyond}/deactivation", json={"reason": "left"}, headers=world.auth("lead")
        )
        assert hidden.status_code == 404 and platform.access.user(beyond).active

    done = client.post(
        f"{url}/{officer}/deactivation", json={"reason": "left"}, headers=world.auth("lead")
    )
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["active"] is False
    assert done.get_json()["deactivated"]["reason"] == "left"
    assert not platform.access.user(officer).active
    assert client.get(url, headers=world.auth("officer")).status_code == 401  # token revoked
    again = client.post(
        f"{url}/{officer}/deactivation", json={"reason": "left"}, headers=world.auth("lead")
    )
    assert again.status_code == 409
