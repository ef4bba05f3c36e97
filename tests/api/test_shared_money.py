"""Issue 13's done-when, through HTTP alone, on SQLite and PostgreSQL: shared money in each
region's own ledger, attributed to who pays it and readable by those who pay into it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flask import Flask

from api.app import create_app
from projections.catchup import catch_up
from projections.model import REGISTRY_SOURCE
from projections.queries.pot_spend import pot_spend_on_reviews
from projections.sources import Sources
from projections.views import all_models
from tenants.demo.load import ensure_tenants, load_case, steps
from tenants.demo.money import load_money
from tenants.platform import Platform, bootstrap
from tenants.users.onboarding import add_user
from tests.api.conftest import views_of
from tests.store_copies import copy_of

LLR, WM, STAFFS = "leicestershire-rutland", "west-midlands", "staffordshire-stoke"
LOADED = ("charnwood", "blaby")


@pytest.fixture
def demo(
    store_kind: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Platform]:
    """The demo's regions and shared money on a store of its own (its slugs are fixed): a
    fresh copy of the one loaded once per run and store (tests/store_copies.py)."""
    with copy_of(tmp_path_factory, store_kind, "shared-money", _load, tmp_path) as settings:
        p = bootstrap(settings)
        try:
            yield p
        finally:
            p.close()


def _load(p: Platform) -> None:
    ensure_tenants(p)
    for step in steps():
        if step.tenant in LOADED:
            load_case(p, step)
    load_money(p)


class Api:
    def __init__(self, app: Flask, platform: Platform) -> None:
        self.app, self.platform, self.client = app, platform, app.test_client()
        self.tokens: dict[str, str] = {}

    def user(
        self, name: str, role: str, tenant: str | None = None, region: str | None = None
    ) -> str:
        add_user(
            self.platform, name, role, (tenant,) if tenant else (), (region,) if region else ()
        )
        self.tokens[name] = self.platform.access.issue_token(name).secret
        return name

    def auth(self, who: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}", **extra}

    def get(self, path: str, who: str, status: int = 200) -> Any:
        r = self.client.get(path, headers=self.auth(who))
        assert r.status_code == status, (path, r.get_json())
        return r.get_json()

    def command(
        self, resource: str, step: str, data: dict[str, Any], who: str, status: int = 200
    ) -> Any:
        etag = self.client.get(resource, headers=self.auth(who)).headers["ETag"]
        path = step if step.startswith("/") else f"{resource}/{step}"  # "/...": elsewhere
        r = self.client.post(path, json=data, headers=self.auth(who, **{"If-Match": etag}))
        assert r.status_code == status, (step, r.get_json())
        if status >= 400:
            assert r.mimetype == "application/problem+json"
        return r.get_json()

    def views(self) -> None:
        views = views_of(self.app, self.platform)
        models = all_models()
        sources = Sources(
            self.platform, frozenset().union(*(m.topics_of_interest() for m in models))
        )
        for source in (REGISTRY_SOURCE, *sources.tenants(), *sources.regions()):
            catch_up(views, models, sources, source)


@pytest.fixture
def api(demo: Platform) -> Iterator[Api]:
    app = create_app({"PLATFORM": demo, "TESTING": True})
    a = Api(app, demo)
    a.user("leics-analyst", "regional_lead", region=LLR)
    a.user("blaby-lead", "csp_lead", tenant="blaby")
    a.user("birmingham-lead", "csp_lead", tenant="birmingham")
    a.user("wm-analyst", "regional_lead", region=WM)
    a.user("wm-opcc", "pcc_officer", region=WM)
    a.user("staffs-opcc", "pcc_officer", region=STAFFS)
    a.user("staffs-analyst", "regional_lead", region=STAFFS)
    a.user("leics-opcc", "pcc_officer", region=LLR)
    yield a
    views = app.extensions.get("ledger.views")
    if views is not None:
        views.close()


def pot_of(api: Api, who: str) -> str:
    (pot,) = api.get(f"/api/v1/regions/{LLR}/pooled-budgets", who)
    return f"/api/v1/regions/{LLR}/pooled-budgets/{pot['budget_id']}"


def test_each_district_shows_only_its_own_contribution_and_other_bodies_their_own_rows(
    api: Api,
) -> None:
    api.views()
    view = api.get(f"/api/v1/regions/{LLR}/views/money", "leics-analyst")
    districts = {r["tenant"]: r for r in view["rows"] if r["tenant"]}
    assert len(districts) == 8
    assert {t: r["pool_contributions_agreed"] for t, r in districts.items()} == {
        t: 500_000 for t in districts
    }  # £2,500 a year for 2015/16 and 2016/17
    others = {r["partner"]: r for r in view["rows"] if r["tenant"] is None}
    assert others["leicestershire-county-council"]["pool_contributions_agreed"] == 6_000_000
    assert others["leicestershire-police"]["pool_contributions_agreed"] == 3_200_000
    assert view["total"]["pool_contributions_agreed"] == 2 * 6_600_000
    assert districts["charnwood"]["pool_contributions_received"] == 250_000  # 2015/16 not called
    assert others["leicestershire-county-council"]["pool_contributions_received"] == 6_000_000
    (pot,) = view["pots"]
    assert pot["reserve"] == 8_900_000 - 850_000
    (spend,) = view["spend_by_review"]
    assert (spend["tenant"], spend["amount"]) == ("charnwood", 850_000)
    assert districts["charnwood"]["pool_spent"] == 850_000
    # what the pot holds is a row of its own, so every column adds up to the total
    (held,) = [r for r in view["rows"] if r["name"] == "Pooled budgets held for the region"]
    assert (held["pool_reserve"], held["pool_spent"]) == (pot["reserve"], pot["spent"] - 850_000)
    for column in ("pool_contributions_received", "pool_spent", "pool_reserve"):
        assert sum(r[column] for r in view["rows"]) == view["total"][column] > 0
    assert view["total"]["pool_spent"] == pot["spent"]


def test_a_corrected_contribution_moves_the_regional_money_where_the_wrong_one_stood(
    api: Api,
) -> None:
    """The OPCC corrects a mis-keyed agreement in the pot it hosts; the region's money view
    counts the right figure, on the day the wrong one took effect, not both."""
    pot = pot_of(api, "leics-opcc")
    field = "agreed.blaby.2016/17"
    refused = api.command(
        pot, "corrections", {"field": field, "value": 300_000, "reason": ""}, "leics-opcc", 422
    )
    assert "reason" in refused["errors"]["json"]
    api.command(
        pot,
        "corrections",
        {"field": field, "value": 300_000, "reason": "Keyed as £2,500"},
        "blaby-lead",
        403,
    )
    api.command(
        pot,
        "corrections",
        {"field": field, "value": 300_000, "reason": "The 2012 agreement says £3,000"},
        "leics-opcc",
    )
    api.views()
    view = api.get(f"/api/v1/regions/{LLR}/views/money", "leics-analyst")
    blaby = next(r for r in view["rows"] if r["tenant"] == "blaby")
    assert blaby["pool_contributions_agreed"] == 250_000 + 300_000
    assert view["total"]["pool_contributions_agreed"] == 2 * 6_600_000 + 50_000
    before = api.get(f"/api/v1/regions/{LLR}/views/money?until=2012-03-31", "leics-analyst")[
        "total"
    ]["pool_contributions_agreed"]
    from_2012 = api.get(
        f"/api/v1/regions/{LLR}/views/money?since=2012-04-01&until=2012-04-01", "leics-analyst"
    )["total"]["pool_contributions_agreed"]
    assert (before, from_2012) == (0, 2 * 6_600_000 + 50_000)


def test_a_receipt_keyed_wrong_is_corrected_once_its_year_is_open_and_counted_where_it_stood(
    api: Api,
) -> None:
    pot = pot_of(api, "leics-opcc")
    found = api.get(pot, "leics-opcc")
    moved = {(m["kind"], m["partner"], m["for_year"]): m for m in found["movements"]}
    county = moved[("contribution", "leicestershire-county-council", "2015/16")]
    closed = {"field": f"movement.{county['number']}.amount", "value": 2_900_000, "reason": "x"}
    refused = api.command(pot, "corrections", closed, "leics-opcc", 409)
    assert "2015/16 is closed" in refused["detail"] and "reopen" in refused["detail"]

    api.views()
    view = api.get(f"/api/v1/regions/{LLR}/views/money", "leics-analyst")
    before = next(r for r in view["rows"] if r["tenant"] == "blaby")
    (held,) = view["pots"]
    blaby = moved[("contribution", "blaby", "2016/17")]
    assert (blaby["amount"], blaby["on"]) == (250_000, "2016-05-01")
    right = {
        "field": f"movement.{blaby['number']}.amount",
        "value": 200_000,
        "reason": "Blaby paid £2,000; the remittance says so",
    }
    was = api.get(f"{pot}/statement?year=2016/17", "leics-opcc")["contributions"]
    api.command(pot, "corrections", right, "leics-opcc")
    assert api.get(f"{pot}/statement?year=2016/17", "leics-opcc")["contributions"] == was - 50_000
    api.views()
    view = api.get(f"/api/v1/regions/{LLR}/views/money", "leics-analyst")
    after = next(r for r in view["rows"] if r["tenant"] == "blaby")
    assert after["pool_contributions_received"] == before["pool_contributions_received"] - 50_000
    (pot_row,) = view["pots"]
    assert pot_row["reserve"] == held["reserve"] - 50_000
    then = api.get(
        f"/api/v1/regions/{LLR}/views/money?since=2016-05-01&until=2016-05-01", "leics-analyst"
    )
    day = next(r for r in then["rows"] if r["tenant"] == "blaby")
    assert day["pool_contributions_received"] == 200_000  # on the day the wrong one stood


def test_a_decision_not_to_call_keyed_wrong_is_corrected_and_the_partners_figure_follows(
    api: Api,
) -> None:
    """Blaby's 2015/16 contribution was not called in full; the minute said £1,000 of it. The
    OPCC corrects the decision (its year is closed: no money moved, so no reopening), Blaby
    owes the rest, and the region's money view moves on the day it was decided."""
    pot = pot_of(api, "leics-opcc")
    decisions = api.get(pot, "leics-opcc")["not_drawn"]
    blaby = next(d for d in decisions if d["partner"] == "blaby")
    assert (blaby["year"], blaby["amount"], blaby["decided_on"], blaby["deferred_to"]) == (
        "2015/16",
        250_000,
        "2015-06-01",
        None,
    )
    api.views()
    view = api.get(f"/api/v1/regions/{LLR}/views/money", "leics-analyst")
    before = next(r for r in view["rows"] if r["tenant"] == "blaby")
    field = f"not_drawn.{blaby['number']}.amount"
    too_much = {"field": field, "value": 250_001, "reason": "x"}
    refused = api.command(pot, "corrections", too_much, "leics-opcc", 409)
    assert "At most £2,500.00 of 'blaby''s contribution for 2015/16" in refused["detail"]

    right = {"field": field, "value": 100_000, "reason": "The minute of 1 June 2015 says £1,000"}
    api.command(pot, "corrections", right, "leics-analyst", 403)
    api.command(pot, "corrections", right, "leics-opcc")
    year = api.get(f"{pot}/statement?year=2015/16", "leics-opcc")
    line = next(p for p in year["partners"] if p["partner"] == "blaby")
    assert (line["not_drawn_down"], line["outstanding"]) == (100_000, 150_000)
    api.views()
    view = api.get(f"/api/v1/regions/{LLR}/views/money", "leics-analyst")
    after = next(r for r in view["rows"] if r["tenant"] == "blaby")
    assert after["pool_not_drawn_down"] == before["pool_not_drawn_down"] - 150_000
    then = api.get(
        f"/api/v1/regions/{LLR}/views/money?since=2015-06-01&until=2015-06-01", "leics-analyst"
    )
    day = next(r for r in then["rows"] if r["tenant"] == "blaby")
    assert day["pool_not_drawn_down"] == 100_000  # on the day the wrong one stood


def test_a_blaby_lead_reads_the_pot_on_both_bases_and_its_forecast(api: Api) -> None:
    pot = pot_of(api, "blaby-lead")
    year = api.get(f"{pot}/statement?year=2015/16", "blaby-lead")
    assert (year["closing_reserve_cash"], year["carried_forward"]) == (2_550_000, 2_550_000)
    accruals = year["accruals"]
    assert accruals["closing_reserve"] == year["closing_reserve_accruals"] == 2_300_000
    assert accruals["received_in_advance"] == 250_000  # Charnwood paid 2016/17 early
    assert accruals["reconciles"] is True
    now = api.get(f"{pot}/statement?year=2016/17", "blaby-lead")
    due = {p["partner"]: p["due_for_year"] for p in now["accruals"]["partners"]}
    assert due["blaby"] == 250_000 and sum(due.values()) == 6_600_000
    forecast = api.get(f"{pot}/forecast?year=2017/18&dhrs=2.5&cost_per_dhr=850000", "blaby-lead")
    assert forecast["expected_dhrs"] == "2.5"
    assert forecast["annual_cost"] == 4_208_900 + 2_125_000  # office + 2.5 × £8,500
    required = {s["partner"]: s["required"] for s in forecast["shares"]}
    assert sum(required.values()) == forecast["annual_cost"]
    api.get(f"/api/v1/regions/{LLR}/pooled-budgets", "birmingham-lead", 404)
    api.get(f"{pot}/statement?year=2016/17", "birmingham-lead", 404)


def test_a_partnership_that_does_not_pay_in_cannot_read_the_pot(api: Api) -> None:
    api.platform.register_tenant("leics-newcomer", "Newcomer", LLR)
    api.user("newcomer-lead", "csp_lead", tenant="leics-newcomer")
    assert api.get(f"/api/v1/regions/{LLR}/pooled-budgets", "newcomer-lead") == []
    pot = pot_of(api, "leics-analyst")
    api.get(f"{pot}/statement?year=2016/17", "newcomer-lead", 404)


def test_the_west_midlands_ledger_reproduces_decision_036_2013(api: Api) -> None:
    (line,) = api.get(f"/api/v1/regions/{WM}/ledger/budgets", "wm-analyst")
    found = api.get(f"/api/v1/regions/{WM}/ledger/budget-lines/{line['budget_id']}", "wm-opcc")
    assert (found["ceiling"], found["committed"]) == (35_000_000, 3_000_000)
    (case,) = found["business_cases"]
    assert sum(x["pence"] for x in case["lines"]) == 5_000_000  # £20k research + £30k learning
    (decision,) = found["decisions"]
    assert (decision["number"], decision["decided_on"], decision["approved"]) == (
        "036/2013",
        "2013-09-04",
        3_000_000,
    )
    assert len(decision["conditions"]) == 1
    (allocation,) = found["allocations"]
    assert (allocation["tenant"], allocation["allocated"], allocation["paid"]) == (
        "wolverhampton",
        3_000_000,
        3_000_000,
    )
    api.views()
    view = api.get(f"/api/v1/regions/{WM}/views/money", "wm-analyst")
    wolves = next(r for r in view["rows"] if r["tenant"] == "wolverhampton")
    assert (wolves["grants_allocated"], wolves["grants_paid"]) == (3_000_000, 3_000_000)
    assert view["total"]["grants_paid"] == 3_000_000


def test_a_grant_payment_keyed_wrong_is_corrected_and_the_partnerships_figure_follows(
    api: Api,
) -> None:
    (line,) = api.get(f"/api/v1/regions/{WM}/ledger/budgets", "wm-analyst")
    path = f"/api/v1/regions/{WM}/ledger/budget-lines/{line['budget_id']}"
    found = api.get(path, "wm-opcc")
    (payment,) = found["payments_recorded"]
    assert (payment["number"], payment["tenant"], payment["amount"]) == (
        1,
        "wolverhampton",
        3_000_000,
    )
    over = {"field": "payment.1.amount", "value": 3_000_001, "reason": "x"}
    refused = api.command(path, "corrections", over, "wm-opcc", 409)
    assert "at most £30,000.00" in refused["detail"]
    fix = {"field": "payment.1.amount", "value": 2_500_000, "reason": "£25,000 was paid"}
    api.command(path, "corrections", fix, "wm-analyst", 403)
    after = api.command(path, "corrections", fix, "wm-opcc")
    (allocation,) = after["allocations"]
    assert (allocation["allocated"], allocation["paid"]) == (3_000_000, 2_500_000)
    api.views()
    view = api.get(f"/api/v1/regions/{WM}/views/money", "wm-analyst")
    wolves = next(r for r in view["rows"] if r["tenant"] == "wolverhampton")
    assert (wolves["grants_allocated"], wolves["grants_paid"]) == (3_000_000, 2_500_000)


def test_an_allocation_leaving_the_city_below_421000_is_refused_and_nothing_recorded(
    api: Api,
) -> None:
    budget = f"/api/v1/regions/{STAFFS}/commissioning-budgets/staffs-da-services-2018"
    before = api.get(budget, "staffs-opcc")
    (year,) = before["years"]
    assert (year["annual_value"], year["unallocated"]) == (183_600_000, 123_600_000)
    refused = api.command(
        budget,
        "allocations",
        {
            "year": "2018/19",
            "area": "staffordshire",
            "amount": 81_500_001,
            "purpose": "More county services",
            "on": "2018-07-02",
        },
        "staffs-opcc",
        409,
    )
    assert "stoke-on-trent" in refused["detail"] and "£421,000.00" in refused["detail"]
    assert api.get(budget, "staffs-opcc") == before
    after = api.command(
        budget,
        "allocations",
        {
            "year": "2018/19",
            "area": "staffordshire",
            "amount": 81_500_000,
            "purpose": "More county services",
            "on": "2018-07-02",
        },
        "staffs-opcc",
    )
    city = next(a for a in after["years"][0]["areas"] if a["area"] == "stoke-on-trent")
    assert (city["minimum"], city["short_of_minimum"]) == (42_100_000, 42_100_000)


def test_a_mis_keyed_allocation_is_corrected_within_the_minimums_and_its_history_kept(
    api: Api,
) -> None:
    budget = f"/api/v1/regions/{STAFFS}/commissioning-budgets/staffs-da-services-2018"
    before = api.get(budget, "staffs-opcc")
    (first,) = before["years"][0]["allocations"]
    assert (first["number"], first["amount"], first["on"]) == (1, 60_000_000, "2018-07-01")
    field = "allocation.2018/19.1.amount"
    too_much = {"field": field, "value": 141_500_001, "reason": "The decision says more"}
    refused = api.command(budget, "corrections", too_much, "staffs-opcc", 409)
    assert "stoke-on-trent" in refused["detail"] and "at most £1,415,000.00" in refused["detail"]
    elsewhere = {"field": "allocation.2018/19.1.area", "value": "fire", "reason": "Wrong area"}
    unknown = api.command(budget, "corrections", elsewhere, "staffs-opcc", 422)
    assert "staffordshire" in unknown["detail"]
    right = {"field": field, "value": 6_000_000, "reason": "Keyed £600,000 for £60,000"}
    api.command(budget, "corrections", right, "staffs-analyst", 403)
    assert api.get(budget, "staffs-opcc") == before
    after = api.command(budget, "corrections", right, "staffs-opcc")
    county = next(a for a in after["years"][0]["areas"] if a["area"] == "staffordshire")
    assert (county["allocated"], county["short_of_minimum"]) == (6_000_000, 54_000_000)
    assert after["years"][0]["unallocated"] == 183_600_000 - 6_000_000


def test_a_service_payment_keyed_wrong_is_corrected_and_the_funders_money_follows(
    api: Api,
) -> None:
    service = f"/api/v1/regions/{STAFFS}/services/arch-north-staffs"
    (paid,) = api.get(service, "staffs-opcc")["payments"]
    assert (paid["number"], paid["amount"], paid["paid_on"]) == (1, 20_000_000, "2017-04-01")
    api.views()
    money = f"/api/v1/regions/{STAFFS}/views/money"
    before = {r["partner"]: r for r in api.get(money, "staffs-analyst")["rows"]}
    county = before["staffordshire-county-council"]["commissioned_paid"]
    fix = {"field": "payment.1.amount", "value": 2_000_000, "reason": "Keyed £200,000"}
    missing = api.command(
        service, "corrections", fix | {"field": "payment.2.amount"}, "staffs-opcc", 404
    )
    assert "numbered 1 to 1" in missing["detail"]
    after = api.command(service, "corrections", fix, "staffs-opcc")
    assert after["paid"] == {"staffordshire-county-council": 2_000_000}
    api.views()
    now = {r["partner"]: r for r in api.get(money, "staffs-analyst")["rows"]}
    assert now["staffordshire-county-council"]["commissioned_paid"] == county - 18_000_000


def test_a_funders_share_keyed_wrong_is_corrected_and_the_agreements_value_follows(
    api: Api,
) -> None:
    service = f"/api/v1/regions/{STAFFS}/services/east-staffs-da"
    (agreed,) = api.get(service, "staffs-opcc")["agreements"]
    assert (agreed["annual_value"], agreed["shares"][1]) == (
        25_000_000,
        {"funder": "staffordshire-opcc", "amount": 5_000_000},
    )
    field = "agreement.east-staffs-da-2015.share.staffordshire-opcc"
    fix = {"field": field, "value": 4_500_000, "reason": "The schedule says £45,000"}
    unknown = api.command(
        service, "corrections", fix | {"field": field.replace("opcc", "nhs")}, "staffs-opcc", 404
    )
    assert "its funders: staffordshire-county-council, staffordshire-opcc" in unknown["detail"]
    api.command(service, "corrections", fix, "staffs-analyst", 403)
    after = api.command(service, "corrections", fix, "staffs-opcc")
    (agreed,) = after["agreements"]
    assert agreed["annual_value"] == 24_500_000
    assert agreed["shares"][1] == {"funder": "staffordshire-opcc", "amount": 4_500_000}


def test_an_unknown_partner_is_refused_with_the_valid_ones_and_nothing_recorded(api: Api) -> None:
    pot = pot_of(api, "leics-opcc")
    before = api.get(pot, "leics-opcc")
    refused = api.command(
        pot,
        "partners",
        {
            "partner": "leicestershire-fire",
            "name": "Fire",
            "on": "2016-04-01",
        },
        "leics-opcc",
        422,
    )
    assert "leicestershire-police" in refused["detail"] and "blaby" in refused["detail"]
    assert api.get(pot, "leics-opcc") == before


def test_an_area_or_a_funder_is_a_body_of_a_sector_that_can_be_one(api: Api) -> None:
    """As the pages offer them: an area served or allocated to is a partnership or a council,
    and a service is funded by neither its provider nor a board; anything else a 422 listing
    the bodies that can be, and nothing recorded."""
    base = f"/api/v1/regions/{STAFFS}"
    budget = f"{base}/commissioning-budgets/staffs-da-services-2018"
    before = api.get(budget, "staffs-opcc")
    refusals: list[tuple[str, str, dict[str, Any]]] = [
        (
            budget,
            "allocations",
            {
                "year": "2018/19",
                "area": "staffordshire-police",
                "amount": 100,
                "purpose": "x",
                "on": "2018-07-02",
            },
        ),
        (
            budget,
            "years",
            {
                "year": "2019/20",
                "annual_value": 1000,
                "on": "2019-03-01",
                "minimums": [{"area": "arch", "minimum": 100}],
            },
        ),
        (
            budget,
            "corrections",
            {"field": "allocation.2018/19.1.area", "value": "core-assets", "reason": "x"},
        ),
    ]
    found = [api.command(*r, "staffs-opcc", 422)["detail"] for r in refusals]
    opened = api.client.post(  # a new service: no ETag to match
        f"{base}/services",
        json={
            "reference": "svc-x",
            "name": "x",
            "provider": "arch",
            "area": "staffs-da-board",
            "on": "2018-04-01",
        },
        headers=api.auth("staffs-opcc"),
    )
    assert opened.status_code == 422, opened.get_json()
    for detail in (*found, opened.get_json()["detail"]):
        assert "cannot be an area" in detail and "stoke-on-trent" in detail, detail
    assert api.get(budget, "staffs-opcc") == before

    services = api.get(f"{base}/services", "staffs-opcc")
    service = f"{base}/services/{services[0]['reference']}"
    shares = [{"funder": "arch", "amount": 100}, {"funder": "staffordshire-police", "amount": 100}]
    refused = api.command(
        service,
        "funding-agreements",
        {
            "reference": "agr-x",
            "starts_on": "2018-04-01",
            "ends_on": "2019-03-31",
            "annual_value": 200,
            "shares": shares,
        },
        "staffs-opcc",
        422,
    )
    assert "cannot be a funder of a service" in refused["detail"], refused


def test_spend_on_a_review_of_a_partnership_not_in_the_pot_is_refused(api: Api) -> None:
    pot = pot_of(api, "leics-opcc")
    with api.platform.ledgers.lease("charnwood", writing=False) as charnwood:
        review = str(charnwood.reviews.all()[0].id)
    before = api.get(pot, "leics-opcc")
    for tenant in ("birmingham", "blaby"):  # another region's; a partner without that review
        api.command(
            pot,
            "spend",
            {
                "allocation": "chairs-authors",
                "amount": 100_000,
                "on": "2016-10-01",
                "reason": "Author",
                "review_id": review,
                "tenant": tenant,
            },
            "leics-opcc",
            422,
        )
    assert api.get(pot, "leics-opcc") == before


def test_a_pots_partner_sees_which_of_its_own_reviews_a_spend_was_for_and_no_others(
    api: Api,
) -> None:
    """The demo's pot paid an author for one of Charnwood's reviews: the OPCC and a
    Charnwood lead read the review on the spend, Blaby's lead reads the spend without it
    (as ``/spend`` lists Blaby none of it)."""
    api.user("charnwood-lead", "csp_lead", tenant="charnwood")
    pot = pot_of(api, "leics-opcc")
    with api.platform.ledgers.lease("charnwood", writing=False) as charnwood:
        review = str(charnwood.reviews.all()[0].id)

    def for_reviews(who: str) -> list[Any]:
        found = api.get(pot, who)["movements"]
        return [m["review_id"] for m in found if m["kind"] == "spend" and m["amount"] == 850_000]

    assert review in for_reviews("leics-opcc") and review in for_reviews("charnwood-lead")
    assert review not in for_reviews("blaby-lead") and None in for_reviews("blaby-lead")
    assert api.get(f"{pot}/spend", "blaby-lead") == []


def test_only_opcc_staff_write_the_region_ledger(api: Api) -> None:
    pot = pot_of(api, "leics-analyst")
    r = api.client.post(
        f"{pot}/receipts", json={}, headers=api.auth("leics-analyst", **{"If-Match": "*"})
    )
    assert r.status_code == 403
    r = api.client.post(
        f"{pot}/receipts", json={}, headers=api.auth("blaby-lead", **{"If-Match": "*"})
    )
    assert r.status_code == 403


def test_groups_keep_a_master_plan_readable_by_members(api: Api) -> None:
    plan = api.get(
        f"/api/v1/regions/{LLR}/groups/{LLR}-master-plan/master-action-plan", "blaby-lead"
    )
    assert [i["reference"] for i in plan["items"]] == ["llr-impact-review"]
    assert {line["tenant"] for line in plan["lines"]} <= set(plan["members"])
    assert any(line["tenant"] == "charnwood" for line in plan["lines"])
    api.get(f"/api/v1/regions/{LLR}/groups/{LLR}-master-plan", "birmingham-lead", 404)


def test_a_group_item_due_before_it_was_recorded_is_a_problem(api: Api) -> None:
    group = f"/api/v1/regions/{LLR}/groups/{LLR}-master-plan"
    item = {
        "reference": "llr-training",
        "text": "Train GP receptionists in routine enquiry",
        "owner": "leicestershire-county-council",
        "due_on": "2017-03-31",
        "on": "2017-09-01",
    }
    problem = api.command(group, "items", item, "leics-opcc", 422)
    assert "The due date (2017-03-31) is before the date the item was recorded" in problem["detail"]
    assert [i["reference"] for i in api.get(group, "leics-opcc")["items"]] == ["llr-impact-review"]


def test_group_progress_dated_before_its_item_was_recorded_is_a_problem(api: Api) -> None:
    group = f"/api/v1/regions/{LLR}/groups/{LLR}-master-plan"
    early = {"note": "Audit planned", "on": "2016-06-07", "completed": True}
    problem = api.command(group, "items/llr-impact-review/updates", early, "leics-opcc", 422)
    said = "The date of the update (2016-06-07) is before the date the item was recorded"
    assert said in problem["detail"]
    item = api.get(group, "leics-opcc")["items"][0]
    assert item["status"] == "open" and not item["updates"]


def test_a_partnership_moved_to_another_region_leaves_its_old_groups_plan(api: Api) -> None:
    """Charnwood moves to the West Midlands: the Leicestershire group's master plan (JSON,
    and so its page, spreadsheet and paper) no longer carries its actions, which the old
    region's staff cannot read any other way."""
    plan = f"/api/v1/regions/{LLR}/groups/{LLR}-master-plan/master-action-plan"
    assert any(line["tenant"] == "charnwood" for line in api.get(plan, "leics-analyst")["lines"])
    api.platform.move_tenant("charnwood", WM)

    for who in ("leics-analyst", "leics-opcc", "blaby-lead"):
        assert all(line["tenant"] != "charnwood" for line in api.get(plan, who)["lines"]), who
    api.get("/api/v1/tenants/charnwood/action-plan", "leics-analyst", 404)


def test_demand_figures_sit_beside_the_region(api: Api) -> None:
    found = api.get(f"/api/v1/regions/{STAFFS}/demand", "staffs-analyst")["figures"]
    assert [(f["period"], f["value"]) for f in found] == [("2016/17", 2247), ("2017/18 Q1", 447)]


def test_free_text_names_can_be_mapped_to_a_directory_entry(api: Api) -> None:
    mapped = api.command(
        f"/api/v1/regions/{WM}/ledger/partners",
        f"/api/v1/regions/{WM}/ledger/partner-names",
        {"name": "W Mids Police", "partner": "west-midlands-police", "on": "2016-01-01"},
        "wm-opcc",
    )
    police = next(p for p in mapped["partners"] if p["key"] == "west-midlands-police")
    assert police["aliases"] == ["Police", "WMP", "W Mids Police"]
    clash = api.command(
        f"/api/v1/regions/{WM}/ledger/partners",
        f"/api/v1/regions/{WM}/ledger/partner-names",
        {"name": "Police", "partner": "west-midlands-pcc", "on": "2016-01-01"},
        "wm-opcc",
        409,
    )
    assert "west-midlands-police" in clash["detail"]


def test_the_actions_view_counts_one_police_whatever_the_owner_was_called(api: Api) -> None:
    with api.platform.ledgers.lease("charnwood") as charnwood:
        plan = charnwood.plan.master()
        police = [line for line in plan if line.owner == "Police"]
        charnwood.actions.plan(
            police[0].recommendation_id, "Leicestershire Police", "Brief staff", date(2030, 1, 1)
        )
    api.views()
    view = api.get(f"/api/v1/regions/{LLR}/views/actions?since=2011-04-13", "leics-analyst")
    owners = {r["key"]: r for r in view["by_owner"]}
    assert "Police" not in owners and "Leicestershire Police" not in owners
    assert owners["leicestershire-police"]["label"] == "Leicestershire Police"
    opened = sum(1 for line in police if line.status in ("open", "in_progress"))
    assert owners["leicestershire-police"]["open"] == opened + 1


def test_action_owners_are_picked_from_the_directory_once_the_region_keeps_one(api: Api) -> None:
    api.user("charnwood-officer", "csp_officer", tenant="charnwood")
    with api.platform.ledgers.lease("charnwood", writing=False) as charnwood:
        rec = charnwood.plan.master()[0].recommendation_id
        before = len(charnwood.actions.of_recommendation(rec))
    path = f"/api/v1/tenants/charnwood/recommendations/{rec}/actions"
    action = {"description": "Brief staff", "due_on": "2030-01-01"}
    r = api.client.post(
        path, json={**action, "owner": "Fire"}, headers=api.auth("charnwood-officer")
    )
    assert r.status_code == 422 and "Leicestershire Police" in r.get_json()["detail"]
    with api.platform.ledgers.lease("charnwood", writing=False) as charnwood:
        assert len(charnwood.actions.of_recommendation(rec)) == before
    for owner in ("Police", "leicestershire-police", "Swanswell"):
        r = api.client.post(
            path, json={**action, "owner": owner}, headers=api.auth("charnwood-officer")
        )
        assert r.status_code == 201, r.get_json()


def test_demand_sits_beside_the_deaths_with_its_trend(api: Api) -> None:
    api.user("staffs-lead", "regional_lead", region=STAFFS)
    with api.platform.region_ledgers.lease(STAFFS) as staffs:
        staffs.demand.record("marac_cases", STAFFS, "2017/18 Q2", 470, date(2017, 10, 31))
    api.views()
    view = api.get(f"/api/v1/regions/{STAFFS}/views/demand", "staffs-lead")
    quarters = [(f["period"], f["change"]) for f in view["demand"] if "Q" in f["period"]]
    assert quarters == [("2017/18 Q1", None), ("2017/18 Q2", 23)]
    assert isinstance(view["dhrs_by_year"], list)


def test_a_partnership_records_demand_for_its_own_area_only(api: Api) -> None:
    api.user("stoke-officer", "csp_officer", tenant="stoke-on-trent")
    demand = f"/api/v1/regions/{STAFFS}/demand"
    figure = {"indicator": "marac_cases", "period": "2017/18 Q1", "value": 120, "on": "2017-07-31"}
    own = api.client.get(demand, headers=api.auth("stoke-officer"))  # the ETag to record with
    assert {f["area"] for f in own.get_json()["figures"]} <= {"stoke-on-trent"}
    etag = own.headers["ETag"]
    r = api.client.post(
        demand,
        json={**figure, "area": "stoke-on-trent"},
        headers=api.auth("stoke-officer", **{"If-Match": etag}),
    )
    assert r.status_code == 200, r.get_json()
    # answered with its own area's figures only: the region's record holds every area's
    assert {f["area"] for f in r.get_json()["figures"]} == {"stoke-on-trent"}
    whole = api.get(demand, "staffs-opcc")
    assert len({f["area"] for f in whole["figures"]}) > 1
    r = api.client.post(
        demand,
        json={**figure, "area": "staffordshire"},
        headers=api.auth("stoke-officer", **{"If-Match": r.headers["ETag"]}),
    )
    assert r.status_code == 403


def test_a_regions_commissioning_budgets_services_and_groups_are_listed(api: Api) -> None:
    """Found without knowing a reference first: the pages' lists and a client's start."""
    base = f"/api/v1/regions/{STAFFS}"
    (budget,) = api.get(f"{base}/commissioning-budgets", "staffs-opcc")
    assert (budget["reference"], budget["lead"]) == (
        "staffs-da-services-2018",
        "staffordshire-opcc",
    )
    services = api.get(f"{base}/services", "staffs-opcc")
    assert [s["reference"] for s in services] == [
        "arch-north-staffs",
        "east-staffs-da",
        "swa-south",
    ]
    assert services[1]["provider"] == "pathway-project"
    assert api.get(f"{base}/services", "blaby-lead", 404)  # not a region of theirs
    groups = f"/api/v1/regions/{LLR}"
    with api.platform.region_ledgers.lease(LLR) as ledger:  # one that leaves Blaby out
        ledger.groups.form(
            "charnwood-panel",
            "Charnwood panel",
            "partnerships",
            "leicestershire-police",
            ["charnwood"],
            date(2026, 4, 1),
        )
    everyone = api.get(f"{groups}/groups", "leics-analyst")
    assert [g["key"] for g in everyone] == [f"{LLR}-master-plan", "charnwood-panel"]
    assert api.get(f"{groups}/groups", "blaby-lead") == everyone[:1]


def test_a_partnership_reads_what_the_region_holds_for_its_own_area(api: Api) -> None:
    """The Money page's figures over the API: Wolverhampton's grant under decision 036/2013,
    Stoke-on-Trent's minimum (and nothing of the county's), Birmingham's nothing."""
    wolves = api.user("wolves-officer", "csp_officer", tenant="wolverhampton")
    (grant,) = api.get("/api/v1/tenants/wolverhampton/funding/from-region", wolves)["grants"]
    assert grant["line"] == "Invest to Save 2013-14"
    assert grant["allocation"] == {
        "decision_number": "036/2013",
        "tenant": "wolverhampton",
        "allocated": 3_000_000,
        "paid": 3_000_000,
        "clawed_back": 0,
    }
    stoke = api.user("stoke-lead", "csp_lead", tenant="stoke-on-trent")
    city = api.get("/api/v1/tenants/stoke-on-trent/funding/from-region", stoke)
    assert city["grants"] == [] and city["services"] == []
    (minimum,) = city["minimums"]
    assert minimum["year"] == "2018/19" and minimum["line"] == {
        "area": "stoke-on-trent",
        "minimum": 42_100_000,
        "allocated": 0,
        "short_of_minimum": 42_100_000,
    }
    assert api.get("/api/v1/tenants/birmingham/funding/from-region", "birmingham-lead") == {
        "grants": [],
        "minimums": [],
        "services": [],
    }
    api.get("/api/v1/tenants/stoke-on-trent/funding/from-region", wolves, 404)  # not theirs


def test_the_commissioning_and_group_papers_over_the_api(api: Api) -> None:
    """The pages' two newer board papers for a council's own systems: PDF unless HTML is
    asked for; a group's paper for its members only, the commissioning for the region's."""
    base = f"/api/v1/regions/{STAFFS}/reports/commissioning"
    r = api.client.get(f"{base}?format=html&on=2018-01-15", headers=api.auth("staffs-opcc"))
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = r.data.decode()
    assert "No agreements end within six months of 15 January 2018" in page
    pdf = api.client.get(base, headers=api.auth("staffs-opcc"))
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert api.client.get(base, headers=api.auth("blaby-lead")).status_code in (403, 404)

    plan = f"/api/v1/regions/{LLR}/groups/{LLR}-master-plan/reports/master-action-plan"
    member = api.client.get(
        f"{plan}?format=html&meeting=LLR+DHR+Board", headers=api.auth("blaby-lead")
    )
    assert member.status_code == 200 and "LLR DHR Board" in member.data.decode()
    assert api.client.get(plan, headers=api.auth("birmingham-lead")).status_code == 404


def test_papers_as_the_ledger_had_recorded_them_over_the_api(api: Api) -> None:
    """``as_recorded``: the action plan, a group's plan and the commissioning as the ledger
    stood at an instant (a date means its end), saying so; a bad instant is refused."""
    plan = "/api/v1/tenants/blaby/reports/action-plan?format=html"
    now = api.client.get(plan, headers=api.auth("blaby-lead")).data.decode()
    then = api.client.get(f"{plan}&as_recorded=2010-01-01", headers=api.auth("blaby-lead"))
    assert then.status_code == 200
    paper = then.data.decode()
    assert "The plan holds no actions" in paper and "the end of 1 January 2010" in paper
    assert "The plan holds no actions" not in now and "As recorded by" not in now

    group = f"/api/v1/regions/{LLR}/groups/{LLR}-master-plan/reports/master-action-plan"
    late = api.client.get(f"{group}?as_recorded=2010-01-01", headers=api.auth("blaby-lead"))
    assert late.status_code == 404 and "ask for a later time" in late.get_json()["detail"]

    base = f"/api/v1/regions/{STAFFS}/reports/commissioning?format=html"
    bad = api.client.get(f"{base}&as_recorded=soon", headers=api.auth("staffs-opcc"))
    assert bad.status_code in (400, 422) and "2019-03-31T18:00:00Z" in bad.get_data(True)
    at = "2026-01-01T09:30:00Z"
    dated = api.client.get(f"{base}&as_recorded={at}", headers=api.auth("staffs-opcc"))
    assert "09:30 UTC on 1 January 2026" in dated.get_data(True)


def test_the_regions_pot_statement_as_a_board_paper_over_the_api(api: Api) -> None:
    base = f"/api/v1/regions/{LLR}/reports/pooled-budgets/llr-dhr"
    r = api.client.get(f"{base}?year=2015/16&format=html", headers=api.auth("blaby-lead"))
    assert r.status_code == 200 and "£25,500<" in r.get_data(True)
    assert api.client.get(f"{base}?year=2015/16", headers=api.auth("leics-analyst")).data[:4] == (
        b"%PDF"
    )
    hidden = api.client.get(f"{base}?year=2015/16", headers=api.auth("birmingham-lead"))
    assert hidden.status_code == 404
    early = api.client.get(
        f"{base}?year=2015/16&as_recorded=2010-01-01", headers=api.auth("leics-analyst")
    )
    assert early.status_code == 404 and "ask for a later time" in early.get_json()["detail"]


def test_what_a_pot_spent_on_a_review_is_read_by_review_and_follows_its_correction(
    api: Api,
) -> None:
    """The case page and the costs download read what the region's pots paid for each review
    from the regional money view (``queries.pot_spend``): per pot, net of a correction, and
    nothing for a review no pot paid for."""
    pot = pot_of(api, "leics-opcc")
    found = api.get(pot, "leics-opcc")
    (spend,) = [m for m in found["movements"] if m["kind"] == "spend" and m.get("review_id")]
    review = UUID(spend["review_id"])
    api.views()
    views = views_of(api.app, api.platform)
    other = UUID(int=7)  # a review no pot paid for
    (paid,) = pot_spend_on_reviews(views, LLR, [review, other])[review]
    assert (str(paid.pot), paid.amount) == (pot.rsplit("/", 1)[1], 850_000)
    assert other not in pot_spend_on_reviews(views, LLR, [review, other])
    assert pot_spend_on_reviews(views, WM, [review]) == {}  # another region's pots paid nothing
    right = {
        "field": f"movement.{spend['number']}.amount",
        "value": 800_000,
        "reason": "The author's invoice was £8,000",
    }
    api.command(pot, "corrections", right, "leics-opcc")
    api.views()
    (paid,) = pot_spend_on_reviews(views, LLR, [review])[review]
    assert paid.amount == 800_000
