"""Dates out of order are refused on the pages, in words saying what to do, beside the date
they are about, and nothing is recorded: a finding or a cost dated before the death, a
recommendation corrected to after its action is due; and an action follows its
recommendation's corrected date."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask.testing import FlaskClient

from domain.errors import NotFoundError
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, post_form, sign_in, sign_out
from tests.web.test_case_pages import open_case
from tests.web.test_corrections_pages import submit
from tests.web.test_plan_corrections_pages import a_plan, beside_the_box


def beside_the_date(html: str) -> str:
    """The refusal in the error summary, linked to the date, and beside its boxes."""
    assert "There is a problem" in html and 'href="#on-day"' in html
    own = re.search(r'<p id="on-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    assert own is not None, html
    return " ".join(re.sub(r"<span[^>]*>Error:</span>", "", own[1]).split())


def test_a_finding_or_a_cost_dated_before_the_death_is_refused_beside_its_date(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "DO-FIND")  # incident 1 February 2024
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    finding = {"text": "GP saw injuries twice", "themes": theme, "on": ["31", "1", "2024"]}
    cost = {"category": "chair", "amount": "850", "on": ["31", "1", "2024"], "description": "x"}

    found = post_form(visitor, f"{case}/finding", finding)
    costed = post_form(visitor, f"{case}/cost", cost)

    assert found.status_code == 200
    assert beside_the_date(found.data.decode()) == (
        "The finding is dated 31 January 2024, before the incident the review is about "
        "(1 February 2024); use a date on or after the incident."
    )
    assert costed.status_code == 200
    assert beside_the_date(costed.data.decode()).startswith(
        "The cost is dated 31 January 2024, before the incident"
    )
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.costs.record_of(review) is None
        with pytest.raises(NotFoundError):
            ledger.findings.get(review)
        stored = [type(e).__name__ for e in ledger.events.get(review)]
    assert stored == ["Notified"]


def test_a_recommendation_corrected_past_its_action_is_refused_and_actions_follow_a_valid_one(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Made 1 May 2024, its action due 1 September 2024 (``a_plan``)."""
    review, rec, action = a_plan(platform, people, "DO-REC")
    sign_in(visitor, people.names["lead"])
    base = f"/partnerships/{people.tenant}/corrections/{review}"
    made_on = f"{base}/recommendations/{rec}/made_on"

    late = submit(visitor, made_on, {"value": ["2", "9", "2024"], "reason": "typo"})
    early = submit(visitor, made_on, {"value": ["31", "12", "2023"], "reason": "typo"})

    assert beside_the_box(
        late.data.decode(),
        "The recommendation cannot have been made on 2 September 2024: one of its actions is "
        "due on 1 September 2024. Use a date on or before 1 September 2024, or correct that "
        "action first.",
    )
    assert beside_the_box(early.data.decode(), "before the incident the review is about")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.recommendations.get(rec).made_on == date(2024, 5, 1)
        assert ledger.actions.get(action).version == 1  # nothing recorded on the action either

    corrected = submit(visitor, made_on, {"value": ["30", "4", "2024"], "reason": "panel's date"})
    due = submit(
        visitor,
        f"{base}/actions/{action}/due_on",
        {"value": ["30", "4", "2024"], "reason": "agreed at the panel"},
    )

    assert corrected.status_code == 302, corrected.data.decode()[:2000]
    assert due.status_code == 302, due.data.decode()[:2000]  # refused against 1 May before
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(action).due_on == date(2024, 4, 30)


def test_a_death_corrected_to_a_date_after_today_is_refused_as_a_mistyped_date(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """With a cost recorded, a year typed as 2099 was refused as coming after the cost, with
    the advice to correct the cost's date first: the wrong date to change."""
    review = open_case(platform, people.tenant, "DO-AHEAD")  # incident 1 February 2024
    sign_in(visitor, people.names["officer"])
    cost = {"category": "chair", "amount": "850", "on": ["1", "3", "2024"], "description": "x"}
    assert (
        post_form(visitor, f"/partnerships/{people.tenant}/cases/{review}/cost", cost).status_code
        == 302
    )
    sign_out(visitor)
    sign_in(visitor, people.names["lead"])
    url = f"/partnerships/{people.tenant}/corrections/{review}/incident_on"

    refused = submit(visitor, url, {"value": ["1", "2", "2099"], "reason": "typo"})

    page = refused.data.decode()
    assert refused.status_code == 200
    assert beside_the_box(page, "The incident cannot be on 1 February 2099: that is after today")
    assert "Correct that date first" not in page
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).incident_on == date(2024, 2, 1)
