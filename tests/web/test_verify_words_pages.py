"""An altered history, as the auditor is told of it: the first broken seal by its event and
day, which events the change lies among (after the last seal that still matches), an event
the service did not write by its number rather than as a seal it never was, and what to do
next. The list of everything found reads in the page's words, not the command line's."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from domain.vault import PersonalDetails
from tenants.platform import Platform
from tests.integration.test_audit_tampering import tamper
from tests.projections.support import open_case
from tests.web.conftest import People
from tests.web.conftest import page_text as text
from tests.web.test_oversight_pages import signed_in_with_code, verified


def _verified(visitor: FlaskClient, people: People) -> str:
    signed_in_with_code(visitor, people, "auditor")
    page = f"/audit/partnerships/{people.tenant}"
    result = verified(visitor, page)
    assert result.status_code == 200
    return text(result.data)


def test_an_altered_event_names_the_events_it_lies_among_and_the_seal_still_matching(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with platform.ledgers.lease(people.tenant) as ledger:
        open_case(ledger, "DHR-A", date(2013, 2, 1))
        first = platform.audit.seal(ledger)
        open_case(ledger, "DHR-B", date(2013, 3, 1))
        second = platform.audit.seal(ledger)
    tamper(
        platform,
        people.tenant,
        "UPDATE {table} SET state = substr(state, 1, length(state) - 1) "
        "WHERE {pos} = (SELECT max({pos}) FROM {table})",
    )

    shown = _verified(visitor, people)

    summary = shown.split("There is a problem", 1)[1].split("Verify integrity", 1)[0]
    page = shown.split("everything found:", 1)[1]
    assert f"History altered: the seal at event {second.position:,}, made" in summary
    assert f"among events {first.position + 1:,} to {second.position:,}" in page
    assert f"The seal before it, at event {first.position:,}, made " in page
    assert "still matches" in page
    assert "Tell the platform operator today" in page
    assert "download the audit bundle now" in page  # the rows as evidence
    assert "position" not in shown and "UTC)" not in shown  # the command line's words
    assert f"The seal at event {second.position:,} (made " in shown  # the list, as sentences


def test_an_event_removed_is_named_as_the_event_not_as_a_seal(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A case's first event deleted: its next is out of order at an event that holds no seal;
    the summary called it "the seal at event N" all the same."""
    with platform.ledgers.lease(people.tenant) as ledger:
        open_case(ledger, "DHR-A", date(2013, 2, 1))
        open_case(ledger, "DHR-B", date(2013, 3, 1))
        seal = platform.audit.seal(ledger)
    tamper(platform, people.tenant, "DELETE FROM {table} WHERE {pos} = 1")

    shown = _verified(visitor, people)

    summary = shown.split("There is a problem", 1)[1].split("Verify integrity", 1)[0]
    assert f"History altered: the seal at event {seal.position:,}, made " in summary
    assert f"among events 1 to {seal.position:,}" in shown
    listed = shown.split("everything found:", 1)[1]
    out_of_order = int(listed.split("Event ", 1)[1].split(" ", 1)[0])
    assert out_of_order < seal.position
    assert f"seal at event {out_of_order}" not in shown
    assert f"Event {out_of_order} is version 2 of its record where version 1 was due" in listed


def test_an_intact_history_says_how_many_events_no_seal_vouches_for_yet(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """ "History intact" covered the events after the last seal too, which nothing vouches for."""
    with platform.ledgers.lease(people.tenant) as ledger:
        open_case(ledger, "DHR-A", date(2013, 2, 1))
        seal = platform.audit.seal(ledger)
        open_case(ledger, "DHR-B", date(2013, 3, 1))

    shown = _verified(visitor, people)

    assert "History intact" in shown
    assert "events were recorded after the last seal (made " in shown
    assert f"at event {seal.position:,}). No seal vouches for them yet" in shown


def test_a_case_key_gone_is_named_by_the_cases_reference_alone(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The command line names the case by its id too, for the operator; the page showed it."""
    with platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-KEY", date(2013, 2, 1))
        ledger.vault.record(rid, PersonalDetails("Kim"), date(2024, 6, 1))
        platform.audit.seal(ledger)
    area = platform.registry.tenant(people.tenant).store_area
    platform.stores.keyring.store.delete("case", area, str(rid))

    shown = _verified(visitor, people)

    summary = shown.split("There is a problem", 1)[1].split("Verify integrity", 1)[0]
    assert "The key of case DHR-KEY is gone, though the case was never erased" in summary
    assert str(rid) not in shown
    assert "if this partnership was restored from a backup" in shown
