"""Done-when for the API: a DHR from notification to publication, with recommendations,
actions, a grant and costs, recorded through HTTP alone; then the regional view and history."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from projections.catchup import catch_up
from projections.model import REGISTRY_SOURCE
from projections.sources import Sources
from projections.views import all_models
from tenants.platform import Platform
from tests.api.conftest import World, body, views_of


class Http:
    def __init__(self, client: FlaskClient, world: World) -> None:
        self.client, self.world = client, world
        self.base = f"/api/v1/tenants/{world.tenant}"

    def get(self, path: str, who: str = "officer") -> Any:
        r = self.client.get(self.base + path, headers=self.world.auth(who))
        assert r.status_code == 200, (path, body(r))
        return r

    def create(self, path: str, data: dict[str, Any], who: str = "officer") -> Any:
        r = self.client.post(self.base + path, json=data, headers=self.world.auth(who))
        assert r.status_code == 201, (path, body(r))
        return body(r)

    def command(self, resource: str, step: str, data: dict[str, Any], who: str = "officer") -> Any:
        etag = self.get(resource, who).headers["ETag"]
        r = self.client.post(
            f"{self.base}{resource}/{step}",
            json=data,
            headers=self.world.auth(who, **{"If-Match": etag}),
        )
        assert r.status_code == 200, (step, body(r))
        return body(r)


def catch_up_views(app: Flask, platform: Platform) -> None:
    views = views_of(app, platform)
    models = all_models()
    sources = Sources(platform, frozenset().union(*(m.topics_of_interest() for m in models)))
    for source in (REGISTRY_SOURCE, *sources.tenants()):
        catch_up(views, models, sources, source)


def run_the_case(http: Http) -> tuple[str, str, str]:
    review = http.create(
        "/reviews",
        {
            "reference": "DHR-2015-07",
            "incident_on": "2015-01-05",
            "notified_on": "2015-01-12",
            "pseudonym": "Mary",
            "kind": "dhr",
            "death_category": "intimate_partner_homicide",
            "victim_age_band": "35-44",
            "victim_sex": "female",
            "perpetrator_relationship": "intimate_partner",
        },
    )
    case = f"/reviews/{review['id']}"
    http.command(case, "decision", {"on": "2015-02-02", "outcome": "hold"})
    http.command(case, "home-office-notification", {"on": "2015-02-03"})
    http.command(
        case,
        "commission",
        {
            "on": "2015-03-01",
            "chair_ref": "chair-1",
            "author_ref": "chair-1",
            "cost_pence": 850_000,
        },
    )
    http.command(case, "panel-meetings", {"on": "2015-04-10"})
    http.command(case, "imr-requests", {"on": "2015-04-11", "agency": "Police"})
    http.command(
        case, "imr-returns", {"on": "2015-06-01", "agency": "Police", "with_chronology": True}
    )
    http.command(case, "family-involvement", {"on": "2015-06-10", "milestone": "contributed"})
    http.command(case, "drafts", {"on": "2015-09-01", "document": "overview_report"})
    http.command(case, "drafts", {"on": "2015-09-01", "document": "executive_summary"})
    http.command(case, "action-plan-agreement", {"on": "2015-09-10"})
    http.command(case, "submission", {"on": "2015-09-20"}, who="lead")
    http.command(
        case, "qa-feedback", {"on": "2015-11-01", "points": [{"number": 1, "summary": "Add GP"}]}
    )
    http.command(
        case,
        "resubmission",
        {"on": "2015-12-01", "answers": [{"number": 1, "response": "Added"}]},
        who="lead",
    )
    http.command(case, "approval", {"on": "2016-01-15"})
    published = http.command(case, "publication", {"on": "2016-02-01"}, who="lead")
    assert published["status"] == "published"
    return review["id"], case, published["pseudonym"]


def test_a_dhr_from_notification_to_publication_over_http(
    app: Flask, client: FlaskClient, world: World, platform: Platform
) -> None:
    http = Http(client, world)
    review_id, case, _ = run_the_case(http)
    themes = [t["code"] for t in body(http.get("/action-plan/themes?kind=theme"))][:2]
    sectors = [t["code"] for t in body(http.get("/action-plan/themes?kind=addressee"))][:1]
    http.create(
        f"{case}/findings", {"on": "2015-09-01", "text": "Risk not shared", "theme_codes": themes}
    )
    http.command(
        f"{case}/findings",
        "judgement",
        {"on": "2015-09-01", "predictable": "no", "preventable": "yes"},
    )
    rec = http.create(
        f"{case}/recommendations",
        {
            "on": "2015-09-10",
            "reference": "R1",
            "text": "Train GPs in DASH",
            "scope": "multi_agency",
            "theme_codes": themes,
            "target_sector": sectors[0],
        },
    )
    action = http.create(
        f"/recommendations/{rec['id']}/actions",
        {"owner": "CCG", "description": "Deliver training", "due_on": "2016-03-31"},
    )
    act = f"/actions/{action['id']}"
    http.command(act, "start", {"on": "2015-10-01"})
    http.command(act, "progress", {"on": "2015-12-01", "text": "Half the practices trained"})
    http.command(act, "completion", {"on": "2016-03-01"})
    assert (
        http.command(act, "completion-confirmation", {"on": "2016-03-05"}, who="lead")["status"]
        == "completion_confirmed"
    )
    http.command(act, "impact-review", {"on": "2016-09-01", "outcome": "embedded"})
    assert len(body(http.get(f"/recommendations/{rec['id']}/actions"))) == 1

    line = http.create(
        "/funding/budget-lines",
        {
            "on": "2013-06-01",
            "reference": "ITS-2013",
            "name": "Invest to Save",
            "owner": "PCC",
            "financial_year": "2013/14",
            "ceiling": 35_000_000,
        },
    )
    grant = f"/funding/budget-lines/{line['id']}"
    http.command(
        grant,
        "business-cases",
        {
            "on": "2013-06-10",
            "reference": "BC-1",
            "title": "DHR learning",
            "submitted_by": "HOCS group",
            "lines": [
                {"purpose": "research", "pence": 2_000_000},
                {"purpose": "learning", "pence": 3_000_000},
            ],
        },
    )
    http.command(
        grant,
        "decisions",
        {
            "on": "2013-07-01",
            "number": "036/2013",
            "decision_maker": "PCC",
            "approved": 3_000_000,
            "case_reference": "BC-1",
            "conditions": ["reconsider after tender"],
        },
    )
    http.command(
        grant,
        "allocations",
        {"on": "2013-07-10", "number": "036/2013", "tenant": world.tenant, "amount": 3_000_000},
    )
    paid = http.command(
        grant,
        "payments",
        {"on": "2013-08-01", "number": "036/2013", "tenant": world.tenant, "amount": 1_000_000},
    )
    assert paid["allocations"][0]["paid"] == 1_000_000 and paid["committed"] == 3_000_000
    fix = {"field": "payment.1.amount", "value": 100_000, "reason": "keyed £10,000 for £1,000"}
    etag = http.get(grant).headers["ETag"]
    by_officer = client.post(  # corrections are the lead's, as for the case's facts
        f"{http.base}{grant}/corrections",
        json=fix,
        headers=world.auth("officer", **{"If-Match": etag}),
    )
    assert by_officer.status_code == 403
    fixed = http.command(grant, "corrections", fix, "lead")
    assert [p["amount"] for p in fixed["payments_recorded"]] == [100_000]
    assert fixed["allocations"][0]["paid"] == 100_000
    history = body(http.get(f"{grant}/history", "lead"))
    (corrected,) = [e for e in history if e.get("correction")]
    assert corrected["correction"]["replaced"] == 1_000_000
    assert corrected["correction"]["replaced_value_recorded_at"] is not None  # when it was paid
    r = client.post(
        f"{http.base}{case}/costs/estimates",
        json={"on": "2015-03-01", "category": "chair", "amount": 850_000},
        headers=world.auth("officer"),
    )
    assert r.status_code == 200 and body(r)["total_estimate"] == 850_000

    catch_up_views(app, platform)  # what `ledger projections run` keeps doing in the background
    region = f"/api/v1/regions/{world.region}/views"
    counts = body(client.get(f"{region}/dhr-counts", headers=world.auth("regional")))
    ours = next(row for row in counts["rows"] if row["tenant"] == world.tenant)
    assert ours["notified"] == ours["commenced"] == ours["completed"] == 1
    shared = body(client.get(f"{region}/themes", headers=world.auth("regional")))
    assert {t["theme"] for t in shared["themes"]} >= set(themes)
    then = body(
        client.get(f"{region}/dhr-counts?as_of={date.today()}", headers=world.auth("regional"))
    )
    assert then["rows"] == counts["rows"]  # rebuilt from history as of a day: here, today's view
    cash = body(client.get(f"{region}/money", headers=world.auth("region_auditor")))
    ours = next(r for r in cash["rows"] if r["tenant"] == world.tenant)
    assert ours["grants_paid"] == 100_000  # as corrected above
    assert "pseudonym" not in str(counts) and "Mary" not in str(counts) + str(shared)

    history = body(client.get(f"{http.base}{case}/history", headers=world.auth("auditor")))
    assert [e["event"] for e in history][:2] == ["Notified", "Decided"] and history[-1][
        "event"
    ] == "Published"
    lead_id = body(client.get("/api/v1/me", headers=world.auth("lead")))["id"]
    assert history[-1]["recorded_by"] == lead_id


def test_an_auditor_can_prove_the_history_was_not_altered(
    platform: Platform, client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    run_the_case(http)
    with platform.ledgers.lease(world.tenant, writing=False) as ledger:
        platform.audit.seal(ledger)  # `ledger audit seal`, run on a schedule
    seals = body(client.get(f"{http.base}/audit/seals", headers=world.auth("auditor")))
    assert len(seals) == 1 and seals[0]["events"] > 0
    proof = body(client.get(f"{http.base}/audit/verification", headers=world.auth("auditor")))
    assert proof["intact"] is True and proof["events_checked"] >= seals[0]["events"]
