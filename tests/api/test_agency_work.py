"""Issue 17's "done when", through the API on both stores: a panel requests three IMRs from
agencies of the region's partner directory, one is late and chased, all arrive with
chronologies that merge in date order, the region sees the days late per agency; an agency
user updates only its own actions and IMR (every other route 403/404: test_role_matrix.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from domain.calendar import uk_today
from projections.model import region_source
from tenants.platform import Platform
from tests.api.conftest import AGENCY, World, body
from tests.api.test_corrections import catch_up_views
from tests.api.test_reviews import Case

HEALTH, COUNCIL = "world-health", "world-council"


def directory(platform: Platform, world: World) -> None:
    with platform.region_ledgers.lease(world.region) as ledger:
        ledger.partners.add(HEALTH, "World Health Trust", "health", date(2015, 4, 1))
        ledger.partners.add(COUNCIL, "World City Council", "city_council", date(2015, 4, 1))
        ledger.partners.map_name("Police", AGENCY, date(2015, 4, 1))


def as_agency(secret: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}", **headers}


def entry(client: FlaskClient, case: Case, agency: str, on: str, what: str) -> None:
    r = client.post(
        f"{case.base}/{case.id}/chronology/entries",
        json={"agency": agency, "occurred_on": on, "what_happened": what, "source": "records"},
        headers=case.world.auth("officer"),
    )
    assert r.status_code == 201, body(r)


def plan(client: FlaskClient, world: World, case: Case, owner: str, what: str) -> str:
    base = f"/api/v1/tenants/{world.tenant}"
    rec = client.post(
        f"{base}/reviews/{case.id}/recommendations",
        json={
            "on": "2014-09-01",
            "reference": f"R-{what}",
            "text": "Share risk information.",
            "scope": "multi_agency",
            "theme_codes": ["training"],
            "target_sector": "health",
        },
        headers=world.auth("officer"),
    )
    assert rec.status_code == 201, body(rec)
    r = client.post(
        f"{base}/recommendations/{body(rec)['id']}/actions",
        json={"owner": owner, "description": what, "due_on": "2015-03-01"},
        headers=world.auth("officer"),
    )
    assert r.status_code == 201, body(r)
    return str(body(r)["id"])


def test_three_imrs_one_late_and_chased_merge_and_an_agency_updates_only_its_own(
    app: Flask,
    client: FlaskClient,
    platform: Platform,
    world: World,
    agency_users: dict[str, str],
) -> None:
    directory(platform, world)
    police = agency_users["agency"]
    case = Case(client, world)
    assert case.step("decision", {"on": "2014-02-01", "outcome": "hold"}).status_code == 200
    for agency in (AGENCY, HEALTH, COUNCIL):  # by directory key
        r = case.step(
            "imr-requests", {"on": "2014-03-10", "agency": agency, "due_on": "2014-04-21"}
        )
        assert r.status_code == 200, body(r)
    refused = case.step("imr-requests", {"on": "2014-03-10", "agency": "nobody", "due_on": None})
    assert refused.status_code == 422 and "world-health" in body(refused)["detail"]
    extend = {"on": "2014-04-15", "agency": HEALTH, "due_on": "2014-05-05", "reason": "author ill"}
    assert case.step("imr-extensions", extend).status_code == 200
    assert case.step("imr-chases", {"on": "2014-04-28", "agency": COUNCIL}).status_code == 200

    # The police's own user sees only its IMR, submits it and its chronology entries.
    work = f"/api/v1/tenants/{world.tenant}/agency-work"
    mine = body(client.get(work, headers=as_agency(police)))
    assert mine["agency_name"] == "World Police"
    assert [(i["reference"], i["imr"]["agency"]) for i in mine["imrs"]] == [("DHR-2014-01", AGENCY)]
    imr = f"{work}/reviews/{case.id}"
    for on, what in (("2013-11-02", "Call to a disturbance."), ("2013-06-01", "Stop check.")):
        r = client.post(
            f"{imr}/chronology-entries",
            json={"occurred_on": on, "what_happened": what, "source": "command log"},
            headers=as_agency(police),
        )
        assert r.status_code == 201, body(r)
    r = client.post(
        f"{imr}/imr-submissions",
        json={"on": "2014-04-14", "with_chronology": True},
        headers=as_agency(police),
    )
    assert r.status_code == 200 and body(r)["imr"]["received_on"] == "2014-04-14"
    # The panel's routes stay closed to it: it cannot assess its own IMR nor read the case.
    assess = {"on": "2014-05-12", "agency": AGENCY, "outcome": "accepted"}
    assert (
        client.post(
            f"{case.base}/{case.id}/imr-assessments", json=assess, headers=as_agency(police)
        ).status_code
        == 403
    )
    assert client.get(f"{case.base}/{case.id}", headers=as_agency(police)).status_code == 403

    # The other two arrive through the panel, the council's late, each with its chronology.
    case.etag = client.get(f"{case.base}/{case.id}", headers=world.auth("officer")).headers["ETag"]
    entry(client, case, HEALTH, "2013-08-20", "GP appointment.")
    entry(client, case, COUNCIL, "2013-12-01", "Housing application.")
    entry(client, case, COUNCIL, "2013-01-15", "Tenancy started.")
    for agency, on in ((HEALTH, "2014-05-05"), (COUNCIL, "2014-05-09")):
        r = case.step("imr-returns", {"on": on, "agency": agency, "with_chronology": True})
        assert r.status_code == 200, body(r)
    imrs = {i["agency"]: i for i in body(r)["imrs"]}
    assert {a: i["days_late"] for a, i in imrs.items()} == {AGENCY: 0, HEALTH: 0, COUNCIL: 18}
    assert imrs[COUNCIL]["chased_on"] == ["2014-04-28"]
    merged = body(client.get(f"{case.base}/{case.id}/chronology", headers=world.auth("officer")))
    dated = [
        (row["occurred_on"], row["agencies"]) for row in merged["rows"] if row["kind"] == "entry"
    ]
    assert [d for d, _ in dated] == sorted(d for d, _ in dated) and len(dated) == 5
    assert {a for _, agencies in dated for a in agencies} == {AGENCY, HEALTH, COUNCIL}

    # Actions: the agency sees and updates its own (planned by name or by key), no other.
    own = plan(client, world, case, "Police", "brief")  # a name the directory maps
    other = plan(client, world, case, HEALTH, "train")
    listed = body(client.get(work, headers=as_agency(police)))["actions"]
    assert [a["action_id"] for a in listed] == [own]
    got = client.get(f"{work}/actions/{own}", headers=as_agency(police))
    progress = {"on": "2014-10-01", "text": "Briefings booked."}
    r = client.post(
        f"{work}/actions/{own}/progress",
        json=progress,
        headers=as_agency(police, **{"If-Match": got.headers["ETag"]}),
    )
    assert r.status_code == 200 and body(r)["progress"][0]["text"] == "Briefings booked."
    before = client.get(
        f"/api/v1/tenants/{world.tenant}/actions/{other}", headers=world.auth("officer")
    )
    refusals: list[tuple[str, Any, int]] = [
        (f"{work}/actions/{other}/progress", progress, 404),
        (f"/api/v1/tenants/{world.tenant}/actions/{other}/progress", progress, 403),
        (f"/api/v1/tenants/{world.stranger}/agency-work/actions/{other}/progress", progress, 404),
    ]
    for path, data, status in refusals:
        answer = client.post(path, json=data, headers=as_agency(police, **{"If-Match": '"1"'}))
        assert answer.status_code == status, (path, body(answer))
    assert client.get(f"{work}/actions/{other}", headers=as_agency(police)).status_code == 404
    after = client.get(
        f"/api/v1/tenants/{world.tenant}/actions/{other}", headers=world.auth("officer")
    )
    assert after.headers["ETag"] == before.headers["ETag"] and body(after)["progress"] == []

    # The region's user of the agency sees the same, across the region's partnerships.
    region_view = body(
        client.get(
            f"/api/v1/regions/{world.region}/agency-work",
            headers=as_agency(agency_users["region_agency"]),
        )
    )
    assert [w["tenant"] for w in region_view if w["imrs"]] == [world.tenant]

    # The region's timeliness view: days late per agency, by the directory's names.
    catch_up_views(app, platform, world.tenant, region_source(world.region))
    view = body(
        client.get(
            f"/api/v1/regions/{world.region}/views/timeliness?tenant={world.tenant}",
            headers=world.auth("regional"),
        )
    )
    late = {
        row["label"]: (row["late"], row["days_late"], row["chased"])
        for row in view["imrs_by_agency"]
    }
    assert late == {
        "World City Council": (1, 18, 1),
        "World Health Trust": (0, 0, 0),
        "World Police": (0, 0, 0),
    }


def test_an_imr_request_keeps_its_authors_contact_for_the_partnership_only(
    client: FlaskClient, platform: Platform, world: World, agency_users: dict[str, str]
) -> None:
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    author = {"name": "Jo Bloggs", "email": "jo.bloggs@police.example.gov.uk", "phone": "0121 1"}
    bad = {"on": "2014-03-10", "agency": AGENCY, "author": {**author, "phone": "call me"}}
    assert case.step("imr-requests", bad).status_code == 422
    r = case.step("imr-requests", {"on": "2014-03-10", "agency": AGENCY, "author": author})
    assert r.status_code == 200, body(r)
    assert "Jo Bloggs" not in r.get_data(as_text=True)  # the case answers no contact
    url = f"{case.base}/{case.id}/imr-contacts"
    got = client.get(url, headers=world.auth("officer"))
    assert body(got) == [{"agency": AGENCY, **author, "emailed": True}]
    for who in ("regional", "auditor", "admin"):
        assert client.get(url, headers=world.auth(who)).status_code == 403
    assert client.get(url, headers=as_agency(agency_users["agency"])).status_code == 403

    # an author reached by phone only, or who asked not to be emailed reminders, is kept so
    etag = {"If-Match": got.headers["ETag"]}
    quiet = {"agency": AGENCY, "name": "Sam Quiet", "phone": "0121 2", "emailed": False}
    r = client.post(url, json=quiet, headers=world.auth("officer") | etag)
    assert r.status_code == 200, body(r)
    assert body(r) == [{**quiet, "email": ""}]


def test_an_actions_owner_is_corrected_only_to_a_body_of_the_directory(
    client: FlaskClient, platform: Platform, world: World, agency_users: dict[str, str]
) -> None:
    """As when the action was planned: a key, a name or a mapped alias; anything else a 422
    listing the partners, and the owner unchanged."""
    directory(platform, world)
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    action = f"/api/v1/tenants/{world.tenant}/actions/{plan(client, world, case, HEALTH, 'x')}"

    def correct(owner: str) -> Any:
        etag = client.get(action, headers=world.auth("lead")).headers["ETag"]
        return client.post(
            f"{action}/corrections",
            json={"field": "owner", "value": owner, "reason": "keyed wrong"},
            headers=world.auth("lead", **{"If-Match": etag}),
        )

    refused = correct("Nowhere Trust")
    assert refused.status_code == 422, body(refused)
    assert "'Nowhere Trust' is not in the region's partner directory" in body(refused)["detail"]
    assert body(client.get(action, headers=world.auth("lead")))["owner"] == HEALTH
    moved = correct(COUNCIL)
    assert moved.status_code == 200, body(moved)
    assert body(moved)["owner"] == COUNCIL


def test_a_refused_author_contact_leaves_no_imr_request_behind(
    client: FlaskClient, world: World, agency_users: dict[str, str]
) -> None:
    """Once a case's personal details are erased no contact can be kept for it: a request
    sent with one is refused (409) and records nothing, so sending it again without the
    contact is not refused as a duplicate."""
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    vault = f"{case.base}/{case.id}/personal-details"
    details = {"victim_name": "Vic Tim", "victim_date_of_birth": "1980-05-06"}
    assert client.put(vault, json=details, headers=world.auth("officer")).status_code == 200
    erased = client.post(
        f"{vault}/erasure", json={"reason": "asked", "confirm": True}, headers=world.auth("lead")
    )
    assert erased.status_code == 200, body(erased)
    author = {"name": "Jo Bloggs", "email": "jo.bloggs@police.example.gov.uk", "phone": "0121 1"}
    before = client.get(f"{case.base}/{case.id}", headers=world.auth("officer"))

    refused = case.step("imr-requests", {"on": "2014-03-10", "agency": AGENCY, "author": author})
    assert refused.status_code == 409, body(refused)
    after = client.get(f"{case.base}/{case.id}", headers=world.auth("officer"))
    assert after.headers["ETag"] == before.headers["ETag"] and body(after)["imrs"] == []
    plain = case.step("imr-requests", {"on": "2014-03-10", "agency": AGENCY})
    assert plain.status_code == 200, body(plain)


def test_an_agency_asks_for_more_time_the_panel_refuses_then_agrees_another_date(
    client: FlaskClient, platform: Platform, world: World, agency_users: dict[str, str]
) -> None:
    """The agency asked by phone, so nothing kept its request: now the API records it (dated
    the day it is sent), the panel answers it, and the agency reads the answer."""
    directory(platform, world)
    police = agency_users["agency"]
    case = Case(client, world)
    assert case.step("decision", {"on": "2014-02-01", "outcome": "hold"}).status_code == 200
    asked = {"on": "2014-03-10", "agency": AGENCY, "due_on": "2014-04-21"}
    assert case.step("imr-requests", asked).status_code == 200
    imr = f"/api/v1/tenants/{world.tenant}/agency-work/reviews/{case.id}"
    today = uk_today()
    proposed = (today + timedelta(days=30)).isoformat()

    def ask(due_on: str) -> Any:
        sent = {"due_on": due_on, "reason": "Author off sick"}
        return client.post(f"{imr}/imr-extension-requests", json=sent, headers=as_agency(police))

    assert ask("2014-04-01").status_code == 422  # not after the date already due
    r = ask(proposed)
    assert r.status_code == 200, body(r)
    (request,) = body(r)["imr"]["extension_requests"]
    assert request["asked_on"] == today.isoformat() and request["due_on"] == proposed
    assert request["open"] and body(r)["imr"]["due_on"] == "2014-04-21"  # no clock moved
    assert ask(proposed).status_code == 409  # one open request at a time

    case.etag = client.get(f"{case.base}/{case.id}", headers=world.auth("officer")).headers["ETag"]
    refusal = {"on": today.isoformat(), "agency": AGENCY, "reason": "The panel meets next week"}
    r = case.step("imr-extension-refusals", refusal)
    assert r.status_code == 200, body(r)
    seen = body(client.get(imr + "/imr", headers=as_agency(police)))["imr"]
    assert seen["extension_requests"][0]["refusal"] == "The panel meets next week"
    assert case.step("imr-extension-refusals", refusal).status_code == 409  # none open now

    assert ask(proposed).status_code == 200
    shorter = (today + timedelta(days=20)).isoformat()
    extend = {"on": today.isoformat(), "agency": AGENCY, "due_on": shorter, "reason": "Agreed"}
    case.etag = client.get(f"{case.base}/{case.id}", headers=world.auth("officer")).headers["ETag"]
    assert case.step("imr-extensions", extend).status_code == 200
    seen = body(client.get(imr + "/imr", headers=as_agency(police)))["imr"]
    assert [(r["open"], r["agreed_due_on"]) for r in seen["extension_requests"]] == [
        (False, None),
        (False, shorter),
    ]
    assert seen["due_on"] == shorter
    # The panel's route stays closed to the agency: it cannot refuse (or agree) itself.
    refused = client.post(
        f"{case.base}/{case.id}/imr-extension-refusals", json=refusal, headers=as_agency(police)
    )
    assert refused.status_code == 403
