"""Spaces typed into a box that must be filled in are no answer: the page asks for the answer
beside that box, as it does when the box is left empty, and records nothing. Before, the
spaces passed the form, the ledger refused them, and its words were pinned to the form's
first question (a date or a drop-down), so the error summary sent the person to the wrong box."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.web.conftest import People, sign_in
from tests.web.test_corrections_pages import submit
from tests.web.test_plan_corrections_pages import a_plan


def test_a_reason_of_spaces_is_asked_for_beside_the_reason_box(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _, action = a_plan(platform, people, "SP-WHY")
    sign_in(visitor, people.names["lead"])
    url = f"/partnerships/{people.tenant}/corrections/{review}/actions/{action}/owner"

    refused = submit(visitor, url, {"value": "midshire-housing", "reason": "   "})

    page = refused.data.decode()
    assert refused.status_code == 200
    assert '<a href="#reason">Say why the recorded owner was wrong</a>' in page, page
    assert 'href="#value"' not in page  # nothing wrong with the owner picked
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(action).owner == "midshire-police"


def test_progress_of_spaces_is_asked_for_beside_the_what_was_done_box(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    _, _, action = a_plan(platform, people, "SP-DONE")
    sign_in(visitor, people.names["lead"])
    url = f"/partnerships/{people.tenant}/actions/{action}/progress"
    form = visitor.get(url)
    assert form.status_code == 200, url

    refused = submit(visitor, url, {"on": ["1", "6", "2024"], "text": "  \n "})

    page = refused.data.decode()
    assert refused.status_code == 200
    assert 'href="#text">Enter' in page, page
    assert 'href="#on-day"' not in page  # the date was fine
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(action).progress == ()
