"""A pooled DHR budget over HTTP: contributions in, allocations planned, spend out, a statement,
and the year's close and reopening."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask.testing import FlaskClient
from openpyxl import load_workbook

from tests.api.conftest import World, body


def open_pool(client: FlaskClient, world: World) -> tuple[str, str]:
    base = f"/api/v1/tenants/{world.tenant}/funding/pooled-budgets"
    made = client.post(
        base,
        headers=world.auth("officer"),
        json={
            "on": "2015-04-01",
            "reference": "LR-DHR",
            "name": "DHR pool",
            "manager": "Business office",
        },
    )
    assert made.status_code == 201
    return f"{base}/{body(made)['id']}", made.headers["ETag"]


def post(
    client: FlaskClient,
    world: World,
    path: str,
    etag: str,
    data: dict[str, Any],
    who: str = "officer",
) -> Any:
    r = client.post(path, json=data, headers=world.auth(who, **{"If-Match": etag}))
    assert r.status_code in (200, 201), (path, body(r))
    return r


def plan_office(client: FlaskClient, world: World, pool: str) -> str:
    """Plan the business office's £40,500 for 2015/16; the plan's ETag afterwards."""
    etag = client.get(f"{pool}/allocation-plan", headers=world.auth("officer")).headers["ETag"]
    r = post(
        client,
        world,
        f"{pool}/allocation-plan/allocations",
        etag,
        {
            "on": "2015-04-01",
            "year": "2015/16",
            "key": "office",
            "purpose": "business office",
            "amount": 4_050_000,
        },
    )
    return str(r.headers["ETag"])


def test_a_pooled_budget_reconciles_from_contributions_and_spend(
    client: FlaskClient, world: World
) -> None:
    pool, etag = open_pool(client, world)
    plan_office(client, world, pool)
    steps: list[tuple[str, dict[str, Any]]] = [
        ("partners", {"on": "2015-04-01", "partner": "county", "name": "County council"}),
        (
            "contributions",
            {"on": "2015-04-01", "partner": "county", "year": "2015/16", "amount": 3_000_000},
        ),
        (
            "receipts",
            {"on": "2015-05-01", "partner": "county", "year": "2015/16", "amount": 3_000_000},
        ),
        (
            "spend",
            {"on": "2015-06-01", "allocation": "office", "amount": 1_000_000, "reason": "Q1"},
        ),
    ]
    for step, data in steps:
        etag = post(client, world, f"{pool}/{step}", etag, data).headers["ETag"]
    statement = body(client.get(f"{pool}/statement?year=2015/16", headers=world.auth("officer")))
    assert statement["closing_reserve"] == 2_000_000 and statement["reconciles"] is True
    assert (
        client.get(f"{pool}/statement?year=2015", headers=world.auth("officer")).status_code == 422
    )


def test_the_statements_sheet_names_an_allocation_by_its_purpose_and_the_json_keeps_its_key(
    client: FlaskClient, world: World
) -> None:
    """The allocation's key ("office") is what the API's calls name it by; a person reading the
    statement's download reads its purpose, as the board paper shows it."""
    pool, _ = open_pool(client, world)
    plan_office(client, world, pool)
    statement = f"{pool}/statement?year=2015/16"
    answer = body(client.get(statement, headers=world.auth("officer")))
    assert [(a["key"], a["purpose"]) for a in answer["allocations"]] == [
        ("office", "business office")
    ]
    got = client.get(f"{statement}&format=xlsx", headers=world.auth("officer"))
    sheet = load_workbook(io.BytesIO(got.data))["Allocations"]
    assert [c.value for c in sheet[1]] == ["Purpose", "Planned (£)", "Spent (£)"]
    assert [c.value for c in sheet[2]] == ["business office", 40500, 0]
    table = client.get(f"{statement}&format=csv&table=allocations", headers=world.auth("officer"))
    rows = list(csv.reader(io.StringIO(table.data.decode("utf-8-sig"))))
    assert rows[0] == ["Purpose", "Planned (£)", "Spent (£)"] and "office" not in rows[1]


def test_the_statement_and_forecast_downloads_name_each_partner_and_the_json_keeps_its_key(
    client: FlaskClient, world: World
) -> None:
    """A partner is recorded by a key ("county") the API's calls use; a person reading the
    statement's or the forecast's sheet reads the name the pot gave it, as the paper does."""
    pool, etag = open_pool(client, world)
    plan_office(client, world, pool)
    for step, data in (
        ("partners", {"on": "2015-04-01", "partner": "county", "name": "County council"}),
        (
            "contributions",
            {"on": "2015-04-01", "partner": "county", "year": "2015/16", "amount": 3_000_000},
        ),
    ):
        etag = post(client, world, f"{pool}/{step}", etag, data).headers["ETag"]
    statement = f"{pool}/statement?year=2015/16"
    forecast = f"{pool}/forecast?year=2015/16&expected_dhrs=3&cost_per_dhr=850000"
    officer = world.auth("officer")

    answers = [body(client.get(url, headers=officer)) for url in (statement, forecast)]
    sheets = [
        load_workbook(io.BytesIO(client.get(f"{url}&format=xlsx", headers=officer).data))
        for url in (statement, forecast)
    ]
    csvs = [
        list(csv.reader(io.StringIO(got.data.decode("utf-8-sig"))))
        for got in (
            client.get(f"{url}&format=csv", headers=officer) for url in (statement, forecast)
        )
    ]

    assert [p["partner"] for p in answers[0]["partners"]] == ["county"]
    assert [s["partner"] for s in answers[1]["shares"]] == ["county"]
    partners, shares = sheets[0]["Partners"], sheets[1]["Shares"]
    assert [row[0] for row in partners.iter_rows(min_row=2, values_only=True)] == [
        "County council",
        "Total",
    ]
    assert [row[0] for row in shares.iter_rows(min_row=2, values_only=True)] == ["County council"]
    for rows in csvs:
        assert rows[0][0] == "Partner" and rows[1][0] == "County council"
        assert not any("county" in cell for row in rows for cell in row)


def test_planning_is_guarded_by_the_plans_etag_and_leaves_the_pools_alone(
    client: FlaskClient, world: World
) -> None:
    pool, pool_etag = open_pool(client, world)
    stale = client.get(f"{pool}/allocation-plan", headers=world.auth("officer")).headers["ETag"]
    plan_etag = plan_office(client, world, pool)
    assert plan_etag != stale
    assert client.get(pool, headers=world.auth("officer")).headers["ETag"] == pool_etag
    again = client.post(
        f"{pool}/allocation-plan/allocations",
        json={
            "on": "2015-04-01",
            "year": "2015/16",
            "key": "chairs",
            "purpose": "chairs",
            "per_dhr": 850_000,
            "expected_dhrs": "2.5",
        },
        headers=world.auth("officer", **{"If-Match": stale}),
    )
    assert again.status_code == 412
    plan = body(client.get(f"{pool}/allocation-plan", headers=world.auth("officer")))
    assert [a["key"] for a in plan["allocations"]] == ["office"]


def test_a_variation_is_requested_by_an_officer_and_decided_by_the_lead(
    client: FlaskClient, world: World
) -> None:
    pool, _ = open_pool(client, world)
    etag = plan_office(client, world, pool)
    asked = post(
        client,
        world,
        f"{pool}/allocation-plan/variation-requests",
        etag,
        {
            "on": "2015-09-01",
            "year": "2015/16",
            "key": "office",
            "amount": 4_208_900,
            "requested_by": "Business office",
            "reason": "Costs rose",
        },
    )
    assert body(asked)["requests"][0]["shortfall"] == 158_900
    decision = {
        "on": "2015-10-01",
        "year": "2015/16",
        "key": "office",
        "approved": True,
        "reason": "Agreed by the board",
    }
    refused = client.post(
        f"{pool}/allocation-plan/variation-decisions",
        json=decision,
        headers=world.auth("officer", **{"If-Match": asked.headers["ETag"]}),
    )
    assert refused.status_code == 403
    decided = post(
        client,
        world,
        f"{pool}/allocation-plan/variation-decisions",
        asked.headers["ETag"],
        decision,
        who="lead",
    )
    plan = body(decided)
    assert plan["requests"] == [] and plan["allocations"][0]["amount"] == 4_208_900


def test_a_year_is_closed_and_reopened_with_reasons_and_draw_downs_recorded(
    client: FlaskClient, world: World
) -> None:
    pool, etag = open_pool(client, world)
    steps: list[tuple[str, dict[str, Any]]] = [
        (
            "reserve-brought-forward",
            {"year": "2015/16", "amount": 2_550_000, "reason": "Reserve held by the county"},
        ),
        ("partners", {"on": "2015-04-01", "partner": "rutland", "name": "Rutland"}),
        (
            "contributions",
            {"on": "2015-04-01", "partner": "rutland", "year": "2015/16", "amount": 250_000},
        ),
        (
            "not-drawn-down",
            {
                "on": "2015-06-01",
                "partner": "rutland",
                "year": "2015/16",
                "reason": "Reserves suffice",
                "deferred_to": "2016/17",
            },
        ),
    ]
    for step, data in steps:
        etag = post(client, world, f"{pool}/{step}", etag, data).headers["ETag"]
    close = {"on": "2016-04-05", "year": "2015/16"}
    closed = post(client, world, f"{pool}/year-closure", etag, close, who="lead")
    assert body(closed)["closed_years"] == [{"year": "2015/16", "carried_forward": 2_550_000}]
    twice = client.post(
        f"{pool}/year-closure",
        json=close,
        headers=world.auth("lead", **{"If-Match": closed.headers["ETag"]}),
    )
    assert twice.status_code == 409
    reopened = post(
        client,
        world,
        f"{pool}/year-reopening",
        closed.headers["ETag"],
        {"on": "2016-05-01", "year": "2015/16", "reason": "Late invoice"},
        who="lead",
    )
    assert body(reopened)["closed_years"] == []
    statement = body(client.get(f"{pool}/statement?year=2015/16", headers=world.auth("officer")))
    rutland = next(p for p in statement["partners"] if p["partner"] == "rutland")
    assert (rutland["not_drawn_down"], rutland["outstanding"]) == (250_000, 0)


def test_the_forecast_takes_cost_per_dhr_and_dhrs_as_query_values_for_any_year(
    client: FlaskClient, world: World
) -> None:
    pool, etag = open_pool(client, world)
    plan_office(client, world, pool)
    etag = post(
        client,
        world,
        f"{pool}/partners",
        etag,
        {"on": "2015-04-01", "partner": "county", "name": "County council"},
    ).headers["ETag"]
    post(
        client,
        world,
        f"{pool}/contributions",
        etag,
        {"on": "2015-04-01", "partner": "county", "year": "2015/16", "amount": 6_600_000},
    )
    auth = world.auth("officer")
    # 2017/18 has no plan and no agreement yet: it is forecast on 2015/16's.
    r = client.get(f"{pool}/forecast?year=2017/18&dhrs=2.5&cost_per_dhr=850000", headers=auth)
    assert r.status_code == 200, body(r)
    assert (body(r)["annual_cost"], body(r)["expected_dhrs"]) == (4_050_000 + 2_125_000, "2.5")
    r = client.get(
        f"{pool}/forecast?year=2015/16&expected_dhrs=3&cost_per_dhr=850000", headers=auth
    )
    assert body(r)["annual_cost"] == 4_050_000 + 2_550_000
    for bad in ("cost_per_dhr=8500.50&dhrs=3", "cost_per_dhr=850000&dhrs=two", "cost_per_dhr=1"):
        r = client.get(f"{pool}/forecast?year=2015/16&{bad}", headers=auth)
        assert r.status_code == 422 and r.mimetype == "application/problem+json", bad


def test_spend_on_a_review_names_one_of_the_partnerships_reviews(
    client: FlaskClient, world: World
) -> None:
    """As a pot the OPCC hosts checks: a review id the partnership does not hold (mistyped,
    or a neighbour's) is a 422 saying so, and nothing is spent; its own review is taken."""
    pool, etag = open_pool(client, world)
    plan_office(client, world, pool)
    case = client.post(
        f"/api/v1/tenants/{world.tenant}/reviews",
        json={
            "reference": "POOL-1",
            "incident_on": "2015-01-10",
            "notified_on": "2015-01-20",
            "pseudonym": "Ann",
            "kind": "dhr",
            "death_category": "intimate_partner_homicide",
        },
        headers=world.auth("officer"),
    )
    assert case.status_code == 201, body(case)
    spend = {"on": "2015-06-01", "allocation": "office", "amount": 10_000, "reason": "chair"}

    stranger = "0b6c3f0e-0000-4000-8000-000000000000"
    refused = client.post(
        f"{pool}/spend",
        json={**spend, "review_id": stranger},
        headers=world.auth("officer", **{"If-Match": etag}),
    )
    assert refused.status_code == 422, body(refused)
    assert f"no review {stranger}" in body(refused)["detail"]
    own = post(client, world, f"{pool}/spend", etag, {**spend, "review_id": body(case)["id"]})
    assert own.headers["ETag"] != etag
