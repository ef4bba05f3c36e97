"""Seals prove on real stores that a tenant's history was not altered afterwards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from psycopg.sql import SQL, Identifier

from adapters.stores import PostgresStores, SQLiteStores
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform


def tenant_with_cases(platform: Platform, unique: Callable[[str], str], cases: int = 3) -> str:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("R"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    with platform.ledgers.lease(slug) as ledger:
        for n in range(cases):
            add_case(ledger, n)
    return slug


def add_case(ledger: PartnershipLedger, n: int) -> None:
    ledger.reviews.notify(
        f"DHR-{n}", date(2020, 1, 2), date(2020, 1, 9), "Ann", "dhr", "unexpected_death"
    )


def tamper(platform: Platform, slug: str, sql: str) -> None:
    """What a person with database access might do behind the application's back."""
    area = platform.registry.tenant(slug).store_area
    if isinstance(platform.stores, SQLiteStores):
        import sqlite3

        with sqlite3.connect(platform.stores.path(area)) as conn:
            conn.execute(sql.format(table="stored_events"))
    else:
        assert isinstance(platform.stores, PostgresStores)
        table = f"{PartnershipLedger.app_name(slug)}_events"
        with platform.stores.shared.transaction(commit=True) as curs:
            target = SQL("{}.{}").format(Identifier(area), Identifier(table))
            curs.execute(SQL(sql.replace("{table}", "{t}")).format(t=target))


def test_an_untouched_history_verifies_across_several_seals(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = tenant_with_cases(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        first = platform.audit.seal(ledger)
        add_case(ledger, 99)
        second = platform.audit.seal(ledger)
        result = platform.audit.verify(ledger)
    assert second.events == first.events + 2  # a case: the review's event and its index entry
    assert result.intact and result.seals_checked == 2 and result.events_checked == second.events


def test_an_altered_event_breaks_the_seal_that_covered_it(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = tenant_with_cases(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        seal = platform.audit.seal(ledger)
    tamper(
        platform,
        slug,
        "UPDATE {table} SET state = substr(state, 1, length(state) - 1) WHERE originator_version = 1",
    )
    with platform.ledgers.lease(slug, writing=False) as ledger:
        result = platform.audit.verify(ledger)
    assert not result.intact and result.broken_at_seal == seal.position


def test_a_deleted_event_is_detected(platform: Platform, unique: Callable[[str], str]) -> None:
    slug = tenant_with_cases(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        platform.audit.seal(ledger)
    tamper(platform, slug, "DELETE FROM {table} WHERE originator_version = 2")
    with platform.ledgers.lease(slug, writing=False) as ledger:
        assert not platform.audit.verify(ledger).intact
