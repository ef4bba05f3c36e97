"""An audit bundle's name says when the service found the history altered."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World
from tests.api.test_corrections import decided_case
from tests.api.test_end_to_end import Http
from tests.integration.test_audit_tampering import tamper


def test_a_bundle_of_an_altered_history_is_named_altered_where_it_is_downloaded(
    platform: Platform, client: FlaskClient, world: World
) -> None:
    """The manifest says the history was found altered, but a download has no page to say it
    on: its name does, on the API and on the auditor's page alike."""
    decided_case(Http(client, world))
    intact = client.get(
        f"/api/v1/tenants/{world.tenant}/audit/bundle", headers=world.auth("auditor")
    )
    assert intact.headers["Content-Disposition"].endswith(f'filename="audit-{world.tenant}.zip"')
    tamper(  # the next version of the first record, at -1: the application loads it
        platform,
        world.tenant,
        "INSERT INTO {table} ({pos}, originator_id, originator_version, topic, state)"
        " SELECT -1, originator_id, (SELECT max(originator_version) + 1"
        " FROM {table} AS later WHERE later.originator_id = first.originator_id),"
        " topic, state FROM {table} AS first WHERE {pos} > 0 ORDER BY {pos} LIMIT 1",
    )
    altered = client.get(
        f"/api/v1/tenants/{world.tenant}/audit/bundle", headers=world.auth("auditor")
    )
    assert altered.status_code == 200
    assert altered.headers["Content-Disposition"].endswith(
        f'filename="audit-{world.tenant}-ALTERED.zip"'
    )
