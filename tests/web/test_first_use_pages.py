"""Slips a first-time officer met walking a case from notification to its action plan: words
that mangled a name, an error that asked for the wrong thing, a box shown for no reason, a
next step that led away from what the officer was doing, and a step that could not start
without saying why."""

from __future__ import annotations

import re
from datetime import date
from uuid import UUID

from flask.testing import FlaskClient

from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, post_form, sign_in
from tests.web.test_case_pages import notify_form, open_case
from tests.web.test_recording_a_review_pages import ready_to_submit

VERSION = re.compile(r'name="version" type="hidden" value="(\d+)"')


def answered(visitor: FlaskClient, url: str, data: dict[str, object], follow: bool = False) -> str:
    """A step's question page sent with these answers, as the page showed it (its version);
    ``follow``: the page it sends the browser on to (a check page)."""
    page = visitor.get(url).data
    version = VERSION.search(page.decode())
    assert version, "the form has no version"
    sent = {"csrf_token": csrf(page), "version": version[1], **data}
    return str(visitor.post(url, data=sent, follow_redirects=follow).data.decode())


def a_recommendation(platform: Platform, tenant: str, reference: str) -> tuple[UUID, UUID]:
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        review = ledger.reviews.notify(
            reference, date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            "1",
            "Train call handlers.",
            Scope.SINGLE_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_organisation="Midshire Police",
        )
    return review, rec


def test_the_check_page_keeps_the_home_office_a_name(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """ "Check your answers before you submit to the home office": the whole step lowered."""
    review = ready_to_submit(platform, people.tenant, "FU-CHECK")  # a case that can go
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/submission"
    check = answered(visitor, url, {"on": ["1", "11", "2024"]}, follow=True)
    said = page_text(check.encode())
    assert "Check your answers before you submit to the Home Office" in said, said[:2000]
    assert "<title>Check your answers: submit to the Home Office" in check
    assert "home office" not in said


def test_a_missing_date_of_an_update_is_asked_for_as_a_date(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The error said "Enter the update": "update" holds the letters of "date"."""
    _, rec = a_recommendation(platform, people.tenant, "FU-UPDATE")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        action = ledger.actions.plan(rec, "Police", "Train call handlers.", date(2024, 9, 1))
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/actions/{action}/progress"
    said = page_text(answered(visitor, url, {"text": "Half trained.", "on": ""}).encode())
    assert "Enter the date of the update, for example 27 3 2017" in said, said[:2000]
    assert "Enter the update" not in said


def test_a_date_questions_hint_and_its_error_give_the_same_example(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The hint said "For example, 27 3 2024" and the error under it "for example 27 3 2017"."""
    review = open_case(platform, people.tenant, "FU-EXAMPLE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decision"
    said = page_text(answered(visitor, url, {"outcome": "hold", "on": ""}).encode())
    assert "For example, 27 3 2017" in said
    assert "Enter the date of the decision, for example 27 3 2017" in said
    assert "27 3 2024" not in said


def test_the_box_confirming_an_unusual_answer_shows_only_for_that_refusal(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A pseudonym left empty showed "Yes, this is the pseudonym agreed with the family", and
    a cost left empty "the figure is right": boxes for a refusal that was not made."""
    empty = notify_form(visitor, people, reference="FU-EMPTY", pseudonym="")
    assert "Enter the pseudonym the review uses" in page_text(empty.encode())
    assert 'name="pseudonym_confirmed"' not in empty
    review = open_case(platform, people.tenant, "FU-COST")
    cost = post_form(
        visitor,
        f"/partnerships/{people.tenant}/cases/{review}/cost",
        {
            "category": "author",
            "amount": "",
            "on": ["1", "6", "2024"],
            "description": "Author's invoice",
        },
    ).data.decode()
    assert 'id="amount-error"' in cost
    assert 'name="amount_confirmed"' not in cost
    # the refusal it is for still brings it (test_case_pages: a name-shaped pseudonym)
    huge = post_form(
        visitor,
        f"/partnerships/{people.tenant}/cases/{review}/cost",
        {"category": "author", "amount": "900000", "on": ["1", "6", "2024"], "description": "x"},
    ).data.decode()
    assert 'name="amount_confirmed"' in huge


def test_after_a_recommendation_the_page_offers_its_actions_not_the_lifecycle(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The confirmation of a recommendation offered "Home Office approval" as the next step."""
    review = open_case(platform, people.tenant, "FU-NEXT")
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
    sent = post_form(
        visitor,
        f"{case}/recommendation",
        {
            "reference": "1",
            "text": "Ask about coercive control.",
            "scope": "multi_agency",
            "themes": [theme],
            "target_organisation": "Northtown Council",
            "target_sector": "",
            "on": ["2", "6", "2024"],
        },
    )
    assert sent.status_code == 302, sent.data.decode()[:2000]
    done = visitor.get(sent.headers["Location"]).data.decode()
    assert f'href="{case}/action">Plan an action</a>' in done, page_text(done.encode())
    assert "Decide whether to hold a review" not in done


def test_a_submission_that_cannot_start_yet_says_what_it_waits_for(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """ "Submit to the Home Office: Cannot start yet", with nothing to say what was missing."""
    review = open_case(platform, people.tenant, "FU-WAIT")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 2, 20), "hold", "criteria met")
        ledger.reviews.draft(review, "overview_report", date(2024, 6, 1))
    sign_in(visitor, people.names["officer"])
    said = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert (
        "Submit to the Home Office Needs the executive summary drafted and the action plan "
        "agreed Cannot start yet" in said
    ), said[:3000]


def test_figures_on_a_date_ask_for_the_day_in_plain_words(
    visitor: FlaskClient, people: People
) -> None:
    """The analyst's date box was labelled "On (business date)", a ledger-keeper's term."""
    sign_in(visitor, people.names["regional"])
    url = f"/regions/{people.region}/figures"
    bad = page_text(visitor.get(f"{url}?on=31&on=2&on=2025").data)
    assert "Show the figures as they stood on" in bad
    assert "The date the figures are for must be a real date, for example 27 3 2017" in bad
    assert "business" not in bad
