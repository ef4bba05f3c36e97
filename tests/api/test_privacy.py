"""Done-when for data at rest, through the API on both stores.

Everything the test types (pseudonym, reasons, findings, QA points, owners, descriptions,
vault entries) must be unreadable in every store file, ``pg_dump``, projection table and log;
erasing a case's vault entry leaves its regional statistics and the audit chain as they were.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.api.test_end_to_end import Http, catch_up_views
from tests.integration.at_rest import readable_in


def vault(http: Http, case: str) -> str:
    return f"{http.base}{case}/personal-details"


def test_a_full_name_as_pseudonym_is_refused_saying_why_unless_confirmed(
    client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = {
        "reference": "DHR-N1",
        "incident_on": "2020-01-05",
        "notified_on": "2020-01-12",
        "pseudonym": "Jane Smithfield",
        "kind": "dhr",
        "death_category": "unexpected_death",
    }
    r = client.post(f"{http.base}/reviews", json=case, headers=world.auth("officer"))
    assert r.status_code == 422 and "looks like a real full name" in body(r)["detail"]
    assert body(client.get(f"{http.base}/reviews", headers=world.auth("officer"))) == []
    http.create("/reviews", {**case, "pseudonym_confirmed": True})


def typed_case(http: Http, mark: str) -> tuple[str, str]:
    review = http.create(
        "/reviews",
        {
            "reference": "DHR-2015-07",
            "incident_on": "2015-01-05",
            "notified_on": "2015-01-12",
            "pseudonym": f"P{mark}",
            "kind": "dhr",
            "death_category": "intimate_partner_homicide",
        },
    )
    case = f"/reviews/{review['id']}"
    http.command(case, "decision", {"on": "2015-02-02", "outcome": "hold", "reason": f"R{mark}"})
    http.command(case, "panel-meetings", {"on": "2015-04-10"})
    themes = [t["code"] for t in body(http.get("/action-plan/themes?kind=theme"))][:1]
    http.create(f"{case}/findings", {"on": "2015-09-01", "text": f"F{mark}", "theme_codes": themes})
    http.command(case, "drafts", {"on": "2015-09-01", "document": "overview_report"})
    http.command(case, "drafts", {"on": "2015-09-01", "document": "executive_summary"})
    http.command(case, "action-plan-agreement", {"on": "2015-09-10"})
    http.command(case, "submission", {"on": "2015-09-20"}, who="lead")
    http.command(
        case, "qa-feedback", {"on": "2015-11-01", "points": [{"number": 1, "summary": f"Q{mark}"}]}
    )
    rec = http.create(
        f"{case}/recommendations",
        {
            "on": "2015-09-10",
            "reference": "R1",
            "text": f"T{mark}",
            "scope": "multi_agency",
            "theme_codes": themes,
            "target_sector": "police",
        },
    )
    http.create(
        f"/recommendations/{rec['id']}/actions",
        {"owner": f"O{mark} Police", "description": f"D{mark}", "due_on": "2016-03-31"},
    )
    return review["id"], case


def personal(mark: str) -> dict[str, Any]:
    return {
        "victim_name": f"V{mark} Name",
        "victim_date_of_birth": "1980-05-06",
        "victim_address": f"A{mark} Street",
        "contacts": [{"name": f"C{mark}", "relationship": "sister", "phone": "0700"}],
        "notes": f"N{mark}",
    }


def region_statistics(client: FlaskClient, world: World) -> Any:
    base = f"/api/v1/regions/{world.region}/views"
    return [
        body(client.get(f"{base}/{view}", headers=world.auth("regional")))
        for view in ("dhr-counts", "actions", "themes")
    ]


def test_typed_text_stays_unreadable_at_rest_and_erasure_keeps_statistics_and_proof(
    app: Flask,
    client: FlaskClient,
    world: World,
    platform: Platform,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    mark = uuid.uuid4().hex[:12]
    http = Http(client, world)
    review_id, case = typed_case(http, mark)

    r = client.put(vault(http, case), json=personal(mark), headers=world.auth("officer"))
    assert r.status_code == 200 and body(r)["status"] == "recorded"
    seen = body(client.get(vault(http, case), headers=world.auth("lead")))
    assert seen["details"]["victim_name"] == f"V{mark} Name"
    for who, status in (("auditor", 403), ("regional", 403), ("neighbour_officer", 404)):
        assert client.get(vault(http, case), headers=world.auth(who)).status_code == status

    catch_up_views(app, platform)
    before = region_statistics(client, world)
    assert "police" in str(before[1]) and mark not in str(before)
    with platform.ledgers.lease(world.tenant, writing=False) as ledger:
        platform.audit.seal(ledger)

    erase = f"{vault(http, case)}/erasure"
    refused = client.post(
        erase, json={"reason": f"E{mark}", "confirm": True}, headers=world.auth("officer")
    )
    assert refused.status_code == 403
    unconfirmed = client.post(
        erase, json={"reason": f"E{mark}", "confirm": False}, headers=world.auth("lead")
    )
    assert unconfirmed.status_code == 422 and "cannot be undone" in body(unconfirmed)["detail"]
    erased = client.post(
        erase, json={"reason": f"E{mark}", "confirm": True}, headers=world.auth("lead")
    )
    assert erased.status_code == 200 and body(erased)["status"] == "erased"
    assert body(erased)["details"] is None and body(erased)["erasure_basis"] == "request"
    again = client.get(vault(http, case), headers=world.auth("officer"))
    assert body(again)["status"] == "erased" and body(again)["details"] is None
    seen = world.auth("officer", **{"If-Match": again.headers["ETag"]})
    assert client.put(vault(http, case), json=personal(mark), headers=seen).status_code == 409

    catch_up_views(app, platform)
    assert region_statistics(client, world) == before
    proof = body(client.get(f"{http.base}/audit/verification", headers=world.auth("auditor")))
    assert proof["intact"] is True and proof["seals_checked"] == 1
    assert body(http.get(case))["pseudonym"] == f"P{mark}"  # the case itself is untouched

    log = client.get(f"{http.base}/audit/personal-data-reads", headers=world.auth("auditor"))
    reads = body(log)
    assert len(reads) >= 3 and {r["path"] for r in reads} == {vault(http, case)}
    assert all(r["tenant"] == world.tenant for r in reads)

    assert readable_in(platform, mark) == []
    assert readable_in(platform, "DHR-2015-07")  # the scan does reach the projection tables
    assert mark not in caplog.text
