"""A DHR case over HTTP: each step is a POST to a named sub-resource, guarded by If-Match."""

from __future__ import annotations

from typing import Any, cast

from flask.testing import FlaskClient

from domain.recording import LedgerAggregate
from tenants.platform import Platform
from tests.api.conftest import World, body

CASE = {
    "reference": "DHR-2014-01",
    "incident_on": "2014-01-10",
    "notified_on": "2014-01-20",
    "pseudonym": "Mary",
    "kind": "dhr",
    "death_category": "intimate_partner_homicide",
}


class Case:
    def __init__(self, client: FlaskClient, world: World, who: str = "officer") -> None:
        self.client, self.world, self.who = client, world, who
        self.base = f"/api/v1/tenants/{world.tenant}/reviews"
        r = client.post(self.base, json=CASE, headers=world.auth(who))
        assert r.status_code == 201, body(r)
        self.id, self.etag = body(r)["id"], r.headers["ETag"]

    def step(self, path: str, data: dict[str, Any], who: str | None = None) -> Any:
        r = self.client.post(
            f"{self.base}/{self.id}/{path}",
            json=data,
            headers=self.world.auth(who or self.who, **{"If-Match": self.etag}),
        )
        if r.status_code == 200:
            self.etag = r.headers["ETag"]
        return r


def test_each_step_moves_the_case_on_and_changes_its_etag(
    client: FlaskClient, world: World
) -> None:
    case = Case(client, world)
    first = case.etag
    r = case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    assert r.status_code == 200 and body(r)["status"] == "under_review" and case.etag != first
    got = client.get(f"{case.base}/{case.id}", headers=world.auth("officer"))
    assert got.headers["ETag"] == case.etag and body(got)["decision"]["outcome"] == "hold"


def test_a_stale_etag_is_refused_so_officers_never_overwrite_each_other(
    client: FlaskClient, world: World
) -> None:
    mine, theirs = Case(client, world), None
    theirs = mine.etag
    assert mine.step("decision", {"on": "2014-02-01", "outcome": "hold"}).status_code == 200
    mine.etag = theirs
    assert mine.step("panel-meetings", {"on": "2014-03-01"}).status_code == 412


def test_only_the_lead_signs_off_submission(client: FlaskClient, world: World) -> None:
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    case.step("drafts", {"on": "2014-08-01", "document": "overview_report"})
    assert case.step("submission", {"on": "2014-08-10"}).status_code == 403
    assert case.step("submission", {"on": "2014-08-10"}, who="lead").status_code in (200, 409)


def test_a_refused_step_is_a_409_that_records_nothing(client: FlaskClient, world: World) -> None:
    case = Case(client, world)
    before = case.etag
    r = case.step("approval", {"on": "2014-03-01"})
    assert r.status_code == 409 and body(r)["detail"]
    assert (
        client.get(f"{case.base}/{case.id}", headers=world.auth("officer")).headers["ETag"]
        == before
    )


def test_bad_dates_and_values_never_reach_the_domain(client: FlaskClient, world: World) -> None:
    case = Case(client, world)
    r = case.step("decision", {"on": "2014-02-31", "outcome": "maybe"})
    assert r.status_code == 422 and set(body(r)["errors"]["json"]) == {"on", "outcome"}
    r = case.step(
        "commission",
        {"on": "2014-03-01", "chair_ref": "c", "author_ref": "a", "cost_pence": "12.5"},
    )
    assert r.status_code == 422 and "cost_pence" in body(r)["errors"]["json"]


def test_every_event_records_the_acting_user_id(
    platform: Platform, client: FlaskClient, world: World
) -> None:
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    me = body(client.get("/api/v1/me", headers=world.auth("officer")))["id"]
    with platform.ledgers.lease(world.tenant, writing=False) as ledger:
        from uuid import UUID

        recorded = {
            cast(LedgerAggregate.Event, e).recorded_by for e in ledger.events.get(UUID(case.id))
        }
    assert recorded == {me}


def test_a_retried_notification_with_the_same_key_creates_one_case(
    client: FlaskClient, world: World
) -> None:
    headers = world.auth("officer", **{"Idempotency-Key": "notify-once"})
    base = f"/api/v1/tenants/{world.tenant}/reviews"
    first = client.post(base, json=CASE, headers=headers)
    again = client.post(base, json=CASE, headers=headers)
    assert first.status_code == again.status_code == 201 and body(first)["id"] == body(again)["id"]
    assert len(body(client.get(base, headers=world.auth("officer")))) == 1
