"""A case page while the region's money view cannot be read: the case, which is the
partnership's own, still shows, and the part paid from the region's pots says it cannot be
shown just now, never that no pot paid.

Tested for real: the read-model store is placed on a PostgreSQL address on this machine where
nothing listens (as ``test_store_away_pages`` places a partnership's store), so it fails as a
stopped server does; and, on a store that is there, the money view's tables not made yet.
"""

from __future__ import annotations

import logging
import time

import pytest
from flask import Flask

from adapters.settings import PostgresAddress
from api.resources.views import VIEWS_KEY, live_views
from projections.postgres_views import PostgresViews
from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_case_pages import open_case
from tests.web.test_store_away_pages import _nowhere

CANNOT = "cannot be shown just now"


def _costs(page: bytes) -> str:
    return page_text(page).split("Costs", 1)[1].split("Findings")[0]


def test_the_case_page_shows_when_the_view_store_cannot_be_reached(
    web_app: Flask, platform: Platform, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    review = open_case(platform, people.tenant, "DHR-VAWAY-1", "Kestrel")
    with web_app.app_context():
        live_views().close()  # the store the app opened, replaced by one nobody answers
    web_app.extensions[VIEWS_KEY] = PostgresViews(PostgresAddress.parse(_nowhere()), "views")
    client = web_app.test_client()
    sign_in(client, people.names["officer"])

    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        shown = client.get(f"/partnerships/{people.tenant}/cases/{review}")

    assert shown.status_code == 200, page_text(shown.data)[:500]
    assert time.monotonic() - started < 15  # not the pool's 30 s: the officer would give up
    said = page_text(shown.data)
    assert "DHR-VAWAY-1" in said and "Kestrel" in said  # the case itself
    costs = _costs(shown.data)
    assert "Paid from pots held for the region" in costs and CANNOT in costs
    assert "has paid" not in costs
    noted = [r.getMessage() for r in caplog.records if r.name == "api.web.case_costs"]
    assert noted and all("Kestrel" not in n and "DHR-VAWAY-1" not in n for n in noted)


def test_the_case_page_says_so_while_the_money_view_is_not_built(
    web_app: Flask, platform: Platform, people: People
) -> None:
    review = open_case(platform, people.tenant, "DHR-VAWAY-2")
    with web_app.app_context():
        views = live_views()
    with views.writing() as tx:  # as on a standby before the primary made its tables
        tx.execute("DELETE FROM view_generations WHERE name = 'region_money'")
    client = web_app.test_client()
    sign_in(client, people.names["officer"])

    shown = client.get(f"/partnerships/{people.tenant}/cases/{review}")

    assert shown.status_code == 200
    assert CANNOT in _costs(shown.data) and "DHR-VAWAY-2" in page_text(shown.data)


def test_a_case_no_pot_paid_for_says_nothing_of_the_pots(
    web_app: Flask, platform: Platform, people: People
) -> None:
    review = open_case(platform, people.tenant, "DHR-VAWAY-3")
    client = web_app.test_client()
    sign_in(client, people.names["officer"])

    costs = _costs(client.get(f"/partnerships/{people.tenant}/cases/{review}").data)

    assert "Paid from pots held for the region" not in costs and CANNOT not in costs
