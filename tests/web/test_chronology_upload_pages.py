"""Chronology entries by spreadsheet through the pages on both stores: the case's template, a
sheet with bad rows listed by row number with nothing recorded, then the corrected sheet
recorded and merged; and an agency's own sheet, which records only its own entries."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in
from tests.web.test_agency_pages import POLICE as AGENCY_KEY
from tests.web.test_agency_pages import police_user
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


def test_an_agency_uploads_its_own_chronology_and_a_row_naming_another_agency_is_refused(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """An agency typed forty entries one by one: the officers' spreadsheet import was theirs
    only. The agency's own template takes only its own agency, so no entry it uploads can be
    recorded as another agency's."""
    agency = police_user(platform, people, unique)
    review = under_review(platform, people.tenant, "CHU-A1")
    elsewhere = under_review(platform, people.tenant, "CHU-A2")  # the police were not asked
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        for asked in (AGENCY_KEY, HEALTH):
            ledger.imrs.request(review, asked, date(2024, 3, 1))
    police = web_app.test_client()
    sign_in(police, agency)
    mine = f"/partnerships/{people.tenant}/agency-work/cases/{review}"
    assert f'href="{mine}/chronology/upload"' in police.get(f"{mine}/imr").data.decode()
    assert f'href="{mine}/chronology/upload"' in police.get(f"{mine}/chronology").data.decode()
    page = police.get(f"{mine}/chronology/upload").data.decode()
    assert f'href="{mine}/chronology/template.xlsx"' in page and 'type="file"' in page
    book = load_workbook(io.BytesIO(police.get(f"{mine}/chronology/template.xlsx").data))
    sheet = book["Chronology"]
    offered = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert offered == ['"Midshire Police"'], offered
    rows = [
        (date(2023, 5, 2), "23:40", "Midshire Police", "Call-out", "Police log"),
        (date(2023, 5, 9), None, HEALTH, "GP consultation", "GP record"),
        ("not a date", None, "Midshire Police", "Arrest", "Custody record"),
    ]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)

    def send() -> Any:
        out = io.BytesIO()
        book.save(out)
        form = police.get(f"{mine}/chronology/upload")
        return police.post(
            f"{mine}/chronology/upload",
            data={"csrf_token": csrf(form.data), "sheet": (io.BytesIO(out.getvalue()), "c.xlsx")},
            content_type="multipart/form-data",
        )

    refused = send()
    text = page_text(refused.data)
    assert refused.status_code == 200 and "2 problems in the sheet; nothing was recorded" in text
    assert (
        f"3 Agency Agency '{HEALTH}' is not a known agency here: your sheet holds only your own "
        "entries; use one of: Midshire Police." in text
    ), text
    assert "4 Date Date 'not a date' is not a date" in text, text
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.chronology.merged(review).entries == 0
    sheet.cell(3, 3, "Midshire Police")
    sheet.cell(4, 1, date(2023, 5, 20))
    done = send()
    assert done.status_code == 302, page_text(done.data)[:2000]
    assert done.headers["Location"].endswith("/chronology?done=sheet")
    page = page_text(police.get(done.headers["Location"]).data)
    assert "Chronology entries from your spreadsheet recorded" in page
    assert "Your agency has added 3 entries to this case’s chronology." in page, page
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        chronology = ledger.chronology.of_case(review)
        assert chronology is not None
        assert [agency for _, agency, *_ in chronology.entries] == [AGENCY_KEY] * 3
    other = f"/partnerships/{people.tenant}/agency-work/cases/{elsewhere}/chronology"
    assert police.get(f"{other}/upload").status_code == 404
    assert police.get(f"{other}/template.xlsx").status_code == 404


def test_an_agency_recorded_by_a_word_of_its_name_is_named_once_in_its_sheets_problems(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """An IMR asked of "Police" (mapped to Midshire Police) listed its one choice as "Midshire
    Midshire Police": the refusal's recorded names were renamed inside the name itself."""
    agency = police_user(platform, people, unique)
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.map_name("Police", AGENCY_KEY, date(2015, 4, 1))
    review = under_review(platform, people.tenant, "CHU-A3")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, "Police", date(2024, 3, 1))
    police = web_app.test_client()
    sign_in(police, agency)
    url = f"/partnerships/{people.tenant}/agency-work/cases/{review}/chronology/upload"
    sheet = "Date,Agency,What happened,Source document\n02/05/2023,Health,Call-out,Log\n"
    form = police.get(url)
    refused = police.post(
        url,
        data={"csrf_token": csrf(form.data), "sheet": (io.BytesIO(sheet.encode()), "c.csv")},
        content_type="multipart/form-data",
    )
    text = page_text(refused.data)
    assert "use one of: Midshire Police." in text and "Midshire Midshire" not in text, text
