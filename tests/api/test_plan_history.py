"""What auditors ask over HTTP: the master plan as recorded at an instant, and who audited what."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

from flask.testing import FlaskClient

from tests.api.conftest import World, body
from tests.api.test_role_matrix import a_review


def an_action(client: FlaskClient, world: World) -> str:
    base = f"/api/v1/tenants/{world.tenant}"
    rec = client.post(
        f"{base}/reviews/{a_review(client, world)}/recommendations",
        headers=world.auth("officer"),
        json={
            "on": "2016-02-01",
            "reference": "R1",
            "text": "Train staff in DASH",
            "scope": "single_agency",
            "theme_codes": ["training"],
            "target_organisation": "Police",
        },
    )
    action = client.post(
        f"{base}/recommendations/{body(rec)['id']}/actions",
        headers=world.auth("officer"),
        json={"owner": "Police", "description": "Deliver training", "due_on": "2016-06-30"},
    )
    assert action.status_code == 201, body(action)
    return f"{base}/actions/{body(action)['id']}"


def test_the_master_plan_as_recorded_at_an_instant_ignores_later_changes(
    client: FlaskClient, world: World
) -> None:
    action = an_action(client, world)
    before_start = datetime.now(UTC).isoformat()
    etag = client.get(action, headers=world.auth("officer")).headers["ETag"]
    started = client.post(
        f"{action}/start",
        json={"on": "2016-03-01"},
        headers=world.auth("officer", **{"If-Match": etag}),
    )
    assert started.status_code == 200
    plan = f"/api/v1/tenants/{world.tenant}/action-plan/as-recorded"
    then = client.get(
        f"{plan}?at={quote(before_start)}&as_of=2016-03-31", headers=world.auth("auditor")
    )
    assert [line["status"] for line in body(then)] == ["open"]
    now = client.get(
        f"{plan}?at={quote(datetime.now(UTC).isoformat())}&status=in_progress",
        headers=world.auth("auditor"),
    )
    assert [line["status"] for line in body(now)] == ["in_progress"]
    naive = client.get(f"{plan}?at=2016-03-31T12:00:00", headers=world.auth("auditor"))
    assert naive.status_code == 422


def test_auditors_of_the_same_scope_and_admins_read_who_audited_what(
    client: FlaskClient, world: World
) -> None:
    reviews = f"/api/v1/tenants/{world.tenant}/reviews"
    assert client.get(reviews, headers=world.auth("auditor")).status_code == 200
    log = f"/api/v1/tenants/{world.tenant}/audit/reads"
    for who in ("auditor", "region_auditor", "admin"):
        reads = body(client.get(log, headers=world.auth(who)))
        assert reads[0]["path"] == reviews and reads[0]["tenant"] == world.tenant, who
    assert client.get(log, headers=world.auth("lead")).status_code == 403
    assert client.get(log, headers=world.auth("other_auditor")).status_code == 404
    in_region = body(
        client.get(
            f"/api/v1/regions/{world.region}/audit/reads", headers=world.auth("region_auditor")
        )
    )
    assert reviews in [r["path"] for r in in_region]
    too_long = client.get(f"{log}?since=2016-01-01&until=2016-12-31", headers=world.auth("admin"))
    assert too_long.status_code == 422
