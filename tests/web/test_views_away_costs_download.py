"""The costs download while the region's money view cannot be read: the file still comes, and
its column "Paid from the region's pots" says it cannot be shown, in each review's cell, in
its total and in the workbook's notes, never an empty cell that a reader adds up as £0.00.

Tested for real, as the case page is (``test_views_away_case_page``): the read-model store on
a PostgreSQL address where nothing listens, and, on a store that is there, the money view's
tables not made yet.
"""

from __future__ import annotations

import csv
import time
from io import BytesIO, StringIO

from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from adapters.settings import PostgresAddress
from api.resources.views import VIEWS_KEY, live_views
from projections.postgres_views import PostgresViews
from tenants.platform import Platform
from tests.web.conftest import People, sign_in
from tests.web.test_case_pages import open_case
from tests.web.test_store_away_pages import _nowhere

FROM_POTS = "Paid from the region's pots (£)"
CANNOT = "Cannot be shown just now"


def _says_it_cannot_be_shown(client: FlaskClient, tenant: str, reference: str) -> None:
    got = client.get(f"/partnerships/{tenant}/downloads/costs.csv")
    assert got.status_code == 200
    header, *rows, total = list(csv.reader(StringIO(got.data.decode("utf-8-sig"))))
    assert header[-1] == FROM_POTS
    (line,) = [r for r in rows if r[0] == reference]
    assert line[-1] == CANNOT and total[-1] == CANNOT
    book = load_workbook(BytesIO(client.get(f"/partnerships/{tenant}/downloads/costs.xlsx").data))
    sheet = book["Costs"]
    headings = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
    cells = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == reference]
    assert headings[-1] == FROM_POTS and cells[0][-1] == CANNOT
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["In all, paid from the region's pots"] == CANNOT
    assert "could not be read when this file was made" in notes["Paid from the region's pots"]
    assert notes["In all, incurred"] is not None  # the partnership's own figures, as ever


def test_the_costs_download_says_so_when_the_view_store_cannot_be_reached(
    web_app: Flask, platform: Platform, people: People
) -> None:
    open_case(platform, people.tenant, "DHR-VAWAY-4")
    with web_app.app_context():
        live_views().close()  # the store the app opened, replaced by one nobody answers
    web_app.extensions[VIEWS_KEY] = PostgresViews(PostgresAddress.parse(_nowhere()), "views")
    client = web_app.test_client()
    sign_in(client, people.names["officer"])

    started = time.monotonic()
    _says_it_cannot_be_shown(client, people.tenant, "DHR-VAWAY-4")
    assert time.monotonic() - started < 30  # two files, each not held for the pool's 30 s


def test_the_costs_download_says_so_while_the_money_view_is_not_built(
    web_app: Flask, platform: Platform, people: People
) -> None:
    open_case(platform, people.tenant, "DHR-VAWAY-5")
    with web_app.app_context():
        views = live_views()
    with views.writing() as tx:  # as on a standby before the primary made its tables
        tx.execute("DELETE FROM view_generations WHERE name = 'region_money'")
    client = web_app.test_client()
    sign_in(client, people.names["officer"])

    _says_it_cannot_be_shown(client, people.tenant, "DHR-VAWAY-5")


def test_the_costs_download_leaves_a_review_no_pot_paid_for_empty(
    web_app: Flask, platform: Platform, people: People
) -> None:
    open_case(platform, people.tenant, "DHR-VAWAY-6")
    client = web_app.test_client()
    sign_in(client, people.names["officer"])

    got = client.get(f"/partnerships/{people.tenant}/downloads/costs.csv")
    header, *rows, total = list(csv.reader(StringIO(got.data.decode("utf-8-sig"))))
    (line,) = [r for r in rows if r[0] == "DHR-VAWAY-6"]
    assert line[-1] == "" and CANNOT not in total
