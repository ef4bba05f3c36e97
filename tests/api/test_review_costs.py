"""A DHR's cost over HTTP, on both stores: an amount far above what one review costs is refused
until the client confirms it, and the OpenAPI document says how."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.api.conftest import World, body
from tests.api.test_end_to_end import Http


def test_an_amount_far_above_what_a_review_costs_is_refused_until_amount_confirmed(
    client: FlaskClient, world: World
) -> None:
    """2500000 pounds for one review's chair (250000000 pence) was recorded without a word;
    now it is a 422 saying how to confirm it, nothing is recorded, and confirmed it stands."""
    http = Http(client, world)
    review = http.create(
        "/reviews",
        {
            "reference": "DHR-COST-1",
            "incident_on": "2015-01-05",
            "notified_on": "2015-01-12",
            "pseudonym": "Ann",
            "kind": "dhr",
            "death_category": "intimate_partner_homicide",
        },
    )
    costs = f"{http.base}/reviews/{review['id']}/costs"
    officer = world.auth("officer")
    chair = {"on": "2015-03-01", "category": "chair", "amount": 250_000_000}
    invoice = chair | {"description": "Chair's invoice 7"}

    for path, sent in (("estimates", chair), ("actuals", invoice)):
        refused = client.post(f"{costs}/{path}", json=sent, headers=officer)
        assert refused.status_code == 422, body(refused)
        detail = body(refused)["detail"]
        assert "£2,500,000.00 is far more than one review usually costs" in detail
        assert "amount_confirmed: true" in detail
    assert client.get(costs, headers=officer).status_code == 404  # nothing was recorded

    confirmed = client.post(
        f"{costs}/estimates", json=chair | {"amount_confirmed": True}, headers=officer
    )
    assert confirmed.status_code == 200, body(confirmed)
    etag = confirmed.headers["ETag"]
    usual = client.post(  # an invoice a review usually sees needs no confirming
        f"{costs}/actuals",
        json=invoice | {"amount": 850_000},
        headers=world.auth("officer", **{"If-Match": etag}),
    )
    assert usual.status_code == 200, body(usual)
    assert (body(usual)["total_estimate"], body(usual)["total_actual"]) == (250_000_000, 850_000)


def test_a_cost_corrected_to_far_above_what_a_review_costs_needs_amount_confirmed(
    client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    review = http.create(
        "/reviews",
        {
            "reference": "DHR-COST-2",
            "incident_on": "2015-01-05",
            "notified_on": "2015-01-12",
            "pseudonym": "Bea",
            "kind": "dhr",
            "death_category": "intimate_partner_homicide",
        },
    )
    costs = f"/reviews/{review['id']}/costs"
    first = {"on": "2015-03-01", "category": "chair", "amount": 850_000}
    made = client.post(f"{http.base}{costs}/estimates", json=first, headers=world.auth("officer"))
    assert made.status_code == 200, body(made)
    wrong = {"field": "estimate.chair", "value": 250_000_000, "reason": "Agreed at last"}
    etag = http.get(costs, "lead").headers["ETag"]
    refused = client.post(
        f"{http.base}{costs}/corrections",
        json=wrong,
        headers=world.auth("lead", **{"If-Match": etag}),
    )
    assert refused.status_code == 422, body(refused)
    assert "amount_confirmed: true" in body(refused)["detail"]
    assert body(http.get(costs, "lead"))["total_estimate"] == 850_000  # nothing recorded
    corrected = http.command(costs, "corrections", wrong | {"amount_confirmed": True}, "lead")
    assert corrected["total_estimate"] == 250_000_000


def test_the_openapi_document_says_how_to_confirm_an_unusual_amount(client: FlaskClient) -> None:
    schemas = body(client.get("/api/v1/openapi.json"))["components"]["schemas"]
    for name in ("CostEstimateIn", "CostActualIn", "CostCorrectionIn"):
        field = schemas[name]["properties"]["amount_confirmed"]
        assert field["type"] == "boolean" and field["default"] is False
        assert "above £100,000" in field["description"]
