"""A pooled DHR budget over HTTP: contributions in, allocations planned, spend out, a statement."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.api.conftest import World, body


def test_a_pooled_budget_reconciles_from_contributions_and_spend(
    client: FlaskClient, world: World
) -> None:
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
    pool, etag = f"{base}/{body(made)['id']}", made.headers["ETag"]
    steps = [
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
            "planned-allocations",
            {
                "on": "2015-04-01",
                "year": "2015/16",
                "key": "office",
                "purpose": "business office",
                "amount": 4_050_000,
            },
        ),
        (
            "spend",
            {"on": "2015-06-01", "allocation": "office", "amount": 1_000_000, "reason": "Q1"},
        ),
    ]
    for step, data in steps:
        r = client.post(
            f"{pool}/{step}", json=data, headers=world.auth("officer", **{"If-Match": etag})
        )
        assert r.status_code == 200, (step, body(r))
        etag = r.headers["ETag"]
    statement = body(client.get(f"{pool}/statement?year=2015/16", headers=world.auth("officer")))
    assert statement["closing_reserve"] == 2_000_000 and statement["reconciles"] is True
    assert (
        client.get(f"{pool}/statement?year=2015", headers=world.auth("officer")).status_code == 422
    )
