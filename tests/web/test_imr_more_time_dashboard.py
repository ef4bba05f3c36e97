"""The regional dashboard's IMRs by agency say how many IMRs have a request for more time
waiting for the panel's answer, in the table and in its download, after the columns it had."""

from __future__ import annotations

import csv
import re
from datetime import date
from io import BytesIO, StringIO

from flask import Flask
from openpyxl import load_workbook

from domain.recording import acting_as
from tenants.platform import Platform
from tests.demo.conftest import caught_up
from tests.web.conftest import People, page_text, sign_in

COLUMNS = ["IMRs with a due date", "Awaited", "Late", "Days late in all", "Most days late"]
HEADINGS = ["Agency", *COLUMNS, "Chased", "More time asked, not yet answered"]


def _asked(platform: Platform, people: People) -> None:
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rid = ledger.reviews.notify(
            "DHR-MT-1",
            date(2024, 2, 1),
            date(2024, 2, 5),
            "Mary",
            "dhr",
            "intimate_partner_homicide",
        )
        ledger.reviews.decide(rid, date(2024, 3, 1), "hold", "criteria met")
        ledger.imrs.request(rid, "Police", date(2024, 4, 1), date(2024, 7, 1))
        ledger.imrs.request(rid, "Housing", date(2024, 4, 1), date(2024, 7, 1))
        ledger.imrs.ask_extension(rid, "Police", date(2024, 6, 1), date(2024, 8, 1), "records late")
    caught_up(platform, [people.tenant])


def test_the_dashboard_counts_imrs_with_more_time_asked_and_downloads_it(
    web_app: Flask, platform: Platform, people: People
) -> None:
    _asked(platform, people)
    client = web_app.test_client()
    sign_in(client, people.names["regional"])

    page = client.get(f"/regions/{people.region}/dashboard")

    said = page_text(page.data)
    table = said.split("Individual management reviews late, by agency", 1)[1]
    assert " ".join(HEADINGS) in table
    rows = table.split("Themes across partnerships")[0]  # agencies by name; the new last
    assert re.search(r"Housing 1 1 1 \d+ \d+ 0 0 Police 1 1 1 \d+ \d+ 0 1 ", rows), rows
    got = client.get(f"/regions/{people.region}/downloads/timeliness.csv?table=imrs_by_agency")
    lines = list(csv.reader(StringIO(got.data.decode("utf-8-sig"))))
    header = lines[0]
    assert header == HEADINGS  # the new column after the ones it had
    police = next(line for line in lines if line and line[0].startswith("Police"))
    housing = next(line for line in lines if line and line[0].startswith("Housing"))
    assert police[-1] == "1" and housing[-1] == "0"
    xlsx = client.get(f"/regions/{people.region}/downloads/timeliness.xlsx").data
    rows_of = [
        list(r) for sheet in load_workbook(BytesIO(xlsx)) for r in sheet.iter_rows(values_only=True)
    ]
    assert any(r[: len(HEADINGS)] == HEADINGS for r in rows_of)
