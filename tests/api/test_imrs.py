"""IMRs over HTTP, on both stores: requested with a due date, extended, chased, received, assessed."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.api.conftest import World, body
from tests.api.test_reviews import Case

POLICE, HEALTH, COUNCIL = "West Midlands Police", "Black Country ICB", "City Council Housing"


def test_a_panel_requests_three_imrs_one_is_late_and_chased_and_all_arrive(
    client: FlaskClient, world: World
) -> None:
    case = Case(client, world)
    assert case.step("decision", {"on": "2014-02-01", "outcome": "hold"}).status_code == 200
    for agency in (POLICE, HEALTH, COUNCIL):
        r = case.step(
            "imr-requests", {"on": "2014-03-10", "agency": agency, "due_on": "2014-04-21"}
        )
        assert r.status_code == 200, body(r)
    extend = {"on": "2014-04-15", "agency": HEALTH, "due_on": "2014-05-05", "reason": "author ill"}
    assert case.step("imr-extensions", extend).status_code == 200
    assert case.step("imr-chases", {"on": "2014-04-28", "agency": COUNCIL}).status_code == 200
    for agency, on in ((POLICE, "2014-04-14"), (HEALTH, "2014-05-05"), (COUNCIL, "2014-05-09")):
        r = case.step("imr-returns", {"on": on, "agency": agency, "with_chronology": True})
        assert r.status_code == 200, body(r)
    returned = {
        "on": "2014-05-12",
        "agency": COUNCIL,
        "outcome": "returned",
        "points": ["Add 2013"],
    }
    assert case.step("imr-assessments", returned).status_code == 200
    r = case.step("imr-assessments", {"on": "2014-05-12", "agency": POLICE, "outcome": "accepted"})
    imrs = {i["agency"]: i for i in body(r)["imrs"]}
    assert {a: i["days_late"] for a, i in imrs.items() if a != COUNCIL} == {POLICE: 0, HEALTH: 0}
    council = imrs[COUNCIL]
    assert council["chased_on"] == ["2014-04-28"] and council["outstanding"] is True
    assert council["assessments"] == [
        {"assessed_on": "2014-05-12", "outcome": "returned", "points": ["Add 2013"]}
    ]
    assert imrs[HEALTH]["due_on"] == "2014-05-05" and imrs[HEALTH]["first_due_on"] == "2014-04-21"
    assert imrs[HEALTH]["extensions"][0]["reason"] == "author ill"
    assert imrs[POLICE]["accepted"] is True and imrs[HEALTH]["awaiting_assessment"] is True
    r = case.step("imr-returns", {"on": "2014-05-20", "agency": COUNCIL, "with_chronology": True})
    council = next(i for i in body(r)["imrs"] if i["agency"] == COUNCIL)
    assert council["days_late"] == 29 and council["outstanding"] is False


def test_imr_refusals_record_nothing(client: FlaskClient, world: World) -> None:
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    case.step("imr-requests", {"on": "2014-03-10", "agency": POLICE, "due_on": "2014-04-21"})
    before = case.etag
    refused = [
        (
            "imr-extensions",
            {"on": "2014-04-01", "agency": POLICE, "due_on": "2014-04-01", "reason": "x"},
            422,
        ),
        ("imr-chases", {"on": "2014-03-01", "agency": POLICE}, 422),
        ("imr-chases", {"on": "2014-03-20", "agency": HEALTH}, 409),
        ("imr-assessments", {"on": "2014-04-01", "agency": POLICE, "outcome": "accepted"}, 409),
        ("imr-assessments", {"on": "2014-04-01", "agency": POLICE, "outcome": "maybe"}, 422),
        ("imr-requests", {"on": "2014-03-10", "agency": HEALTH, "due_on": "2014-03-01"}, 422),
    ]
    for path, data, status in refused:
        r = case.step(path, data)
        assert r.status_code == status, (path, body(r))
        assert body(r).get("detail") or body(r).get("errors")
    got = client.get(f"{case.base}/{case.id}", headers=world.auth("officer"))
    assert got.headers["ETag"] == before
    assert (
        case.step("imr-chases", {"on": "2014-03-20", "agency": POLICE}, who="auditor").status_code
        == 403
    )
