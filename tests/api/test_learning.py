"""Similar earlier recommendations and the region's repeats, over HTTP on both stores.

Planted repeats in two other partnerships (one in the region, one in another region) must
rank first for a draft on identifying coercive control; a recommendation of another tenant's
unpublished review must never appear, however similar.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from flask.testing import FlaskClient

from domain.actionplan import ImpactOutcome, Scope
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.learning.regional import UNPUBLISHED
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tests.api.conftest import World, body

REPEAT = (
    "Police call handlers should identify coercive control at first contact using a routine "
    "enquiry question about controlling behaviour"
)
SECRET = (
    "Police call handlers should identify coercive control at first contact using routine "
    "enquiry about controlling behaviour - unpublished"
)
OURS = "Control room supervisors should check the call handlers ask about coercive control"
NOISE = (
    ("Record the household's make-up on every housing visit", ("record-keeping",), "housing"),
    ("Supervision that challenges professional optimism", ("workforce-culture",), "health"),
    (
        "Police should record who lives in the household at every call-out",
        ("record-keeping",),
        "police",
    ),
    (
        "Routine GP consultations include questions on finances",
        ("primary-care-early-identification",),
        "primary-care",
    ),
)
MADE = date(2016, 5, 1)


def _case(ledger: PartnershipLedger, reference: str, stage: Stage) -> UUID:
    return record(ledger, DemoCase(reference, "Anne", date(2015, 1, 10), stage))


def _recommend(
    ledger: PartnershipLedger,
    review: UUID,
    ref: str,
    text: str,
    themes: tuple[str, ...],
    sector: str,
    *,
    embedded: bool = False,
    made_on: date = MADE,
) -> UUID:
    rec = ledger.recommendations.make(
        review, ref, text, Scope.MULTI_AGENCY, made_on, list(themes), target_sector=sector
    )
    action = ledger.actions.plan(rec, "Police", "Brief call handlers", made_on + timedelta(days=90))
    if embedded:
        ledger.actions.complete(action, made_on + timedelta(days=60))
        ledger.actions.review_impact(action, made_on + timedelta(days=240), ImpactOutcome.EMBEDDED)
    return rec


def mark(world: World) -> str:
    """A word only this test's planted texts and drafts share (the PostgreSQL database, and so
    the national pool of published recommendations, is shared by every test)."""
    return "batch" + world.tenant.rsplit("-", 1)[-1]


def plant(platform: Platform, world: World) -> None:
    repeat, secret = f"{REPEAT} {mark(world)}", f"{SECRET} {mark(world)}"
    with acting_as("officer-1"):
        with platform.ledgers.lease(world.neighbour) as ledger:
            review = _case(ledger, "NEXT-DHR-01", Stage.PUBLISHED)
            _recommend(ledger, review, "R1", repeat, ("coercive-control",), "police", embedded=True)
            for n, (text, themes, sector) in enumerate(NOISE, start=2):
                _recommend(ledger, review, f"R{n}", text, themes, sector)
            hidden = _case(ledger, "NEXT-DHR-02", Stage.DRAFTED)
            _recommend(ledger, hidden, "R1", secret, ("coercive-control",), "police")
        with platform.ledgers.lease(world.stranger) as ledger:
            review = _case(ledger, "FAR-DHR-01", Stage.PUBLISHED)
            _recommend(
                ledger,
                review,
                "R1",
                repeat.replace("Police call handlers", "Call handlers"),
                ("coercive-control",),
                "police",
                made_on=date(2018, 2, 1),
            )
            _recommend(ledger, review, "R2", NOISE[0][0], NOISE[0][1], NOISE[0][2])


def _similar(client: FlaskClient, world: World, who: str = "officer", **draft: Any) -> Any:
    payload = {
        "text": f"Identify coercive control at first contact with the police {mark(world)}",
        "theme_codes": ["coercive-control"],
        "target_sector": "police",
        **draft,
    }
    response = client.post(
        f"/api/v1/tenants/{world.tenant}/learning/similar-recommendations",
        json=payload,
        headers=world.auth(who),
    )
    return response


def test_planted_repeats_in_two_partnerships_rank_first(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    plant(platform, world)
    response = _similar(client, world)
    assert response.status_code == 200, response.data
    matches = body(response)["matches"]
    assert len(matches) >= 3, "the partly similar noise is found too, lower down"
    first_two = matches[:2]
    assert {m["partnership"] for m in first_two} == {"Next CSP", "Far CSP"}
    assert {m["reach"] for m in first_two} == {"region", "national"}
    assert first_two[0]["score"] >= first_two[1]["score"] > matches[2]["score"]
    neighbour = next(m for m in first_two if m["reach"] == "region")
    assert neighbour["year"] == 2016
    assert neighbour["outcome"] == "embedded"
    assert neighbour["actions"] == {
        "actions": 1,
        "completed": 1,
        "impact_reviewed": 1,
        "embedded": 1,
    }
    assert neighbour["recommendation_id"] is None  # another partnership's: no ids to follow
    assert neighbour["theme_codes"] == ["coercive-control"] and neighbour["addressee"] == "police"


def test_an_unpublished_recommendation_of_another_tenant_never_appears(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    plant(platform, world)
    for who, draft in (
        ("officer", {"text": f"{SECRET} {mark(world)}", "limit": 50}),
        ("lead", {"text": "unpublished", "theme_codes": [], "target_sector": None}),
    ):
        matches = body(_similar(client, world, who, **draft))["matches"]
        assert all(m["published"] for m in matches)
        assert not any("unpublished" in m["text"] for m in matches)
    found = body(_similar(client, world, text=f"{SECRET} {mark(world)}", limit=50))["matches"]
    assert {m["partnership"] for m in found[:2]} == {"Next CSP", "Far CSP"}


def test_the_partnership_sees_its_own_unpublished_recommendations_with_their_ids(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    plant(platform, world)
    before = body(_similar(client, world, text=f"{OURS} {mark(world)}"))["matches"]
    assert all(m["reach"] != "own" for m in before)  # read (and cached) before ours is made
    with acting_as("officer-1"), platform.ledgers.lease(world.tenant) as ledger:
        review = _case(ledger, "OUR-DHR-01", Stage.UNDER_REVIEW)
        own = _recommend(
            ledger, review, "R1", f"{OURS} {mark(world)}", ("coercive-control",), "police"
        )
    matches = body(_similar(client, world, text=f"{OURS} {mark(world)}"))["matches"]
    assert matches[0]["reach"] == "own" and matches[0]["published"] is False
    assert matches[0]["recommendation_id"] == str(own)
    # the neighbour's officer reads the same draft and does not see ours (unpublished)
    response = client.post(
        f"/api/v1/tenants/{world.neighbour}/learning/similar-recommendations",
        json={"text": f"{OURS} {mark(world)}"},
        headers=world.auth("neighbour_officer"),
    )
    assert all(m["partnership"] != "Our CSP" for m in body(response)["matches"])


def test_the_lookup_is_refused_outside_the_readers_partnership_and_for_bad_drafts(
    client: FlaskClient, world: World
) -> None:
    assert _similar(client, world, "stranger_lead").status_code == 404
    assert _similar(client, world, "admin").status_code == 403  # never case content
    empty = _similar(client, world, text="", theme_codes=[])
    assert empty.status_code == 422
    assert "text" in body(empty)["detail"]
    assert _similar(client, world, limit=0).status_code == 422
    assert _similar(client, world, reference="R1").status_code == 422


def test_the_region_sees_repeats_across_partnerships_with_the_completion_flag(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    plant(platform, world)
    with acting_as("officer-1"), platform.ledgers.lease(world.tenant) as ledger:
        review = _case(ledger, "OUR-DHR-02", Stage.UNDER_REVIEW)
        # made again 18 months after the neighbour's action was completed
        _recommend(
            ledger, review, "R1", REPEAT, ("coercive-control",), "police", made_on=date(2017, 12, 1)
        )
    url = f"/api/v1/regions/{world.region}/learning/repeated-recommendations"
    response = client.get(url, headers=world.auth("regional"))
    assert response.status_code == 200, response.data
    found = body(response)
    top = found["clusters"][0]
    assert top["tenants"] == sorted([world.tenant, world.neighbour])
    assert top["themes"][0] == "coercive-control" and top["addressees"] == ["police"]
    assert top["recommended_again_after_completion"] is True
    assert top["actions"]["completed"] == 1 and top["actions"]["embedded"] == 1
    assert world.stranger not in {t for c in found["clusters"] for t in c["tenants"]}
    # an unpublished review's recommendation counts in its cluster, its words not shown
    members = [m for c in found["clusters"] for m in c["members"]]
    assert "unpublished" not in response.get_data(as_text=True)
    assert {m["text"] == UNPUBLISHED for m in members if not m["published"]} == {True}
    assert any(REPEAT in m["text"] for m in members if m["published"])
    cell = {(c["theme"], c["tenant"], c["year"]): c["recommendations"] for c in found["heat_map"]}
    assert cell[("coercive-control", world.neighbour, 2016)] == 2  # published and unpublished
    assert cell[("coercive-control", world.tenant, 2017)] == 1
    tight = client.get(url + "?within_years=1", headers=world.auth("regional"))
    assert body(tight)["clusters"][0]["recommended_again_after_completion"] is False
    assert client.get(url, headers=world.auth("officer")).status_code == 403
    assert client.get(url, headers=world.auth("other_regional")).status_code == 404
    assert client.get(url + "?threshold=2", headers=world.auth("regional")).status_code == 422


def test_the_regions_clusters_are_reused_until_a_partnerships_store_moves(
    platform: Platform, world: World
) -> None:
    from tenants.learning.corpus import RecommendationCorpus
    from tenants.learning.regional import region_learning

    plant(platform, world)
    corpus = RecommendationCorpus(platform)
    first = region_learning(corpus, world.region, 0.5, 3)
    assert region_learning(corpus, world.region, 0.5, 3) is first  # the dashboard's reloads
    assert region_learning(corpus, world.region, 0.5, 1) is not first  # another question
    with acting_as("officer-1"), platform.ledgers.lease(world.tenant) as ledger:
        review = _case(ledger, "OUR-DHR-09", Stage.UNDER_REVIEW)
        _recommend(ledger, review, "R1", REPEAT, ("coercive-control",), "police")
    assert region_learning(corpus, world.region, 0.5, 3) is first  # within the ten seconds
    corpus.of_tenant(platform.registry.tenant(world.tenant))  # as a lookup would, reading it again
    moved = region_learning(corpus, world.region, 0.5, 3)
    assert moved is not first and moved.recommendations == first.recommendations + 1
