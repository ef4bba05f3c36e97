"""The merged chronology over HTTP on both stores: three IMRs come back with chronologies that
merge in date order; refusals change nothing; only officers and leads read it."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.api.conftest import World, body
from tests.api.test_imrs import COUNCIL, HEALTH, POLICE
from tests.api.test_reviews import Case


def entry(agency: str, on: str, what: str, at: str | None = None) -> dict[str, object]:
    return {
        "agency": agency,
        "occurred_on": on,
        "occurred_at": at,
        "what_happened": what,
        "source": f"{agency} records",
    }


def test_three_imrs_arrive_with_chronologies_that_merge_in_date_order(
    client: FlaskClient, world: World
) -> None:
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    for agency in (POLICE, HEALTH, COUNCIL):
        case.step("imr-requests", {"on": "2014-03-10", "agency": agency, "due_on": "2014-04-21"})
    case.step("imr-chases", {"on": "2014-04-28", "agency": COUNCIL})
    for agency, on in ((POLICE, "2014-04-14"), (HEALTH, "2014-04-20"), (COUNCIL, "2014-05-09")):
        case.step("imr-returns", {"on": on, "agency": agency, "with_chronology": True})
    url = f"{case.base}/{case.id}/chronology"
    submitted = [
        entry(COUNCIL, "2013-11-02", "Housing officer visit"),
        entry(POLICE, "2013-06-01", "Domestic incident call-out", "22:10"),
        entry(HEALTH, "2013-06-01", "A&E attendance", "08:05"),
        entry(POLICE, "2013-11-02", "Housing officer visit."),
    ]
    numbers = []
    for data in submitted:
        r = client.post(f"{url}/entries", json=data, headers=world.auth("officer"))
        assert r.status_code == 201, body(r)
        numbers.append(body(r)["number"])
    assert numbers == [1, 2, 3, 4]
    r = client.post(
        f"{url}/key-entries", json={"number": 2, "key": True}, headers=world.auth("officer")
    )
    assert r.status_code == 200
    merged = body(client.get(f"{url}?gap_days=60", headers=world.auth("officer")))
    rows = merged["rows"]
    assert [(r["kind"], r.get("occurred_on"), r.get("occurred_at")) for r in rows] == [
        ("entry", "2013-06-01", "08:05"),
        ("entry", "2013-06-01", "22:10"),
        ("gap", None, None),
        ("entry", "2013-11-02", None),
    ]
    assert rows[1]["key"] is True and rows[2]["days"] == 154
    assert rows[3]["agencies"] == [COUNCIL, POLICE] and rows[3]["numbers"] == [1, 4]
    assert merged["entries"] == 4 and merged["duplicates"] == 1


def test_chronology_refusals_record_nothing_and_roles_are_held(
    client: FlaskClient, world: World
) -> None:
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    case.step("imr-requests", {"on": "2014-03-10", "agency": POLICE})
    url = f"{case.base}/{case.id}/chronology"
    ok = entry(POLICE, "2013-06-01", "Call-out")
    assert client.post(f"{url}/entries", json=ok, headers=world.auth("officer")).status_code == 201
    refused = [
        (entry("Probation", "2013-06-01", "x"), 409),
        (ok, 409),
        (entry(POLICE, "2013-06-31", "x"), 422),
        (entry(POLICE, "2013-06-01", "x", "25:99"), 422),
        (entry(POLICE, "2099-01-01", "x"), 422),
    ]
    for data, status in refused:
        r = client.post(f"{url}/entries", json=data, headers=world.auth("officer"))
        assert r.status_code == status, (data, body(r))
    r = client.post(
        f"{url}/key-entries", json={"number": 5, "key": True}, headers=world.auth("officer")
    )
    assert r.status_code == 404
    assert (
        client.post(
            f"{url}/entries", json=entry(POLICE, "2013-07-01", "y"), headers=world.auth("auditor")
        ).status_code
        == 403
    )
    for who in ("auditor", "regional", "neighbour_officer"):
        assert client.get(url, headers=world.auth(who)).status_code in (403, 404), who
    merged = body(client.get(url, headers=world.auth("lead")))
    assert merged["entries"] == 1 and merged["rows"][0]["key"] is False


def test_the_merged_chronology_exports_as_a_spreadsheet_with_text_never_a_formula(
    client: FlaskClient, world: World
) -> None:
    from datetime import date
    from io import BytesIO

    from openpyxl import load_workbook

    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    case.step("imr-requests", {"on": "2014-03-10", "agency": POLICE})
    case.step("imr-requests", {"on": "2014-03-10", "agency": HEALTH})
    url = f"{case.base}/{case.id}/chronology"
    for data in (
        entry(HEALTH, "2013-09-01", '=HYPERLINK("http://x","click")'),
        entry(POLICE, "2013-06-01", "Call-out", "22:10"),
    ):
        assert (
            client.post(f"{url}/entries", json=data, headers=world.auth("officer")).status_code
            == 201
        )
    client.post(
        f"{url}/key-entries", json={"number": 2, "key": True}, headers=world.auth("officer")
    )
    r = client.get(f"{url}/export.xlsx?gap_days=30", headers=world.auth("officer"))
    assert r.status_code == 200 and (r.mimetype or "").endswith("spreadsheetml.sheet")
    assert 'filename="chronology-DHR-2014-01.xlsx"' in r.headers["Content-Disposition"]
    book = load_workbook(BytesIO(r.data))
    sheet = book["Merged chronology"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0][:5] == ("Date", "Time", "Agency", "What happened", "Source")
    assert rows[1][0].date() == date(2013, 6, 1)  # a real date cell, so the panel can sort
    assert rows[1][1:4] == ("22:10", POLICE, "Call-out")
    assert rows[1][5] == "Yes"
    assert "Gap: no agency recorded anything for 92 days" in rows[2][3]
    assert not re.search(r"\d{4}-\d\d-\d\d", rows[2][3])  # its day in words, as the page
    assert sheet.cell(4, 4).data_type == "s" and sheet.cell(4, 4).value.startswith("=HYPERLINK")
    assert (
        book["About"]["B2"].value == "DHR-2014-01"
        and book["About"]["A1"].value == "OFFICIAL-SENSITIVE"
    )
    assert client.get(f"{url}/export.xlsx", headers=world.auth("auditor")).status_code == 403
