"""Corrections through HTTP on both stores: a lead puts a mis-keyed fact right, with a reason,
and the case, its timeliness, the regional views and the history all follow."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from projections.catchup import catch_up
from projections.model import REGISTRY_SOURCE
from projections.sources import Sources
from projections.views import all_models
from tenants.platform import Platform
from tests.api.conftest import World, body, views_of
from tests.api.test_end_to_end import Http
from tests.api.test_pooled import open_pool
from tests.api.test_pooled import post as post_pool


def catch_up_views(app: Flask, platform: Platform, *tenants: str) -> None:
    """What ``ledger projections run`` does, for the registry and this test's own tenants only
    (on PostgreSQL, other tests' tenants share the database, some deliberately damaged)."""
    views = views_of(app, platform)
    models = all_models()
    sources = Sources(platform, frozenset().union(*(m.topics_of_interest() for m in models)))
    for source in (REGISTRY_SOURCE, *tenants):
        catch_up(views, models, sources, source)


CASE = {
    "reference": "CORR-1",
    "incident_on": "2025-01-10",
    "notified_on": "2025-02-12",
    "pseudonym": "Corr",
    "kind": "dhr",
    "death_category": "intimate_partner_homicide",
}


def correct(http: Http, resource: str, data: dict[str, Any], who: str = "lead") -> Any:
    etag = http.get(resource, "lead").headers["ETag"]
    return http.client.post(
        f"{http.base}{resource}/corrections",
        json=data,
        headers=http.world.auth(who, **{"If-Match": etag}),
    )


def recommended(http: Http, review: str) -> dict[str, Any]:
    """A single-agency recommendation of the review (its id, not its path), made 1 March 2025."""
    return http.create(
        f"/reviews/{review}/recommendations",
        {
            "on": "2025-03-01",
            "reference": "1",
            "text": "Train staff",
            "scope": "single_agency",
            "theme_codes": ["training"],
            "target_sector": "health",
        },
    )


def decided_case(http: Http) -> str:
    case = f"/reviews/{http.create('/reviews', CASE)['id']}"
    http.command(case, "decision", {"on": "2025-02-20", "outcome": "hold", "reason": "x"})
    return case


def test_a_corrected_incident_date_flows_into_case_timeliness_views_and_history(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)
    why = "typed the date of the first police call"

    r = correct(http, case, {"field": "incident_on", "value": "2025-02-01", "reason": why})

    assert r.status_code == 200, body(r)
    assert body(r)["incident_on"] == "2025-02-01"
    assert body(http.get(f"{case}/timeliness?as_of=2025-03-01"))["days_to_decision"] == 19
    history = body(http.get(f"{case}/history", "auditor"))
    fix = history[-1]
    assert fix["event"] == "Corrected" and fix["data"]["reason"] == why
    assert (fix["data"]["previous"], fix["data"]["value"]) == ("2025-01-10", "2025-02-01")
    lead = body(client.get("/api/v1/me", headers=world.auth("lead")))["id"]
    assert fix["recorded_by"] == lead and history[0]["data"]["incident_on"] == "2025-01-10"
    assert fix["correction"]["replaced"] == "2025-01-10" and fix["correction"]["reason"] == why
    # every report made between the notification and the correction used the old date
    stood_from = fix["correction"]["replaced_value_recorded_at"]
    assert stood_from[:19] == history[0]["recorded_at"][:19]
    assert history[0]["correction"] is None
    catch_up_views(app, platform, world.tenant)
    view = body(
        client.get(
            f"/api/v1/regions/{world.region}/views/timeliness?tenant={world.tenant}",
            headers=world.auth("regional"),
        )
    )
    assert view["rows"][0]["to_decision"]["worst_days"] == 19


def test_a_correction_that_breaks_a_rule_is_refused_like_the_original_command(
    client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)
    before = http.get(case).headers["ETag"]

    after_decision = correct(
        http, case, {"field": "incident_on", "value": "2025-02-25", "reason": "x"}
    )
    no_reason = correct(http, case, {"field": "incident_on", "value": "2025-02-01", "reason": ""})
    unknown = correct(http, case, {"field": "reference", "value": "X", "reason": "x"})
    officer = correct(http, case, {"field": "pseudonym", "value": "FN", "reason": "x"}, "officer")

    assert (
        after_decision.status_code == 422
        and "before the incident" in body(after_decision)["detail"]
    )
    assert no_reason.status_code == 422 and unknown.status_code == 422
    assert "incident_on" in body(unknown)["detail"]
    assert officer.status_code == 403
    assert http.get(case).headers["ETag"] == before  # nothing was recorded


def test_the_draft_the_family_received_is_not_corrected_to_after_their_receipt(
    client: FlaskClient, world: World
) -> None:
    """422 naming both dates and what to do instead, and nothing recorded; a date on or
    before the receipt is taken."""
    http = Http(client, world)
    case = decided_case(http)
    http.command(case, "drafts", {"on": "2025-03-01", "document": "overview_report"})
    http.command(case, "family-involvement", {"on": "2025-03-10", "milestone": "received_draft"})
    before = http.get(case).headers["ETag"]

    late = correct(
        http, case, {"field": "overview_report_drafted_on", "value": "2025-03-15", "reason": "x"}
    )

    assert late.status_code == 422, body(late)
    assert body(late)["detail"] == (
        "The family received the overview report draft on 2025-03-10, so it cannot be dated "
        "2025-03-15. Give the day it was drafted, 2025-03-10 or earlier; if the report was "
        "revised after the family received it, record the revised draft instead."
    )
    assert http.get(case).headers["ETag"] == before  # nothing was recorded
    fixed = correct(
        http, case, {"field": "overview_report_drafted_on", "value": "2025-03-05", "reason": "x"}
    )
    assert fixed.status_code == 200, body(fixed)
    assert http.get(case).json["overview_report_drafted_on"] == "2025-03-05"


def test_a_pseudonym_shaped_like_a_real_name_is_corrected_only_when_confirmed(
    client: FlaskClient, world: World
) -> None:
    """As when the case was opened: a real name must never reach the case history, where
    nothing is erased; the pseudonym agreed with the family is kept when confirmed."""
    http = Http(client, world)
    case = decided_case(http)
    before = http.get(case).headers["ETag"]
    fix = {"field": "pseudonym", "value": "Jane Smithfield", "reason": "typed the wrong name"}

    refused = correct(http, case, fix)
    assert refused.status_code == 422, body(refused)
    assert "looks like a real full name" in body(refused)["detail"]
    assert http.get(case).headers["ETag"] == before
    confirmed = correct(http, case, {**fix, "pseudonym_confirmed": True})
    assert confirmed.status_code == 200, body(confirmed)
    assert body(confirmed)["pseudonym"] == "Jane Smithfield"


def test_a_corrected_date_lies_in_the_window_every_api_date_does(
    client: FlaskClient, world: World
) -> None:
    """An action or an IMR due in 2099 is refused when planned or requested (422, the window
    of every date the API takes); so is a correction to it, the record unchanged."""
    http = Http(client, world)
    case = decided_case(http)
    review = case.rsplit("/", 1)[-1]
    rec = recommended(http, review)
    planned = http.create(
        f"/recommendations/{rec['id']}/actions",
        {"owner": "Police", "description": "Train", "due_on": "2025-06-01"},
    )
    action = f"/actions/{planned['id']}"
    http.command(
        case, "imr-requests", {"on": "2025-03-01", "agency": "Police", "due_on": "2025-04-01"}
    )
    far = {"value": "2099-12-31", "reason": "keyed wrong"}

    for resource, field in ((action, "due_on"), (case, "imr.1.due_on")):
        before = http.get(resource).headers["ETag"]
        refused = correct(http, resource, {"field": field, **far})
        assert refused.status_code == 422, body(refused)
        assert body(refused)["errors"]["json"]["value"][0].startswith("Must be a date from 1990")
        assert http.get(resource).headers["ETag"] == before
    pause = {"paused_on": "2025-03-01", "resumed_on": "2099-01-01", "reason": "inquest"}
    refused = correct(http, case, {"field": "pause", "value": pause, "reason": "missed"})
    assert refused.status_code == 422, body(refused)


def test_a_correction_needs_the_etag_like_every_command(client: FlaskClient, world: World) -> None:
    http = Http(client, world)
    case = decided_case(http)
    url = f"{http.base}{case}/corrections"
    data = {"field": "pseudonym", "value": "FN", "reason": "not the agreed pseudonym"}
    assert client.post(url, json=data, headers=world.auth("lead")).status_code == 428
    stale = world.auth("lead", **{"If-Match": '"1"'})
    assert client.post(url, json=data, headers=stale).status_code == 412


def test_a_missing_past_pause_is_recorded_as_a_correction_and_moves_the_due_date(
    client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)
    http.command(case, "panel-meetings", {"on": "2025-04-01"})
    refused = http.client.post(
        f"{http.base}{case}/pause",
        json={"on": "2025-03-01", "reason": "criminal_trial"},
        headers=world.auth("officer", **{"If-Match": http.get(case).headers["ETag"]}),
    )
    assert refused.status_code == 409 and "correction" in body(refused)["detail"]

    pause = {"paused_on": "2025-02-21", "resumed_on": "2025-03-30", "reason": "criminal_trial"}
    r = correct(http, case, {"field": "pause", "value": pause, "reason": "trial not recorded"})

    assert r.status_code == 200, body(r)
    assert body(r)["pauses"][0]["resumed_on"] == "2025-03-30"
    timing = body(http.get(f"{case}/timeliness?as_of=2025-05-01"))
    assert timing["paused_days"] == 37 and timing["completion_due"] == "2025-09-16"
    straddles = {"paused_on": "2025-03-31", "resumed_on": "2025-04-10", "reason": "inquest"}
    r = correct(http, case, {"field": "pause", "value": straddles, "reason": "x"})
    assert r.status_code == 422 and "panel meeting" in body(r)["detail"]


def test_actions_recommendations_costs_and_contributions_take_corrections(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)
    review = case.rsplit("/", 1)[-1]
    rec = recommended(http, review)
    action = http.create(
        f"/recommendations/{rec['id']}/actions",
        {"owner": "Police", "description": "Train", "due_on": "2025-06-01"},
    )
    r = correct(
        http,
        f"/actions/{action['id']}",
        {"field": "due_on", "value": "2025-07-01", "reason": "misread"},
    )
    assert r.status_code == 200 and body(r)["due_on"] == "2025-07-01"
    early = correct(
        http, f"/actions/{action['id']}", {"field": "due_on", "value": "2025-01-01", "reason": "x"}
    )
    assert early.status_code == 422
    r = correct(
        http,
        f"/recommendations/{rec['id']}",
        {"field": "text", "value": "Train all staff", "reason": "typo"},
    )
    assert r.status_code == 200 and body(r)["text"] == "Train all staff"

    r = client.post(
        f"{http.base}{case}/costs/actuals",
        json={
            "on": "2025-03-05",
            "category": "chair",
            "amount": 500_000,
            "description": "invoice 1",
        },
        headers=world.auth("officer", **{"If-Match": "0"}),
    )
    assert r.status_code == 200, body(r)
    r = correct(
        http, f"{case}/costs", {"field": "actual.chair", "value": 50_000, "reason": "extra zero"}
    )
    assert r.status_code == 200 and body(r)["total_actual"] == 50_000
    catch_up_views(app, platform, world.tenant)
    money = body(
        client.get(
            f"/api/v1/regions/{world.region}/views/money?tenant={world.tenant}",
            headers=world.auth("regional"),
        )
    )
    assert money["rows"][0]["dhr_costs"] == 50_000


def pool_agreeing_30000(client: FlaskClient, world: World) -> tuple[str, str]:
    """A partnership's own pot with itself as partner, £30,000 agreed for 2015/16 on 1 April
    2015: the pot's address and its ETag."""
    pool, etag = open_pool(client, world)
    partner = {"on": "2015-04-01", "partner": world.tenant, "name": "Our CSP"}
    etag = post_pool(client, world, f"{pool}/partners", etag, partner).headers["ETag"]
    agreed = {"on": "2015-04-01", "partner": world.tenant, "year": "2015/16", "amount": 3_000_000}
    return pool, post_pool(client, world, f"{pool}/contributions", etag, agreed).headers["ETag"]


def test_a_corrected_agreed_contribution_moves_the_regional_money_on_its_own_date(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    pool, etag = pool_agreeing_30000(client, world)
    fix = {"field": f"agreed.{world.tenant}.2015/16", "value": 300_000, "reason": "extra zero"}

    officer = client.post(
        f"{pool}/corrections", json=fix, headers=world.auth("officer", **{"If-Match": etag})
    )
    r = client.post(
        f"{pool}/corrections", json=fix, headers=world.auth("lead", **{"If-Match": etag})
    )

    assert officer.status_code == 403 and r.status_code == 200, body(r)
    catch_up_views(app, platform, world.tenant)
    money = f"/api/v1/regions/{world.region}/views/money?tenant={world.tenant}"
    then = body(client.get(f"{money}&until=2015-04-30", headers=world.auth("regional")))
    assert then["total"]["pool_contributions_agreed"] == 300_000


def test_a_receipt_keyed_wrong_moves_the_money_view_by_the_difference_on_its_day(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    pool, etag = pool_agreeing_30000(client, world)
    paid = {"on": "2015-05-01", "partner": world.tenant, "year": "2015/16", "amount": 3_000_000}
    etag = post_pool(client, world, f"{pool}/receipts", etag, paid).headers["ETag"]
    listed = body(client.get(pool, headers=world.auth("lead")))["movements"]
    assert [(m["number"], m["kind"], m["amount"]) for m in listed] == [
        (1, "contribution", 3_000_000)
    ]
    fix = {"field": "movement.1.amount", "value": 2_000_000, "reason": "the bank says £20,000"}
    r = client.post(
        f"{pool}/corrections", json=fix, headers=world.auth("lead", **{"If-Match": etag})
    )
    assert r.status_code == 200, body(r)
    catch_up_views(app, platform, world.tenant)
    money = f"/api/v1/regions/{world.region}/views/money?tenant={world.tenant}"
    then = body(client.get(f"{money}&until=2015-05-31", headers=world.auth("regional")))
    assert then["total"]["pool_contributions_received"] == 2_000_000
    assert then["total"]["pool_reserve"] == 2_000_000


def test_dates_that_contradict_the_case_or_its_actions_are_refused_with_what_to_do(
    client: FlaskClient, world: World
) -> None:
    """A recommendation corrected to after its action is due, or before the death; a cost
    dated before the death: 422 with words saying what to do, and nothing recorded."""
    http = Http(client, world)
    case = decided_case(http)  # incident 10 January 2025
    review = case.rsplit("/", 1)[-1]
    rec = recommended(http, review)
    http.create(
        f"/recommendations/{rec['id']}/actions",
        {"owner": "Police", "description": "Train", "due_on": "2025-06-01"},
    )
    resource = f"/recommendations/{rec['id']}"
    after_due = correct(http, resource, {"field": "made_on", "value": "2025-06-02", "reason": "x"})
    before_death = correct(
        http, resource, {"field": "made_on", "value": "2025-01-09", "reason": "x"}
    )
    cost = client.post(
        f"{http.base}{case}/costs/actuals",
        json={"on": "2025-01-09", "category": "chair", "amount": 1, "description": "invoice"},
        headers=world.auth("officer", **{"If-Match": "0"}),
    )

    assert after_due.status_code == 422, body(after_due)
    assert body(after_due)["detail"] == (
        "The recommendation cannot have been made on 2025-06-02: one of its actions is due on "
        "2025-06-01. Use a date on or before 2025-06-01, or correct that action first."
    )
    assert before_death.status_code == 422
    assert (
        "before the incident the review is about (2025-01-10); use a date on or after"
        in (body(before_death)["detail"])
    )
    assert cost.status_code == 422
    assert body(cost)["detail"].startswith("The cost is dated 2025-01-09, before the incident")
    assert http.get(resource).json["made_on"] == "2025-03-01"
    assert client.get(f"{http.base}{case}/costs", headers=world.auth("officer")).status_code == 404


def test_a_target_sector_is_corrected_only_to_a_sector_of_the_taxonomy(
    client: FlaskClient, world: World
) -> None:
    """A sector the taxonomy does not know, or a theme in a sector's place, is refused as when
    the recommendation was made: 422 saying what to use, and the sector unchanged."""
    http = Http(client, world)
    review = decided_case(http).rsplit("/", 1)[-1]
    rec = recommended(http, review)
    resource = f"/recommendations/{rec['id']}"
    unknown = correct(http, resource, {"field": "target_sector", "value": "helth", "reason": "x"})
    a_theme = correct(
        http, resource, {"field": "target_sector", "value": "training", "reason": "x"}
    )

    assert unknown.status_code == 422, body(unknown)
    assert "'helth' is not a known addressee code" in body(unknown)["detail"]
    assert a_theme.status_code == 422, body(a_theme)
    assert "not an addressee code" in body(a_theme)["detail"]
    assert http.get(resource).json["target_sector"] == "health"
    moved = correct(
        http, resource, {"field": "target_sector", "value": "police", "reason": "misread"}
    )
    assert moved.status_code == 200, body(moved)
    assert body(moved)["target_sector"] == "police"


def test_one_cost_incurred_is_corrected_and_the_money_views_follow_its_amount_and_date(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)  # incident 10 January 2025
    etag = "0"
    for on, amount in (("2025-03-05", 500_000), ("2025-04-10", 200_000)):
        invoice = {"on": on, "category": "chair", "amount": amount, "description": "invoice"}
        r = client.post(
            f"{http.base}{case}/costs/actuals",
            json=invoice,
            headers=world.auth("officer", **{"If-Match": etag}),
        )
        etag = r.headers["ETag"]
    fix = {"field": "incurred.1.amount", "value": 50_000, "reason": "an extra zero"}
    r = correct(http, f"{case}/costs", fix)
    assert r.status_code == 200, body(r)
    assert body(r)["actuals"] == {"chair": 250_000} and body(r)["total_actual"] == 250_000
    moved = {"field": "incurred.2.incurred_on", "value": "2025-05-20", "reason": "its date"}
    r = correct(http, f"{case}/costs", moved)
    assert r.status_code == 200, body(r)
    assert [(i["number"], i["amount"], i["incurred_on"]) for i in body(r)["incurred"]] == [
        (1, 50_000, "2025-03-05"),
        (2, 200_000, "2025-05-20"),
    ]
    before_death = {"field": "incurred.1.incurred_on", "value": "2025-01-09", "reason": "x"}
    refused = correct(http, f"{case}/costs", before_death)
    assert refused.status_code == 422
    assert body(refused)["detail"].startswith("The cost is dated 2025-01-09, before the incident")

    catch_up_views(app, platform, world.tenant)
    money = f"/api/v1/regions/{world.region}/views/money?tenant={world.tenant}"

    def costs(since: str, until: str) -> tuple[int, int]:
        found = body(
            client.get(f"{money}&since={since}&until={until}", headers=world.auth("regional"))
        )
        return found["total"]["dhr_costs"], found["total"]["dhrs_costed"]

    assert costs("2025-03-01", "2025-03-31") == (50_000, 1)
    assert costs("2025-04-01", "2025-04-30") == (0, 0)  # the invoice was never dated April
    assert costs("2025-05-01", "2025-05-31") == (200_000, 1)


def test_a_commissionings_agreed_cost_is_corrected_and_its_history_keeps_the_wrong_one(
    client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)
    commission = {"on": "2025-03-01", "chair_ref": "CH-1", "author_ref": "AU-1"}
    http.command(case, "commission", commission | {"cost_pence": 8_500_000})
    fix = {"field": "commission.1.cost_pence", "value": 850_000, "reason": "an extra nought"}

    officer = correct(http, case, fix, "officer")
    r = correct(http, case, fix)
    again = correct(http, case, fix | {"field": "commission.2.cost_pence"})

    assert officer.status_code == 403 and r.status_code == 200, body(r)
    assert body(r)["agreed_cost_pence"] == 850_000
    assert body(r)["commissions"][0]["cost_pence"] == 850_000
    assert again.status_code == 409 and "no commissioning numbered 2" in body(again)["detail"]
    fixed = body(http.get(f"{case}/history", "auditor"))[-1]
    assert fixed["data"]["effective_on"] == "2025-03-01"
    assert fixed["correction"]["replaced"] == 8_500_000
    assert fixed["correction"]["replaced_value_recorded_at"] is not None  # when it was agreed


def test_panel_and_imr_dates_are_corrected_and_the_timeliness_and_late_imrs_follow(
    app: Flask, platform: Platform, client: FlaskClient, world: World
) -> None:
    http = Http(client, world)
    case = decided_case(http)  # incident 10 January 2025, decided 20 February 2025
    police = "Midshire Police"
    http.command(case, "panel-meetings", {"on": "2025-03-10"})
    http.command(case, "panel-meetings", {"on": "2025-04-01"})
    imr = {"on": "2025-02-25", "agency": police, "due_on": "2025-03-25"}
    http.command(case, "imr-requests", imr)
    http.command(case, "imr-returns", {"on": "2025-04-04", "agency": police})
    catch_up_views(app, platform, world.tenant)
    view = f"/api/v1/regions/{world.region}/views/timeliness?tenant={world.tenant}"

    def timeliness() -> tuple[int, int]:
        found = body(client.get(view, headers=world.auth("regional")))
        (agency,) = found["imrs_by_agency"]
        return found["rows"][0]["to_first_panel"]["worst_days"], agency["days_late"]

    assert timeliness() == (59, 10)
    due = correct(http, case, {"field": "imr.1.due_on", "value": "2025-04-04", "reason": "x"})
    panel = {"field": "panel_meeting.1.met_on", "value": "2025-04-08", "reason": "minutes"}
    moved = correct(http, case, panel)
    early = correct(
        http, case, {"field": "imr.1.received_on", "value": "2025-02-24", "reason": "x"}
    )
    unknown = correct(http, case, {"field": "imr.2.due_on", "value": "2025-04-04", "reason": "x"})

    assert due.status_code == 200 and moved.status_code == 200, body(moved)
    assert body(moved)["panel_meetings"] == ["2025-04-08", "2025-04-01"]
    assert body(due)["imrs"][0]["due_on"] == "2025-04-04"
    assert early.status_code == 422 and "before the IMR request" in body(early)["detail"]
    assert unknown.status_code == 409 and "request the IMR instead" in body(unknown)["detail"]
    catch_up_views(app, platform, world.tenant)
    assert timeliness() == (81, 0)  # the first meeting is now 1 April; the IMR was on time
