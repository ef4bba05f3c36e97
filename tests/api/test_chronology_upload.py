"""Chronology entries by spreadsheet over HTTP on both stores: the case's template comes back
filled in and is recorded whole; a sheet with any bad row is refused with every problem and
its row number, and records nothing."""

from __future__ import annotations

import io
from datetime import date, time
from typing import Any

from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook

from tests.api.conftest import World, body
from tests.api.test_imrs import COUNCIL, HEALTH, POLICE
from tests.api.test_reviews import Case


def a_case_with_imrs(client: FlaskClient, world: World) -> tuple[Case, str]:
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    for agency in (POLICE, HEALTH, COUNCIL):
        case.step("imr-requests", {"on": "2014-03-10", "agency": agency})
    return case, f"{case.base}/{case.id}/chronology"


def filled(template: bytes, rows: list[tuple[Any, ...]]) -> bytes:
    book = load_workbook(io.BytesIO(template))
    sheet = book["Chronology"]
    for number, row in enumerate(rows, start=2):  # the template formats rows below the header
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def send(client: FlaskClient, url: str, world: World, data: bytes, name: str = "c.xlsx") -> Any:
    return client.post(
        url,
        data={"file": (io.BytesIO(data), name)},
        headers=world.auth("officer"),
        content_type="multipart/form-data",
    )


def test_the_filled_in_template_is_recorded_whole_and_merges(
    client: FlaskClient, world: World
) -> None:
    case, url = a_case_with_imrs(client, world)
    got = client.get(f"{url}/template.xlsx", headers=world.auth("officer"))
    assert got.status_code == 200 and (got.mimetype or "").endswith("spreadsheetml.sheet")
    template = load_workbook(io.BytesIO(got.data))
    head = [c.value for c in template["Chronology"][1]]
    assert head == ["Date", "Time", "Agency", "What happened", "Source document"]
    assert POLICE in str(template["Chronology"].data_validations.dataValidation[0].formula1)
    sheet = filled(
        got.data,
        [
            (date(2013, 6, 1), time(22, 10), POLICE, "Domestic incident call-out", "Police log"),
            ("02/11/2013", None, COUNCIL.lower(), "Housing officer visit", "Tenancy file"),
            (date(2013, 6, 1), "08:05", HEALTH, "A&E attendance", "A&E record"),
        ],
    )
    checked = send(client, f"{url}/upload/check", world, sheet)
    assert checked.status_code == 200 and body(checked)["recorded"] is False, body(checked)
    assert body(client.get(url, headers=world.auth("officer")))["entries"] == 0
    r = send(client, f"{url}/upload", world, sheet)
    assert r.status_code == 201, body(r)
    assert body(r)["numbers"] == [1, 2, 3] and body(r)["rows"] == 3
    merged = body(client.get(url, headers=world.auth("officer")))
    assert [(x["occurred_on"], x["agencies"]) for x in merged["rows"] if x["kind"] == "entry"] == [
        ("2013-06-01", [HEALTH]),
        ("2013-06-01", [POLICE]),
        ("2013-11-02", [COUNCIL]),
    ]
    again = send(client, f"{url}/upload", world, sheet)
    assert again.status_code == 422 and "already submitted" in body(again)["problems"][0]["text"]


def test_a_sheet_with_bad_rows_lists_every_problem_and_records_nothing(
    client: FlaskClient, world: World
) -> None:
    case, url = a_case_with_imrs(client, world)
    template = client.get(f"{url}/template.xlsx", headers=world.auth("officer")).data
    sheet = filled(
        template,
        [
            (date(2013, 6, 1), None, POLICE, "Fine entry", "Police log"),  # row 2: good
            ("31/02/2013", None, POLICE, "Bad date", "Police log"),  # row 3
            (date(2013, 6, 2), "25:99", HEALTH, "Bad time", "GP record"),  # row 4
            (date(2013, 6, 3), None, "Probation", "Not asked for an IMR", "Case notes"),  # row 5
            (date(2099, 1, 1), None, POLICE, "In the future", "Police log"),  # row 6
            (date(2013, 6, 4), None, COUNCIL, None, "File"),  # row 7
            (date(2013, 6, 1), None, POLICE, "Fine entry", "Police log"),  # row 8: twice
        ],
    )
    r = send(client, f"{url}/upload", world, sheet)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    problems = body(r)["problems"]
    assert [p["row"] for p in problems] == [3, 4, 5, 6, 7, 8]
    by_row = {p["row"]: p for p in problems}
    assert by_row[3]["column"] == "Date" and "not a date" in by_row[3]["message"]
    assert by_row[4]["column"] == "Time" and by_row[7]["column"] == "What happened"
    assert "not a known agency" in by_row[5]["message"]
    assert "after today" in by_row[6]["message"] and "already submitted" in by_row[8]["message"]
    assert body(r)["recorded"] is False
    assert body(client.get(url, headers=world.auth("officer")))["entries"] == 0
    book = Workbook()
    plain = io.BytesIO()
    book.save(plain)
    assert send(client, f"{url}/upload", world, b"not a sheet", "c.pdf").status_code == 422
    assert send(client, f"{url}/upload", world, plain.getvalue()).status_code == 422
    assert client.post(f"{url}/upload", headers=world.auth("auditor")).status_code == 403
