"""A case, an action and a pooled budget whose stored events were altered, on both stores: the
agency's pages and its API list, the Money page, the corrections page's cases, a group's master
plan and the national export leave them out and say how many, where one altered byte made each
a 500."""

from __future__ import annotations

import logging
from datetime import date

import jsonschema
import pytest
from flask.testing import FlaskClient

from domain.calendar import uk_today
from domain.learning.national_schema import export_schema
from domain.recording import acting_as
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.integration.test_audit_tampering import flip_a_byte
from tests.web.conftest import People, give_password, page_text, sign_in
from tests.web.test_unreadable_registers import (
    LEFT_OUT,
    notes_of,
    one_case_and_one_action_altered,
    sheet_text,
)


def test_the_agencys_pages_and_its_api_list_leave_out_what_cannot_be_read_and_say_so(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add("mid-police", "Police", "police", date(2015, 4, 1))
    one_case_and_one_action_altered(platform, people)
    agency = f"{people.names['officer']}-police"
    add_user(platform, agency, "agency_contributor", (), (people.region,), agency="mid-police")
    give_password(platform, agency)
    sign_in(visitor, agency)

    start = visitor.get(f"/regions/{people.region}/agency-work")
    home = visitor.get(f"/partnerships/{people.tenant}/agency-work")
    token = platform.access.issue_token(agency).secret
    bearer = {"Authorization": f"Bearer {token}"}
    listed = visitor.get(f"/api/v1/tenants/{people.tenant}/agency-work", headers=bearer)
    regions = visitor.get(f"/api/v1/regions/{people.region}/agency-work", headers=bearer)

    assert start.status_code == 200, start.data[:300]
    assert "2 records of the region’s partnerships " + LEFT_OUT.format("are") in page_text(
        start.data
    )
    assert home.status_code == 200, home.data[:300]
    shown = page_text(home.data)
    assert "2 records of Northtown " + LEFT_OUT.format("are") in shown
    assert "Readable brief" in shown and "Unreadable brief" not in shown
    assert listed.status_code == 200, listed.data
    assert listed.json is not None and listed.json["unreadable"] == 2
    assert [a["description"] for a in listed.json["actions"]] == ["Readable brief"]
    assert regions.status_code == 200, regions.data
    by_tenant = {w["tenant"]: w["unreadable"] for w in regions.json or []}
    assert by_tenant == {people.tenant: 2, people.neighbour: 0}


def test_the_money_page_lists_the_costs_it_can_read_and_says_what_it_left_out(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    one_case_and_one_action_altered(platform, people)
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.costs.estimate(ledger.reviews.id_for("OK-1"), "chair", 1_200_000, date(2019, 3, 1))
    sign_in(visitor, people.names["officer"])

    money = visitor.get(f"/partnerships/{people.tenant}/money")

    assert money.status_code == 200, money.data[:300]
    shown = page_text(money.data)
    assert "1 record of your partnership " + LEFT_OUT.format("is") in shown
    assert "OK-1" in shown and "£12,000" in shown and "ALT-1" not in shown


def test_the_money_page_leaves_out_a_pooled_budget_it_cannot_read_and_says_so(
    visitor: FlaskClient, platform: Platform, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    """One altered byte in a pot the partnership holds made its whole Money page a 500; the
    page now lists the pots it can read, says one was left out, and the log names it by id."""
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        kept = ledger.pooled.open("KEPT-POT", "Readable pot", "Kept office", date(2019, 4, 1))
        ledger.pooled.add_partner(kept, "police", "Northshire Police", date(2019, 4, 1))
        altered = ledger.pooled.open("ALT-POT", "Altered pot", "Altered office", date(2019, 4, 1))
    flip_a_byte(platform, people.tenant, altered, 1)
    sign_in(visitor, people.names["officer"])

    with caplog.at_level(logging.WARNING, logger="tenants.unreadable"):
        money = visitor.get(f"/partnerships/{people.tenant}/money")

    assert money.status_code == 200, money.data[:300]
    shown = page_text(money.data)
    pots = shown.split("Pooled budgets the partnership holds", 1)[1].split("What the reviews cost")[
        0
    ]
    assert "1 record of your partnership " + LEFT_OUT.format("is") in pots
    assert "Readable pot" in pots and "Kept office" in pots
    assert "Altered pot" not in shown and "holds no pooled budget" not in shown
    logged = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    assert any(str(altered) in m and people.tenant in m for m in logged), logged
    assert not any("Altered" in m or "ALT-POT" in m for m in logged)  # ids, never content
    assert not any(str(kept) in m for m in logged)


def test_the_corrections_page_lists_the_cases_it_can_read_and_says_what_it_left_out(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    one_case_and_one_action_altered(platform, people)
    sign_in(visitor, people.names["lead"])

    cases = visitor.get(f"/partnerships/{people.tenant}/corrections")

    assert cases.status_code == 200, cases.data[:300]
    shown = page_text(cases.data)
    assert "1 record of your partnership " + LEFT_OUT.format("is") in shown
    assert "OK-1" in shown and "ALT-1" not in shown


def test_a_groups_master_plan_and_its_downloads_leave_out_what_one_member_cannot_read(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    one_case_and_one_action_altered(platform, people)
    with acting_as("opcc-1"), platform.region_ledgers.lease(people.region) as region:
        region.partners.add("mid-council", "Midshire Council", "county_council", date(2015, 4, 1))
        region.groups.form(
            "mid-board", "Midshire DA board", "board", "mid-council",
            [people.tenant, people.neighbour], date(2020, 4, 1),
        )  # fmt: skip
    sign_in(visitor, people.names["regional"])
    group = f"/regions/{people.region}/groups/mid-board"
    token = platform.access.issue_token(people.names["regional"]).secret

    page = visitor.get(group)
    xlsx = visitor.get(f"{group}/downloads/master-action-plan.xlsx")
    csv = visitor.get(f"{group}/downloads/master-action-plan.csv")
    paper = visitor.get(f"{group}/papers/master-action-plan.html")
    api = visitor.get(
        f"/api/v1{group}/master-action-plan", headers={"Authorization": f"Bearer {token}"}
    )

    for got in (page, xlsx, csv, paper, api):
        assert got.status_code == 200, got.data[:300]
    said = "1 record of Northtown " + LEFT_OUT.format("is")
    shown = page_text(page.data)
    assert said in shown and "Readable brief" in shown and "Unreadable brief" not in shown
    assert said in notes_of(xlsx.data)["Left out"]
    assert "Unreadable brief" not in sheet_text(xlsx.data)
    named = f"mid-board-master-action-plan-{uk_today().isoformat()}-1-left-out.csv"
    assert named in csv.headers["Content-Disposition"]
    assert said in page_text(paper.data)
    assert api.json is not None and api.json["unreadable"] == 1
    assert [line["description"] for line in api.json["lines"]] == ["Readable brief"]


def test_the_national_export_counts_what_it_left_out_in_its_json_its_header_and_its_name(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    one_case_and_one_action_altered(platform, people)
    analyst = f"{people.names['officer']}-national"
    add_user(platform, analyst, "national_analyst", (), ())
    give_password(platform, analyst)
    token = platform.access.issue_token(analyst).secret
    bearer = {"Authorization": f"Bearer {token}"}
    url = "/api/v1/national/learning-export"

    exported = visitor.get(url, query_string={"since": "2019-01"}, headers=bearer)
    csv = visitor.get(url, query_string={"since": "2019-01", "format": "csv"}, headers=bearer)
    sign_in(visitor, analyst)
    page = visitor.get("/national-learning?month=1&year=2019&format=csv")

    assert exported.status_code == 200, exported.data[:300]
    document = exported.json
    jsonschema.validate(document, export_schema())
    assert document is not None and document["unreadable"] == 2  # the case, and the action
    assert exported.headers["Unreadable-Records"] == "2"
    assert csv.status_code == 200 and csv.headers["Unreadable-Records"] == "2"
    assert "national-learning-2-left-out.csv" in csv.headers["Content-Disposition"]
    assert page.status_code == 200
    assert "national-learning-from-2019-01-2-left-out.csv" in page.headers["Content-Disposition"]


def test_the_money_page_says_a_pot_held_for_the_region_could_not_be_read(
    visitor: FlaskClient, platform: Platform, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    """One altered byte in a pot the OPCC holds for the region made the Money page of every
    partnership in it a 500; it now lists the region's pots it can read and says one was
    left out, which the partnership may pay into."""
    joined = date(2019, 4, 1)
    with acting_as("opcc-1"), platform.region_ledgers.lease(people.region) as region:
        region.partners.add("northtown", "Northtown CSP", "csp", joined, tenant=people.tenant)
        kept = region.pooled.open("R-KEPT", "Regional readable pot", "OPCC", joined)
        altered = region.pooled.open("R-ALT", "Regional altered pot", "OPCC", joined)
        for pot in (kept, altered):
            region.pooled.add_partner(pot, "northtown", "", joined)
    flip_a_byte(platform, f"@{people.region}", altered, 1)
    sign_in(visitor, people.names["officer"])

    with caplog.at_level(logging.WARNING, logger="tenants.unreadable"):
        money = visitor.get(f"/partnerships/{people.tenant}/money")

    assert money.status_code == 200, money.data[:300]
    held = page_text(money.data).split("Pots held for", 1)[1].split("Grants to the partnership")[0]
    assert "Regional readable pot" in held and "Regional altered pot" not in held
    assert "1 record held for " in held and "which the partnership may pay into" in held
    assert "pays into no pot" not in held
    logged = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    assert any(str(altered) in m and f"region {people.region}" in m for m in logged), logged
