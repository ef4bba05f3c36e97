"""Two administrators (or officers) never overwrite each other: ETag in, If-Match back."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.api.conftest import World, body


def test_a_get_returns_the_version_as_etag_and_a_command_needs_it(
    client: FlaskClient, world: World
) -> None:
    url = f"/api/v1/tenants/{world.tenant}"
    etag = client.get(url, headers=world.auth("admin")).headers["ETag"]
    missing = client.post(f"{url}/name", json={"name": "New"}, headers=world.auth("admin"))
    assert missing.status_code == 428
    done = client.post(
        f"{url}/name", json={"name": "New"}, headers=world.auth("admin", **{"If-Match": etag})
    )
    assert done.status_code == 200 and done.headers["ETag"] != etag
    stale = client.post(
        f"{url}/name", json={"name": "Newer"}, headers=world.auth("admin", **{"If-Match": etag})
    )
    assert stale.status_code == 412 and "GET it again" in body(stale)["detail"]
