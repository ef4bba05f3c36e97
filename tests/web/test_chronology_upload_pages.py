"""Chronology entries by spreadsheet through the pages on both stores: the case's template, a
sheet with bad rows listed by row number with nothing recorded, then the corrected sheet
recorded and merged."""

from __future__ import annotations

import io
from datetime import date

from flask.testing import FlaskClient
from openpyxl import load_workbook

from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, csrf, sign_in
from tests.web.test_imr_pages import HEALTH, POLICE, under_review


def test_a_sheet_is_refused_row_by_row_then_recorded_whole(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "CHU-1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        for agency in (POLICE, HEALTH):
            ledger.imrs.request(review, agency, date(2024, 3, 1))
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/cases/{review}/chronology"
    assert "chronology/upload" in visitor.get(base).data.decode()
    page = visitor.get(f"{base}/upload")
    assert b"chronology/template.xlsx" in page.data and b'type="file"' in page.data
    book = load_workbook(io.BytesIO(visitor.get(f"{base}/template.xlsx").data))
    sheet = book["Chronology"]
    rows = [
        (date(2023, 5, 2), "23:40", POLICE, "Call-out", "Police log"),
        ("not a date", None, HEALTH, "GP consultation", "GP record"),
        (date(2023, 6, 1), None, "Probation", "Supervision", "Case notes"),
    ]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)

    def send() -> str:
        out = io.BytesIO()
        book.save(out)
        form = visitor.get(f"{base}/upload")
        answer = visitor.post(
            f"{base}/upload",
            data={"csrf_token": csrf(form.data), "sheet": (io.BytesIO(out.getvalue()), "c.xlsx")},
            content_type="multipart/form-data",
        )
        return answer.headers.get("Location") or answer.data.decode()

    refused = send()
    assert "2 problems in the sheet; nothing was recorded" in refused
    assert "not a date" in refused and "Probation" in refused
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.chronology.merged(review).entries == 0
    sheet.cell(3, 1, date(2023, 5, 20))
    sheet.cell(4, 3, HEALTH)
    done = send()
    assert done.endswith("/chronology?done=added"), done[:400]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.chronology.merged(review).entries == 3
