"""A region's own ledger on real stores: its own schema or file, sealed and verified like a
tenant's, and unreachable through any tenant's store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from psycopg.sql import SQL, Identifier

from adapters.stores import PostgresStores, SQLiteStores
from tenants.platform import Platform
from tenants.region_ledger import RegionLedger, store_area

DAY = date(2016, 4, 1)


def region_with_partners(platform: Platform, unique: Callable[[str], str]) -> str:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("R"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    with platform.region_ledgers.lease(region) as ledger:
        ledger.partners.add(slug, "CSP", "csp", DAY, tenant=slug)
        ledger.partners.add("county", "County Council", "county_council", DAY)
        ledger.partners.map_name("The County", "county", DAY)
    return region


def test_the_region_ledger_has_a_store_of_its_own_and_survives_a_restart(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    first = make_platform()
    region = region_with_partners(first, unique)
    assert first.stores.area_exists(store_area(region))
    first.close()
    again = make_platform()
    with again.region_ledgers.lease(region, writing=False) as ledger:
        assert [p.key for p in ledger.partners.all()][1:] == ["county"]
        assert ledger.partners.directory().resolve("the county") is not None


def test_a_region_ledger_is_sealed_and_an_altered_event_detected(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    region = region_with_partners(platform, unique)
    with platform.region_ledgers.lease(region, writing=False) as ledger:
        seal = platform.audit.seal(ledger)
        assert platform.audit.verify(ledger).intact
    area = store_area(region)
    sql = (  # sealed (encrypted) bytes stay bytes: drop the last one
        "UPDATE {table} SET state = substr(state, 1, length(state) - 1)"
        " WHERE originator_version = 2"
    )
    if isinstance(platform.stores, SQLiteStores):
        with sqlite3.connect(platform.stores.path(area)) as conn:
            conn.execute(sql.format(table="stored_events"))
    else:
        assert isinstance(platform.stores, PostgresStores)
        target = SQL("{}.{}").format(
            Identifier(area), Identifier(f"{RegionLedger.app_name(region)}_events")
        )
        with platform.stores.shared.transaction(commit=True) as curs:
            curs.execute(SQL(sql.replace("{table}", "{t}")).format(t=target))
    with platform.region_ledgers.lease(region, writing=False) as ledger:
        result = platform.audit.verify(ledger)
    assert not result.intact and result.broken_at_seal == seal.position
