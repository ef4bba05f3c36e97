"""An action superseded by another, in the auditor's history of it: the action that replaced
it by its recommendation, owner and what it does (its event keeps only an id, which the
history left out, so nothing said which action took over)."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from api.web.formatting import long_date
from domain.actionplan import ImpactOutcome
from tenants.platform import Platform
from tests.projections.support import open_case, recommend
from tests.web.conftest import People, sign_in
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


def test_an_actions_history_read_is_named_in_the_read_log_by_its_case_and_recommendation(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """As a case's history is ("A case's history: DHR-3"): the log is evidence of itself."""
    with platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-LOG", date(2011, 6, 1))
        rec = recommend(ledger, rid, "R7", ["training"])
        action = ledger.actions.plan(rec, "Police", "Train every officer", date(2012, 6, 1))
    signed_in_with_code(visitor, people, "auditor")
    visitor.get(f"/audit/partnerships/{people.tenant}/actions/{action}")

    log = text(visitor.get("/audit/reads").data)

    assert "An action's history: DHR-LOG R7" in log
    assert str(action) not in log


def test_a_documents_history_says_what_kind_of_document_and_file_it_is(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A document's kind read as a kind of review ("Kind of review: Qa letter"), its size as a
    bare number and its digest as "Sha256"."""
    content = b"%PDF-1.4\n" + b"x" * 2000
    with platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-DOC", date(2011, 6, 1))
        ledger.documents.add(rid, "qa_letter", "Letter", "letter.pdf", content, date(2012, 1, 4))
    signed_in_with_code(visitor, people, "auditor")

    shown = text(visitor.get(f"/audit/partnerships/{people.tenant}/cases/{rid}").data)

    assert "Kind of document Quality assurance letter" in shown
    assert "Kind of review Qa letter" not in shown and "Sha256" not in shown
    assert f"Size {len(content):,} bytes" in shown
    assert "SHA-256 fingerprint" in shown
    assert "letter.pdf" not in shown  # the file's name is sealed with the case's key


def test_a_budgets_history_read_is_named_in_the_read_log(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """ "A budget's history" said which kind of thing, not which budget."""
    with platform.ledgers.lease(people.tenant) as ledger:
        budget = ledger.pooled.open("POT-LOG", "Panel costs pot", "Office", date(2015, 4, 1))
    signed_in_with_code(visitor, people, "auditor")
    visitor.get(f"/audit/partnerships/{people.tenant}/budgets/{budget}")

    log = text(visitor.get("/audit/reads").data)

    assert "A budget's history: Panel costs pot" in log


def test_an_officers_action_page_says_when_the_next_impact_review_is_due(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A partly embedded review schedules the next: the action's page said only "Recorded:
    Next impact review scheduled", without the day."""
    with platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-NEXT", date(2011, 6, 1))
        rec = recommend(ledger, rid, "R1", ["training"])
        act = ledger.actions.plan(rec, "Police", "Train", date(2012, 6, 1))
        ledger.actions.complete(act, date(2012, 5, 1))
        ledger.actions.review_impact(
            act, date(2012, 11, 1), ImpactOutcome.PARTLY_EMBEDDED, "Half the teams"
        )
        due = ledger.actions.get(act).impact_review_due_on
    assert due is not None
    sign_in(visitor, people.names["officer"])

    shown = text(visitor.get(f"/partnerships/{people.tenant}/actions/{act}").data)

    assert "Recorded: Next impact review scheduled" not in shown
    assert "Next impact review scheduled by" in shown
    assert f"Due {long_date(due)}." in shown
