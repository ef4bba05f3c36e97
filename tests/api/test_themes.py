"""Theme taxonomies over HTTP: a region's own themes, followed by every partnership in it, and a
partnership's own themes and plan settings kept by its lead."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from domain.themes import Taxonomy
from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.api.test_role_matrix import a_review

THEME = {
    "code": "honour-based-abuse",
    "label": "Honour-based abuse",
    "kind": "theme",
    "home_office_code": "identification-of-risk",
}


def region_themes(world: World, region: str | None = None) -> str:
    return f"/api/v1/regions/{region or world.region}/themes"


def add_region_theme(client: FlaskClient, world: World, theme: dict[str, Any] = THEME) -> Any:
    etag = client.get(region_themes(world), headers=world.auth("regional")).headers["ETag"]
    r = client.post(
        region_themes(world), json=theme, headers=world.auth("regional", **{"If-Match": etag})
    )
    assert r.status_code == 201, body(r)
    return r


def themes_of(
    client: FlaskClient, world: World, tenant: str, who: str = "admin", everything: bool = False
) -> dict[str, Any]:
    query = "?include_retired=true" if everything else ""
    r = client.get(f"/api/v1/tenants/{tenant}/action-plan/themes{query}", headers=world.auth(who))
    assert r.status_code == 200, body(r)
    return {t["code"]: t for t in body(r)}


def recommend(client: FlaskClient, world: World, review: str, ref: str, code: str) -> Any:
    return client.post(
        f"/api/v1/tenants/{world.tenant}/reviews/{review}/recommendations",
        headers=world.auth("officer"),
        json={
            "on": "2016-02-01",
            "reference": ref,
            "text": "Ask about honour",
            "scope": "multi_agency",
            "theme_codes": [code],
            "target_organisation": "Police",
        },
    )


def test_a_regional_lead_adds_a_theme_that_every_partnership_of_the_region_follows(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    listed = client.get(region_themes(world), headers=world.auth("officer"))
    assert (body(listed), listed.headers["ETag"]) == ([], '"0"')
    assert (
        client.post(region_themes(world), json=THEME, headers=world.auth("regional")).status_code
        == 428
    )
    added = add_region_theme(client, world)
    assert body(added)["source"] == "region" and body(added)["region"] == world.region
    for tenant in (world.tenant, world.neighbour):
        assert themes_of(client, world, tenant)["honour-based-abuse"]["region"] == world.region
    assert "honour-based-abuse" not in themes_of(client, world, world.stranger)
    regional_id = body(client.get("/api/v1/me", headers=world.auth("regional")))["id"]
    with platform.ledgers.lease(world.tenant, writing=False) as ledger:
        stored = list(ledger.events.get(Taxonomy.create_id(world.tenant)))
    assert type(stored[-1]).__name__ == "RegionThemeAdopted"
    assert stored[-1].recorded_by == regional_id  # type: ignore[attr-defined]


def test_retiring_a_region_theme_retires_it_everywhere_and_old_tags_keep_their_meaning(
    client: FlaskClient, world: World
) -> None:
    etag = add_region_theme(client, world).headers["ETag"]
    review = a_review(client, world)
    made = recommend(client, world, review, "R1", "honour-based-abuse")
    assert made.status_code == 201, body(made)
    retired = client.post(
        f"{region_themes(world)}/honour-based-abuse/retirement",
        json={"on": "2017-04-01", "reason": "Merged into coercive control"},
        headers=world.auth("regional", **{"If-Match": etag}),
    )
    assert retired.status_code == 200 and body(retired)["retired_on"] == "2017-04-01"
    assert "honour-based-abuse" not in themes_of(client, world, world.tenant)
    kept = themes_of(client, world, world.neighbour, everything=True)["honour-based-abuse"]
    assert (kept["label"], kept["retired_on"]) == ("Honour-based abuse", "2017-04-01")
    refused = recommend(client, world, review, "R2", "honour-based-abuse")
    assert refused.status_code == 422 and "retired on 2017-04-01" in body(refused)["detail"]


def test_a_partnership_registered_or_moved_into_the_region_later_follows_its_themes(
    client: FlaskClient, world: World
) -> None:
    add_region_theme(client, world)
    newcomer = f"new-{world.tenant}"
    registered = client.post(
        "/api/v1/tenants",
        headers=world.auth("admin"),
        json={"slug": newcomer, "name": "New CSP", "region": world.region},
    )
    assert registered.status_code == 201
    assert "honour-based-abuse" in themes_of(client, world, newcomer)

    def move(tenant: str, region: str) -> None:
        etag = client.get(f"/api/v1/tenants/{tenant}", headers=world.auth("admin")).headers["ETag"]
        r = client.post(
            f"/api/v1/tenants/{tenant}/region",
            json={"region": region},
            headers=world.auth("admin", **{"If-Match": etag}),
        )
        assert r.status_code == 200, body(r)

    move(world.stranger, world.region)
    assert themes_of(client, world, world.stranger)["honour-based-abuse"]["retired_on"] is None
    move(world.stranger, world.other_region)
    left = themes_of(client, world, world.stranger, everything=True)["honour-based-abuse"]
    assert left["retired_on"] and "no longer in region" in left["retirement_reason"]


def test_a_region_theme_cannot_take_a_code_one_of_its_partnerships_uses(
    client: FlaskClient, world: World
) -> None:
    base = f"/api/v1/tenants/{world.tenant}/action-plan/themes"
    etag = client.get(base, headers=world.auth("lead")).headers["ETag"]
    own = client.post(base, json=THEME, headers=world.auth("lead", **{"If-Match": etag}))
    assert own.status_code == 201 and body(own)["source"] == "tenant"
    etag = client.get(region_themes(world), headers=world.auth("admin")).headers["ETag"]
    clash = client.post(
        region_themes(world), json=THEME, headers=world.auth("admin", **{"If-Match": etag})
    )
    assert clash.status_code == 409 and world.tenant in body(clash)["detail"]


def test_a_partnerships_lead_keeps_its_own_themes_under_the_taxonomys_etag(
    client: FlaskClient, world: World
) -> None:
    base = f"/api/v1/tenants/{world.tenant}/action-plan/themes"
    etag = client.get(base, headers=world.auth("officer")).headers["ETag"]
    assert etag == '"0"'
    theme = {**THEME, "code": "faith-leaders", "kind": "addressee", "label": "Faith leaders"}
    del theme["home_office_code"]
    assert (
        client.post(
            base, json=theme, headers=world.auth("officer", **{"If-Match": etag})
        ).status_code
        == 403
    )
    added = client.post(base, json=theme, headers=world.auth("lead", **{"If-Match": etag}))
    assert added.status_code == 201 and body(added)["home_office_code"] == "other-addressee"
    retire = {"on": "2020-01-01", "reason": "Not used"}
    stale = client.post(
        f"{base}/policy/retirement", json=retire, headers=world.auth("lead", **{"If-Match": etag})
    )
    assert stale.status_code == 412
    retired = client.post(
        f"{base}/policy/retirement",
        json=retire,
        headers=world.auth("lead", **{"If-Match": added.headers["ETag"]}),
    )
    assert retired.status_code == 200 and body(retired)["retired_on"] == "2020-01-01"
    bad = client.post(
        f"{base}/policy/retirement",
        json={**retire, "extra": 1},
        headers=world.auth("lead", **{"If-Match": retired.headers["ETag"]}),
    )
    assert bad.status_code == 422


def test_the_lead_sets_the_impact_review_interval(client: FlaskClient, world: World) -> None:
    base = f"/api/v1/tenants/{world.tenant}/action-plan/settings"
    now = client.get(base, headers=world.auth("officer"))
    assert body(now) == {"impact_review_months": 6} and now.headers["ETag"] == '"0"'
    change = {"months": 3, "reason": "Board asked for quicker checks"}
    r = client.post(
        f"{base}/impact-review-interval",
        json=change,
        headers=world.auth("lead", **{"If-Match": '"0"'}),
    )
    assert r.status_code == 200 and body(r) == {"impact_review_months": 3}
    again = client.post(
        f"{base}/impact-review-interval",
        json={**change, "months": 4},
        headers=world.auth("lead", **{"If-Match": '"0"'}),
    )
    assert again.status_code == 412
    too_long = client.post(
        f"{base}/impact-review-interval",
        json={**change, "months": 48},
        headers=world.auth("lead", **{"If-Match": r.headers["ETag"]}),
    )
    assert too_long.status_code == 422
