"""A lead corrects a finding, and a recommendation's number, scope or themes, from the case's
corrections page on both stores: themes ticked in the same boxes recording offers, the
corrected value beside the one it replaced, refusals beside the box, a form opened before the
findings changed refused, and the case's timeline wording the correction as the page does."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask.testing import FlaskClient

from domain.actionplan import Scope
from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_corrections_pages import submit
from tests.web.test_plan_corrections_pages import beside_the_box, corrections_page, stale


def a_case_with_findings(platform: Platform, people: People, reference: str) -> tuple[UUID, UUID]:
    """A case (incident 1 January 2024) with two findings and recommendation 1 (training)."""
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            reference, date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
        ledger.findings.record(review, "GP saw injuries twice", ["training"], date(2024, 5, 1))
        ledger.findings.record(review, "No DASH at the first call", ["policy"], date(2024, 5, 1))
        rec = ledger.recommendations.make(
            review,
            "1",
            "Do better.",
            Scope.SINGLE_AGENCY,
            date(2024, 5, 1),
            ["training"],
            target_organisation="Midshire Police",
        )
    return review, rec


def test_a_lead_corrects_a_findings_themes_in_the_recording_boxes_and_its_date(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _ = a_case_with_findings(platform, people, "FC-FIND")
    sign_in(visitor, people.names["lead"])
    listing = corrections_page(visitor, people, review)
    assert "Findings Finding 1 What the review found GP saw injuries twice" in listing
    assert "Themes Training Correct themes" in listing
    base = f"/partnerships/{people.tenant}/corrections/{review}/findings/1"
    form = visitor.get(f"{base}/theme_codes").data.decode()
    assert 'type="checkbox"' in form and 'value="training" checked' in form
    assert "Identification of risk" in form and "Recorded now: <strong>Training</strong>" in form
    assert "Why were the recorded themes wrong?" in form

    none = submit(visitor, f"{base}/theme_codes", {"reason": "mis-ticked"})
    early = submit(visitor, f"{base}/recorded_on", {"value": ["1", "12", "2023"], "reason": "x"})
    done = submit(
        visitor,
        f"{base}/theme_codes",
        {"value": ["identification-of-risk", "training"], "reason": "mis-ticked"},
    )

    assert beside_the_box(none.data.decode(), "Select at least one theme")
    assert beside_the_box(early.data.decode(), "before the incident")
    assert done.status_code == 302, done.data.decode()[:2000]
    page = page_text(visitor.get(done.headers["Location"]).data)
    assert "Correction recorded: Finding 1: themes." in page
    made = page.split("Corrections made", 1)[1]
    assert "Finding 1: themes Training Identification of risk, Training mis-ticked" in made, made
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        assert ledger.findings.get(review).findings[0].theme_codes == (
            "identification-of-risk",
            "training",
        )

        def change() -> None:
            ledger.findings.correct(review, 2, "text", "No DASH at all", "typo")

        refused = stale(
            visitor, f"{base}/text", {"value": "GP saw injuries", "reason": "x"}, change
        )
    assert "This record changed after you opened this page" in refused
    timeline = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert "Finding 1: themes corrected" in timeline
    assert "Was Training; corrected to Identification of risk, Training." in timeline


def test_a_lead_renumbers_rescopes_and_retags_a_recommendation(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec = a_case_with_findings(platform, people, "FC-REC")
    sign_in(visitor, people.names["lead"])
    listing = corrections_page(visitor, people, review)
    assert "Recommendation number 1 Correct recommendation number" in listing
    assert "Who must act on it Single agency" in listing
    base = f"/partnerships/{people.tenant}/corrections/{review}/recommendations/{rec}"

    bad = submit(visitor, f"{base}/reference", {"value": "1 and 2", "reason": "x"})
    number = submit(visitor, f"{base}/reference", {"value": "R2", "reason": "keyed 1 for 2"})
    scope = submit(visitor, f"{base}/scope", {"value": "national", "reason": "for the Home Office"})
    themes = submit(visitor, f"{base}/theme_codes", {"value": ["policy"], "reason": "mis-ticked"})

    assert beside_the_box(bad.data.decode(), "not a recommendation number")
    assert (number.status_code, scope.status_code, themes.status_code) == (302, 302, 302)
    made = corrections_page(visitor, people, review).split("Corrections made", 1)[1]
    assert "Recommendation R2: recommendation number 1 R2 keyed 1 for 2" in made, made
    assert "Recommendation R2: who must act on it Single agency National" in made
    assert "Recommendation R2: themes Training Policy mis-ticked" in made
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        found = ledger.recommendations.get(rec)
    assert (found.reference, found.scope, found.theme_codes) == ("R2", Scope.NATIONAL, ("policy",))
