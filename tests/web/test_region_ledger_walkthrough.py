"""What an OPCC finance officer new to the region ledger tripped on: dates not yet reached
kept as if they had happened, refusals naming partnerships and areas by their keys, and a
new pot offering to record money from partners it does not have yet."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from uuid import UUID

import pytest
from flask.testing import FlaskClient

from domain.calendar import uk_today
from domain.funding import FinancialYear
from tenants.platform import Platform
from tests.api.test_shared_money import STAFFS, WM, demo
from tests.web.conftest import Person, post_form, sign_in, site_with
from tests.web.test_commissioning_pages import budget_in_store, correct_on_page
from tests.web.test_shared_pages import LEDGER, line_in_store, opened_line, text

__all__ = ["demo"]


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    people: list[Person] = [
        ("wm-opcc", "pcc_officer", (), (WM,)),
        ("staffs-opcc", "pcc_officer", (), (STAFFS,)),
    ]
    with site_with(demo, people) as client:
        yield client


def boxes(day: object) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]  # type: ignore[attr-defined]


def test_a_decision_pot_or_receipt_dated_after_today_is_refused_and_nothing_is_recorded(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "wm-opcc")
    tomorrow = boxes(uk_today() + timedelta(days=1))
    line = opened_line(site)
    decision = {"number": "077/2026", "decision_maker": "PCC", "approved": "1000"}
    ahead = post_form(site, f"{line}/decisions/new", decision | {"on": tomorrow})
    assert ahead.status_code == 200
    said = text(ahead.data)
    assert "There is a problem" in said
    assert "The date of the decision must be today or in the past" in said
    stored = line_in_store(demo, "DHR Support Fund 2026-27")
    assert not stored.decisions  # type: ignore[attr-defined]

    pot = {"reference": "WM-LATER", "name": "Later pot", "manager": "OPCC", "on": tomorrow}
    refused = post_form(site, f"/regions/{WM}/pots/new", pot)
    assert refused.status_code == 200
    assert "The date of opening the pooled budget must be today or in the past" in text(
        refused.data
    )
    assert "Later pot" not in text(site.get(LEDGER).data)

    opened = post_form(site, f"/regions/{WM}/pots/new", pot | {"on": ["1", "4", "2026"]})
    assert opened.status_code == 302
    pot_page = opened.location.split("?")[0]
    added = post_form(
        site, f"{pot_page}/partners/new", {"partner": "coventry", "on": ["1", "4", "2026"]}
    )
    assert added.status_code == 302, text(added.data)
    money = {"partner": "coventry", "year": "2026/27", "amount": "500", "on": tomorrow}
    received = post_form(site, f"{pot_page}/receipts/new", money)
    assert received.status_code == 200
    assert "The date of the receipt must be today or in the past" in text(received.data)
    with demo.region_ledgers.lease(WM, writing=False) as ledger:
        kept = ledger.pooled.get(UUID(pot_page.rsplit("/", 1)[1]))
        assert kept.received_for("coventry", FinancialYear.parse("2026/27")) == 0


def test_a_payment_with_nothing_allocated_names_the_partnership_not_its_key(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "wm-opcc")
    line = opened_line(site)
    decision = {"number": "078/2026", "decision_maker": "PCC", "approved": "1000"}
    assert (
        post_form(site, f"{line}/decisions/new", decision | {"on": ["2", "4", "2026"]}).status_code
        == 302
    )
    money = {"number": "078/2026", "tenant": "coventry", "amount": "10", "on": ["3", "4", "2026"]}
    refused = post_form(site, f"{line}/payments/new", money)
    assert refused.status_code == 200
    said = text(refused.data)
    assert "Nothing is allocated to Coventry under decision 078/2026; allocate it first" in said
    stored = line_in_store(demo, "DHR Support Fund 2026-27")
    assert not stored.allocations  # type: ignore[attr-defined]


def test_a_commissioning_value_too_low_for_the_minimums_names_the_areas_not_their_keys(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    before = budget_in_store(demo)
    refused = correct_on_page(
        site, "Correct / the value of 2018/19", {"value": "700,000", "reason": "Keyed wrongly"}
    )
    assert refused.status_code == 200
    said = text(refused.data)
    assert "There is a problem" in said and "up to the minimum spend" in said
    assert "&#39;stoke-on-trent&#39;" not in said and "Stoke-on-Trent (£" in said
    assert budget_in_store(demo).version == before.version  # type: ignore[attr-defined]


def test_a_pot_with_no_partner_yet_offers_adding_one_not_recording_their_money(
    site: FlaskClient,
) -> None:
    sign_in(site, "wm-opcc")
    pot = {
        "reference": "WM-EMPTY",
        "name": "Empty pot",
        "manager": "OPCC",
        "on": ["1", "4", "2026"],
    }
    opened = post_form(site, f"/regions/{WM}/pots/new", pot)
    assert opened.status_code == 302
    address = opened.location.split("?")[0]
    page = site.get(address).data.decode()
    assert "No partner pays in yet" in page and f'href="{address}/partners/new"' in page
    for dead_end in (
        "receipts",
        "contributions",
        "not-called",
        "corrections",
        "not-called-corrections",
    ):
        assert f"{address}/{dead_end}/new" not in page
    assert f"{address}/spend/new" in page  # spend needs no partner

    added = post_form(
        site, f"{address}/partners/new", {"partner": "coventry", "on": ["1", "4", "2026"]}
    )
    assert added.status_code == 302
    page = site.get(address).data.decode()
    assert f"{address}/receipts/new" in page and f"{address}/contributions/new" in page
