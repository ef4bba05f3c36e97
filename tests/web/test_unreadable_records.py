"""Records whose stored events were altered, on both stores: the pages that read many records
of many partnerships (earlier recommendations, the drafting panel, the region's repeats and
dashboard, the API's lookups, the auditor's partnership page) leave them out, say so and log
them by id, where one altered byte used to fail every such page of every partnership."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.actionplan import Scope
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.platform import Platform
from tests.integration.test_audit_tampering import flip_a_byte
from tests.web.conftest import People, csrf, page_text, sign_in, sign_in_with_code
from tests.web.test_learning_pages import TEXT, plant


def two_records_altered(platform: Platform, people: People) -> tuple[UUID, UUID]:
    """``plant``'s recommendations (one of ours, one of the neighbour's, published), and two
    more of ours: one whose own first event is altered, one whose action's is."""
    plant(platform, people)
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.id_for("LRN-1")
        altered_rec, with_altered_action = (
            ledger.recommendations.make(
                review,
                ref,
                f"{TEXT} ({ref})",
                Scope.MULTI_AGENCY,
                date(2018, 2, 1),
                ["coercive-control"],
                target_sector="police",
            )  # fmt: skip
            for ref in ("R2", "R3")
        )
        action = ledger.actions.plan(
            with_altered_action, "Police", "Brief", date(2018, 2, 1) + timedelta(days=90)
        )
    flip_a_byte(platform, people.tenant, altered_rec, 1)
    flip_a_byte(platform, people.tenant, action, 1)
    return altered_rec, action


def test_earlier_recommendations_leave_out_what_cannot_be_read_and_say_so(
    web_app: Flask, platform: Platform, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    altered, action = two_records_altered(platform, people)
    clients = {}
    for who in ("officer", "neighbour_officer"):
        clients[who] = web_app.test_client()
        sign_in(clients[who], people.names[who])
    query = {"text": TEXT, "theme": "coercive-control"}

    with caplog.at_level(logging.WARNING, logger="tenants.unreadable"):
        ours = clients["officer"].get(
            f"/partnerships/{people.tenant}/earlier-recommendations", query_string=query
        )
    theirs = clients["neighbour_officer"].get(
        f"/partnerships/{people.neighbour}/earlier-recommendations", query_string=query
    )

    assert ours.status_code == 200 and theirs.status_code == 200
    shown = page_text(ours.data)
    assert "2 records of your partnership could not be read and are left out" in shown
    assert "ask your auditor to verify the partnership’s integrity" in shown
    assert "Northtown Your partnership" in shown and "Southtown Your region, published" in shown
    assert f"{TEXT} (R3)" not in shown  # left out with its action: its outcome is unknown
    seen = page_text(theirs.data)
    assert "2 records of other partnerships could not be read and are left out" in seen
    assert "Southtown Your partnership" in seen  # the neighbour's own still found
    assert "your partnership could not be read" not in seen
    logged = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    assert any(str(altered) in m and people.tenant in m for m in logged), logged
    assert any(str(action) in m for m in logged), logged
    assert not any(TEXT in m or "Brief" in m for m in logged)  # ids, never content


def test_the_api_lookup_and_the_regions_repeats_count_what_they_left_out(
    web_app: Flask, platform: Platform, people: People
) -> None:
    two_records_altered(platform, people)
    client: FlaskClient = web_app.test_client()
    token = {
        who: platform.access.issue_token(people.names[who]).secret
        for who in ("officer", "neighbour_officer", "regional")
    }
    draft = {"text": TEXT, "theme_codes": ["coercive-control"], "target_sector": "police"}

    ours, theirs = (
        client.post(
            f"/api/v1/tenants/{tenant}/learning/similar-recommendations",
            json=draft,
            headers={"Authorization": f"Bearer {token[who]}"},
        )
        for who, tenant in (("officer", people.tenant), ("neighbour_officer", people.neighbour))
    )
    repeats = client.get(
        f"/api/v1/regions/{people.region}/learning/repeated-recommendations",
        headers={"Authorization": f"Bearer {token['regional']}"},
    )

    assert ours.status_code == 200, ours.data
    assert (ours.json["unreadable_own"], ours.json["unreadable_others"]) == (2, 0)  # type: ignore[index]
    assert {m["partnership"] for m in ours.json["matches"]} == {"Northtown", "Southtown"}  # type: ignore[index]
    assert theirs.status_code == 200, theirs.data
    assert (theirs.json["unreadable_own"], theirs.json["unreadable_others"]) == (0, 2)  # type: ignore[index]
    assert repeats.status_code == 200, repeats.data
    assert repeats.json["unreadable"] == 2 and repeats.json["recommendations"] == 2  # type: ignore[index]


def test_the_regional_lead_still_sees_the_repeats_and_the_dashboard(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    two_records_altered(platform, people)
    sign_in(visitor, people.names["regional"])

    repeats = visitor.get(f"/regions/{people.region}/repeated-recommendations")
    board = visitor.get(f"/regions/{people.region}/dashboard")

    assert repeats.status_code == 200
    shown = page_text(repeats.data)
    assert "2 recommendations, 2 partnerships, 2016 to 2018" in shown
    assert "2 records of the region’s partnerships could not be read and are left out" in shown
    assert board.status_code == 200
    assert "2 records of the region’s partnerships could not be read" in page_text(board.data)


def test_the_drafting_panel_still_shows_earlier_recommendations(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    two_records_altered(platform, people)
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        ours = record(ledger, DemoCase("OUR-2", "Anne", date(2019, 1, 3), Stage.UNDER_REVIEW))
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{ours}/recommendation"
    question = visitor.get(url).data

    page = visitor.post(
        url,
        data={
            "csrf_token": csrf(question),
            "text": TEXT,
            "themes": ["coercive-control"],
            "target_sector": "police",
            "preview": "yes",
        },
        follow_redirects=True,
    )

    assert page.status_code == 200
    panel = page_text(page.data).split("Earlier recommendations like this")[1]
    assert "2 records of your partnership could not be read and are left out" in panel
    assert "Southtown, 2016" in panel and "Northtown, 2018" in panel


def test_the_auditors_partnership_page_lists_a_case_it_cannot_read_apart(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        altered = ledger.reviews.notify(
            "DHR-ALT", date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
        ledger.reviews.notify(
            "DHR-OK", date(2024, 2, 1), date(2024, 2, 3), "GM", "dhr", "familial_homicide"
        )
    flip_a_byte(platform, people.tenant, altered, 1)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])

    page = visitor.get(f"/audit/partnerships/{people.tenant}")

    assert page.status_code == 200
    shown = page_text(page.data)
    assert "1 record of this partnership’s cases could not be read, so it is not in the table" in (
        shown
    )
    assert "DHR-OK" in shown and "GM" in shown  # the rest of the register reads as before
    assert "FN" not in shown
    history = f"/audit/partnerships/{people.tenant}/cases/{altered}"
    assert f'href="{history}"' in page.data.decode()
    assert "DHR-ALT history – cannot be read" in shown
    opened = visitor.get(history)
    assert opened.status_code == 200
    assert "1 event of this history cannot be read" in page_text(opened.data)
