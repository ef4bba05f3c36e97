"""Correcting a finding, and a recommendation's number, scope or themes, over HTTP on both
stores: the corrected record answers, its history keeps both values, the regional themes
follow, and a number once used is not given to a new recommendation."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.api.test_corrections import catch_up_views, correct, decided_case
from tests.api.test_end_to_end import Http

RECOMMENDATION = {
    "on": "2025-03-01",
    "text": "Train staff",
    "scope": "national",
    "theme_codes": ["training", "identification-of-risk"],
    "target_sector": "health",
}


def themes_view(client: FlaskClient, world: World) -> dict[str, Any]:
    r = client.get(
        f"/api/v1/regions/{world.region}/views/themes?tenant={world.tenant}",
        headers=world.auth("regional"),
    )
    assert r.status_code == 200, body(r)
    return {t["theme"]: (t["dhrs"], t["recommendations"]) for t in body(r)["themes"]}


def test_a_findings_themes_text_and_date_are_corrected_and_the_regional_themes_follow(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)  # incident 10 January 2025
    findings = f"{case}/findings"
    finding = {"on": "2025-03-01", "text": "GP saw injuries", "theme_codes": ["training"]}
    http.create(findings, finding)
    http.create(findings, {**finding, "text": "No DASH", "theme_codes": ["policy"]})
    catch_up_views(app, platform, world.tenant)
    assert themes_view(client, world) == {"training": (1, 0), "policy": (1, 0)}

    themes = {"field": "theme_codes", "value": ["identification-of-risk"], "reason": "mis-ticked"}
    etag = http.get(findings).headers["ETag"]
    url = f"{http.base}{findings}/1/corrections"
    officer = client.post(url, json=themes, headers=world.auth("officer", **{"If-Match": etag}))
    r = client.post(url, json=themes, headers=world.auth("lead", **{"If-Match": etag}))

    assert officer.status_code == 403
    assert r.status_code == 200, body(r)
    assert [f["theme_codes"] for f in body(r)["findings"]] == [
        ["identification-of-risk"],
        ["policy"],
    ]
    assert r.headers["ETag"] != etag
    stale = client.post(
        url,
        json={"field": "text", "value": "GP saw injuries twice", "reason": "typo"},
        headers=world.auth("lead", **{"If-Match": etag}),
    )
    assert stale.status_code == 412

    def fix(number: int, field: str, value: Any) -> Any:
        now = http.get(findings).headers["ETag"]
        return client.post(
            f"{http.base}{findings}/{number}/corrections",
            json={"field": field, "value": value, "reason": "mis-keyed"},
            headers=world.auth("lead", **{"If-Match": now}),
        )

    assert fix(1, "theme_codes", ["no-such-theme"]).status_code == 422
    assert fix(3, "text", "x").status_code == 404
    before_death = fix(2, "recorded_on", "2025-01-09")
    assert before_death.status_code == 422
    assert "before the incident" in body(before_death)["detail"]
    assert fix(2, "recorded_on", "2025-02-01").status_code == 200
    assert fix(2, "text", "No DASH at the first call").status_code == 200
    found = body(http.get(findings))["findings"][1]
    assert (found["text"], found["recorded_on"]) == ("No DASH at the first call", "2025-02-01")

    history = body(http.get(f"{findings}/history", "auditor"))
    fixes = [e for e in history if e["event"] == "FindingCorrected"]
    assert [(e["data"]["number"], e["data"]["field"]) for e in fixes] == [
        (1, "theme_codes"),
        (2, "recorded_on"),
        (2, "text"),
    ]
    assert fixes[0]["data"]["previous"] == ["training"]
    assert fixes[1]["correction"]["replaced"] == "2025-03-01"
    catch_up_views(app, platform, world.tenant)
    assert themes_view(client, world) == {"identification-of-risk": (1, 0), "policy": (1, 0)}


def test_a_recommendation_is_renumbered_rescoped_and_retagged_and_its_old_number_kept(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)
    review = case.rsplit("/", 1)[-1]
    rec = http.create(f"/reviews/{review}/recommendations", {**RECOMMENDATION, "reference": "3"})
    five = http.create(
        f"/reviews/{review}/recommendations",
        {**RECOMMENDATION, "reference": "5", "scope": "regional"},
    )
    resource = f"/recommendations/{rec['id']}"

    def fix(field: str, value: Any) -> Any:
        return correct(http, resource, {"field": field, "value": value, "reason": "mis-keyed"})

    assert fix("reference", "5").status_code == 409
    assert fix("reference", "3 and 4").status_code == 422
    r = fix("reference", "4")
    assert r.status_code == 200 and body(r)["reference"] == "4", body(r)
    again = client.post(
        f"{http.base}/reviews/{review}/recommendations",
        json={**RECOMMENDATION, "reference": "3"},
        headers=world.auth("officer"),
    )
    assert again.status_code == 409, body(again)
    assert "numbered '3' before its number was corrected" in body(again)["detail"]
    assert "correct its number back" in body(again)["detail"]
    assert fix("theme_codes", []).status_code == 422
    assert fix("theme_codes", ["no-such-theme"]).status_code == 422
    r = fix("theme_codes", ["policy"])
    assert r.status_code == 200 and body(r)["theme_codes"] == ["policy"]
    http.command(resource, "national-routing", {"on": "2025-03-02", "addressee": "Home Office"})
    local = fix("scope", "single_agency")
    assert local.status_code == 409, body(local)
    assert "stays national" in body(local)["detail"]
    other = correct(
        http,
        f"/recommendations/{five['id']}",
        {"field": "scope", "value": "national", "reason": "it is for the Home Office"},
    )
    assert other.status_code == 200 and body(other)["scope"] == "national"

    history = body(http.get(f"{resource}/history", "auditor"))
    fixes = [e for e in history if e["event"] == "Corrected"]
    assert [e["data"]["field"] for e in fixes] == ["reference", "theme_codes"]
    assert fixes[0]["correction"]["replaced"] == "3"
    listed = body(http.get(f"/reviews/{review}/recommendations"))
    assert sorted(r["reference"] for r in listed) == ["4", "5"]
    catch_up_views(app, platform, world.tenant)
    assert themes_view(client, world) == {
        "identification-of-risk": (1, 1),
        "policy": (1, 1),
        "training": (1, 1),
    }
