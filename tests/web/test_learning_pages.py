"""The learning pages on both stores: a panel checks its draft against earlier recommendations,
and the regional lead sees the region's repeats."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient

from domain.actionplan import ImpactOutcome, Scope
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.platform import Platform
from tests.web.conftest import People, sign_in

TEXT = "Police call handlers should ask about coercive control at first contact"


def plant(platform: Platform, people: People) -> None:
    with acting_as("officer-1"):
        for tenant, stage, made in (
            (people.neighbour, Stage.PUBLISHED, date(2016, 5, 1)),
            (people.tenant, Stage.UNDER_REVIEW, date(2018, 1, 1)),
        ):
            with platform.ledgers.lease(tenant) as ledger:
                review = record(ledger, DemoCase("LRN-1", "Anne", date(2015, 1, 3), stage))
                rec = ledger.make_recommendation(
                    review, "R1", TEXT, Scope.MULTI_AGENCY, made, ["coercive-control"],
                    target_sector="police",
                )  # fmt: skip
                action = ledger.plan_action(rec, "Police", "Brief", made + timedelta(days=90))
                if stage == Stage.PUBLISHED:
                    ledger.complete_action(action, made + timedelta(days=30))
                    ledger.review_action_impact(
                        action, made + timedelta(days=200), ImpactOutcome.EMBEDDED
                    )


def test_a_panel_sees_earlier_recommendations_with_their_outcomes(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    plant(platform, people)
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/earlier-recommendations"
    blank = visitor.get(url)
    assert blank.status_code == 200 and b"Has this been recommended before?" in blank.data
    page = visitor.get(url, query_string={"text": TEXT, "theme": "coercive-control"}).data.decode()
    # (the PostgreSQL database is shared by the session: other tests' published ones may follow)
    assert "Southtown<br><span class=\"govuk-hint govuk-!-margin-0\">Your region, published" in page
    assert "Northtown<br><span class=\"govuk-hint govuk-!-margin-0\">Your partnership" in page
    assert "1 of 1 action completed, 1 impact reviewed, 1 embedded" in page
    refused = visitor.get(url, query_string={"text": ""}).data.decode()
    assert "Give the draft recommendation" in refused
    assert (
        visitor.get(f"/partnerships/{people.neighbour}/earlier-recommendations").status_code == 404
    )


def test_the_regional_lead_sees_repeats_flagged_after_completion(
    visitor: FlaskClient, web_app: Flask, platform: Platform, people: People
) -> None:
    plant(platform, people)
    sign_in(visitor, people.names["regional"])
    page = visitor.get(f"/regions/{people.region}/repeated-recommendations")
    assert page.status_code == 200
    text = page.data.decode()
    assert "2 recommendations, 2 partnerships, 2016 to 2018" in text
    assert "Recommended again after completion" in text
    assert "Northtown" in text and "Southtown" in text
    officer = web_app.test_client()
    sign_in(officer, people.names["officer"])
    assert officer.get(f"/regions/{people.region}/repeated-recommendations").status_code == 403
