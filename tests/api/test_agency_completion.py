"""An agency finishes its own action through the API as on its pages: evidence, then
completion, which the partnership's lead signs off; another agency's action is not found."""

from __future__ import annotations

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tenants.platform import Platform
from tests.api.conftest import AGENCY, World, body
from tests.api.test_agency_work import HEALTH, as_agency, directory, plan
from tests.api.test_reviews import Case


def test_an_agency_adds_evidence_and_records_its_own_action_complete(
    client: FlaskClient, platform: Platform, world: World, agency_users: dict[str, str]
) -> None:
    """Its API offered start and progress only: a finished action waited for an officer."""
    directory(platform, world)
    police = agency_users["agency"]
    case = Case(client, world)
    assert case.step("decision", {"on": "2014-02-01", "outcome": "hold"}).status_code == 200
    own = plan(client, world, case, AGENCY, "brief")
    other = plan(client, world, case, HEALTH, "train")
    work = f"/api/v1/tenants/{world.tenant}/agency-work/actions"

    def post(action: str, step: str, data: dict[str, str]) -> TestResponse:
        etag = client.get(f"{work}/{action}", headers=as_agency(police)).headers.get("ETag", '"1"')
        return client.post(
            f"{work}/{action}/{step}", json=data, headers=as_agency(police, **{"If-Match": etag})
        )

    evidence = {"on": "2014-10-02", "reference": "Briefing register, October 2014"}
    added = post(own, "evidence", evidence)
    assert added.status_code == 200, body(added)
    done = post(own, "completion", {"on": "2014-10-03"})
    assert done.status_code == 200, body(done)
    answer = body(done)
    assert answer["status"] == "completed" and answer["completed_on"] == "2014-10-03"
    assert [e["reference"] for e in answer["evidence"]] == ["Briefing register, October 2014"]
    for step, data in (("evidence", evidence), ("completion", {"on": "2014-10-03"})):
        assert post(other, step, data).status_code == 404
