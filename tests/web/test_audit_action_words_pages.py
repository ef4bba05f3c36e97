"""An action superseded by another, in the auditor's history of it: the action that replaced
it by its recommendation, owner and what it does (its event keeps only an id, which the
history left out, so nothing said which action took over)."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.projections.support import open_case, recommend
from tests.web.conftest import People
from tests.web.conftest import page_text as text
from tests.web.test_oversight_pages import signed_in_with_code


def test_a_superseded_action_names_the_action_that_replaced_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-SUP", date(2011, 6, 1))
        rec = recommend(ledger, rid, "R4", ["training"])
        old = ledger.actions.plan(rec, "Police", "Train every officer", date(2012, 6, 1))
        new = ledger.actions.plan(rec, "Police", "Train the call handlers first", date(2012, 9, 1))
        ledger.actions.supersede(old, date(2012, 3, 1), "Narrowed to call handlers", new)
    signed_in_with_code(visitor, people, "auditor")

    shown = text(visitor.get(f"/audit/partnerships/{people.tenant}/actions/{old}").data)

    assert "Action superseded" in shown
    assert "Replaced by R4: Police, Train the call handlers first" in shown
    assert "Reason Narrowed to call handlers" in shown
    assert str(new) not in shown
