"""The auditor's case history on both stores holds everything recorded about the case, as the
officers' timeline does, with corrections beside what they corrected (an altered event:
tests/web/test_altered_event_pages.py)."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from domain.actionplan import ImplementationStatus, Scope
from domain.recording import acting_as
from tenants.platform import Platform
from tests.projections.support import open_case
from tests.web.conftest import People, page_text, sign_in, sign_in_with_code, sign_out
from tests.web.test_imr_pages import POLICE


def test_an_auditors_case_history_holds_everything_recorded_about_the_case(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """As the officers' timeline: recommendations, routing and responses, findings, costs
    (a correction beside the figure it corrected), IMRs and chronology entries, each with who."""
    officer = platform.access.rename_user(people.names["officer"], "Sam Patel")
    with acting_as(str(officer.id)), platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-ALL", date(2013, 3, 1))
        ledger.imrs.request(rid, POLICE, date(2013, 4, 1), date(2013, 5, 1))
        ledger.chronology.submit(
            rid, POLICE, date(2013, 2, 1), None, "Call-out to the address", "log", date(2013, 5, 2)
        )
        ledger.costs.estimate(rid, "chair", 850_000, date(2013, 4, 1), "")
        ledger.costs.correct(rid, "estimate.chair", 900_000, "Typed last year's day rate")
        ledger.findings.record(
            rid, "Agencies did not share the risk.", ["training"], date(2014, 1, 2)
        )
        rec = ledger.recommendations.make(
            rid,
            "R1",
            "Update the guidance.",
            Scope.NATIONAL,
            date(2014, 1, 3),
            ["training"],
            "Home Office",
        )
        ledger.recommendations.route_nationally(rec, "Home Office", date(2014, 2, 1))
        ledger.recommendations.record_national_response(
            rec, ImplementationStatus.PARTLY_MET, date(2014, 6, 1), "Guidance in draft"
        )
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])

    shown = page_text(visitor.get(f"/audit/partnerships/{people.tenant}/cases/{rid}").data)

    newest_first = [
        "National response recorded by Sam Patel",
        "Sent to a national body by Sam Patel",
        "Recommendation made by Sam Patel",
        "Finding recorded by Sam Patel",
        "Cost corrected by Sam Patel",
        "Cost estimated by Sam Patel",
        "Chronology entry submitted by Sam Patel",
        "Individual management review requested by Sam Patel",
        "Decision recorded by Sam Patel",
        "Death notified to the partnership by Sam Patel",
    ]
    assert [shown.find(title) for title in newest_first] == sorted(
        shown.find(title) for title in newest_first
    ), shown
    assert -1 not in [shown.find(title) for title in newest_first]
    assert (
        "Field Estimate: Independent chair Previous value £8,500.00 Corrected to £9,000.00 "
        "Reason Typed last year's day rate" in shown
    )
    assert "Amount £8,500.00" in shown  # the figure as first recorded, still there
    assert "Call-out to the address" not in shown and "Sealed" not in shown
    sign_out(visitor)
    sign_in(visitor, people.names["officer"])
    officers = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{rid}").data)
    assert "Cost estimated: Independent chair" in officers
    assert f"Chronology entry 1 submitted by {POLICE}" in officers


def test_an_auditors_partnership_page_leads_to_its_audit_bundle(
    visitor: FlaskClient, people: People
) -> None:
    """The page verifies the history in the service; checking it away from the service took
    a detour through "Audit bundles" and a second choice of the same partnership."""
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    page = visitor.get(f"/audit/partnerships/{people.tenant}").data.decode()
    bundle = f"/partnerships/{people.tenant}/audit-bundle"
    assert f'href="{bundle}"' in page
    assert visitor.get(bundle).status_code == 200
