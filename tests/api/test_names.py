"""Names, not ids: histories say who did what by name; refusals name who can help."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.api.test_reviews import Case


def name_of(platform: Platform, world: World, who: str) -> str:
    token_user = platform.access.authenticate(world.tokens[who])
    assert token_user is not None
    return token_user.name


def test_a_case_history_shows_who_recorded_each_event_by_display_name(
    platform: Platform, client: FlaskClient, world: World
) -> None:
    platform.access.rename_user(name_of(platform, world, "officer"), "Sam  Patel ")
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})

    history = client.get(f"{case.base}/{case.id}/history", headers=world.auth("auditor"))

    events = body(history)
    assert history.status_code == 200 and len(events) == 2
    assert {e["recorded_by_name"] for e in events} == {"Sam Patel"}
    me = body(client.get("/api/v1/me", headers=world.auth("officer")))
    assert me["display_name"] == "Sam Patel" and {e["recorded_by"] for e in events} == {me["id"]}


def test_a_user_without_a_display_name_is_shown_by_user_name(
    platform: Platform, client: FlaskClient, world: World
) -> None:
    case = Case(client, world, who="lead")
    events = body(client.get(f"{case.base}/{case.id}/history", headers=world.auth("lead")))
    assert [e["recorded_by_name"] for e in events] == [name_of(platform, world, "lead")]


def test_an_officer_refused_a_sign_off_is_told_to_ask_their_lead_by_name(
    platform: Platform, client: FlaskClient, world: World
) -> None:
    platform.access.rename_user(name_of(platform, world, "lead"), "Alex Morgan")
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    case.step("drafts", {"on": "2014-08-01", "document": "overview_report"})

    refused = case.step("submission", {"on": "2014-08-10"})

    detail = body(refused)["detail"]
    assert refused.status_code == 403
    assert "Ask your partnership's lead (Alex Morgan)" in detail
    assert "platform administrator" not in detail


def test_a_regional_lead_refused_case_detail_is_sent_to_the_partnership(
    client: FlaskClient, world: World
) -> None:
    refused = client.get(f"/api/v1/tenants/{world.tenant}/reviews", headers=world.auth("regional"))
    assert refused.status_code == 403
    assert "Case details stay with each partnership" in body(refused)["detail"]


def test_an_officer_refused_platform_work_is_sent_to_a_platform_administrator(
    client: FlaskClient, world: World
) -> None:
    refused = client.get("/api/v1/users", headers=world.auth("officer"))
    assert refused.status_code == 403 and "platform administrator" in body(refused)["detail"]


def test_a_display_name_can_be_given_when_the_user_is_added(
    client: FlaskClient, world: World, unique: Callable[[str], str]
) -> None:
    created = client.post(
        "/api/v1/users",
        json={"name": unique("jo.smith"), "role": "platform_admin", "display_name": "Jo Smith"},
        headers=world.auth("admin"),
    )
    assert created.status_code == 201 and body(created)["display_name"] == "Jo Smith"
