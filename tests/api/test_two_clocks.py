"""Two clocks through HTTP on both stores: ``on`` (business date, facts as known now) and
``as_recorded`` (what the ledger showed then), for a history back-loaded today about 2018."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.api.test_corrections import catch_up_views
from tests.api.test_end_to_end import Http


def back_load_2018(http: Http) -> dict[str, str]:
    """A 2018 case entered today: decided, paused Mar-May, an action due in June done in Sept."""
    case = http.create(
        "/reviews",
        {
            "reference": "DHR-2018-01",
            "incident_on": "2018-01-05",
            "notified_on": "2018-01-12",
            "pseudonym": "Ann",
            "kind": "dhr",
            "death_category": "intimate_partner_homicide",
        },
    )
    url = f"/reviews/{case['id']}"
    http.command(url, "decision", {"on": "2018-01-30", "outcome": "hold"})
    http.command(url, "pause", {"on": "2018-03-01", "reason": "criminal_trial"})
    http.command(url, "resumption", {"on": "2018-05-01"})
    rec = http.create(
        f"{url}/recommendations",
        {
            "on": "2018-02-01",
            "reference": "1",
            "text": "Share risk assessments",
            "scope": "multi_agency",
            "theme_codes": ["training"],
            "target_sector": "police",
        },
    )
    made = {"owner": "Police", "description": "Share MARAC minutes", "due_on": "2018-06-01"}
    action = http.create(f"/recommendations/{rec['id']}/actions", made)
    http.command(f"/actions/{action['id']}", "completion", {"on": "2018-09-01"})
    later = http.create(
        f"{url}/recommendations",
        {
            "on": "2020-01-01",
            "reference": "2",
            "text": "Audit",
            "scope": "single_agency",
            "theme_codes": ["training"],
            "target_sector": "police",
        },
    )
    http.create(
        f"/recommendations/{later['id']}/actions",
        {"owner": "Police", "description": "Audit", "due_on": "2020-06-01"},
    )
    return {"case": url, "action": action["id"]}


def view(client: FlaskClient, world: World, name: str, query: str) -> Any:
    r = client.get(
        f"/api/v1/regions/{world.region}/views/{name}?tenant={world.tenant}&{query}",
        headers=world.auth("regional"),
    )
    assert r.status_code == 200, body(r)
    return body(r)


def test_overdue_on_a_past_business_day_regionally_and_for_the_tenant(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    before = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    http = Http(client, world)
    ids = back_load_2018(http)
    catch_up_views(app, platform, world.tenant)

    then = view(client, world, "actions", "on=2018-07-01")["total"]
    now = view(client, world, "actions", "")["total"]
    recorded_before = view(client, world, "actions", f"as_recorded={before}")["total"]
    both = view(client, world, "actions", f"on=2018-07-01&as_recorded={before}")["total"]

    assert (then["open"], then["overdue"], then["awaiting_impact_review"]) == (1, 1, 0)
    assert (now["open"], now["overdue"], now["awaiting_impact_review"]) == (1, 1, 1)
    assert recorded_before["open"] == recorded_before["overdue"] == 0 == both["open"]
    plan = body(http.get("/action-plan?on=2018-07-01&overdue=true"))
    assert [line["action_id"] for line in plan] == [ids["action"]]
    assert plan[0]["status"] == "open" and plan[0]["completed_on"] is None
    assert len(body(http.get("/action-plan?as_of=2018-07-01"))) == 1  # the 2020 action is absent
    done = body(http.get("/action-plan?on=2018-10-01&awaiting_impact_review=true"))
    assert [line["status"] for line in done] == ["completed"]


def test_counts_and_timeliness_on_a_day_follow_that_day(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    before = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    back_load_2018(Http(client, world))
    catch_up_views(app, platform, world.tenant)

    paused_then = view(client, world, "dhr-counts", "on=2018-04-01")["total"]
    paused_until = view(client, world, "dhr-counts", "until=2018-04-01")["total"]
    paused_today = view(client, world, "dhr-counts", "")["total"]
    before_notified = view(client, world, "dhr-counts", "on=2018-01-10")["total"]
    recorded = view(client, world, "dhr-counts", f"as_recorded={before}")["total"]

    assert paused_then["paused_now"] == paused_until["paused_now"] == 1
    assert paused_today["paused_now"] == 0 and paused_today["notified"] == 1
    assert before_notified["notified"] == 0 and recorded["notified"] == 0
    timing = view(client, world, "timeliness", "on=2018-02-15")
    assert timing["today"] == "2018-02-15" and timing["overall"]["cases"] == 1
    assert timing["overall"]["to_decision"]["worst_days"] == 25
    not_yet = view(client, world, "timeliness", "on=2018-01-20")["overall"]
    assert not_yet["to_decision"]["cases"] == 0 and not_yet["cases"] == 1
    late = view(client, world, "timeliness", "on=2018-10-01")["overall"]
    assert late["past_completion_target_now"] == 0  # 7 months + the 61 paused days: due 5 Oct
    later = view(client, world, "timeliness", "on=2018-10-06")["overall"]
    assert later["past_completion_target_now"] == 1
    timeliness = body(
        Http(client, world).get(f"{back_case(client, world)}/timeliness?as_of=2018-10-01")
    )
    assert timeliness["completion_due"] == "2018-10-05"


def back_case(client: FlaskClient, world: World) -> str:
    cases = body(
        client.get(f"/api/v1/tenants/{world.tenant}/reviews", headers=world.auth("officer"))
    )
    return f"/reviews/{cases[0]['id']}"


def test_the_case_register_and_timeliness_on_a_day_and_as_recorded(
    client: FlaskClient, world: World
) -> None:
    before = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    http = Http(client, world)
    ids = back_load_2018(http)
    middle = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    http.command(ids["case"], "panel-meetings", {"on": "2018-06-01"})

    assert body(http.get(f"/reviews?as_recorded={before}")) == []
    assert len(body(http.get("/reviews?on=2018-01-12"))) == 1
    assert body(http.get("/reviews?on=2018-01-11")) == []
    then = body(http.get(f"{ids['case']}?as_recorded={middle}"))
    now = body(http.get(ids["case"]))
    assert then["panel_meetings"] == [] and now["panel_meetings"] == ["2018-06-01"]
    on_day = body(http.get(f"{ids['case']}/timeliness?on=2018-04-01"))
    assert on_day["days_to_first_panel"] is None and on_day["paused_days"] == 31
    assert on_day["completion_due"] == "2018-09-05"  # moved by the 31 days paused so far
    recorded = body(http.get(f"{ids['case']}/timeliness?as_recorded={middle}&as_of=2018-07-01"))
    assert recorded["days_to_first_panel"] is None
    assert body(http.get(f"{ids['case']}/timeliness?as_of=2018-07-01"))["days_to_first_panel"]
